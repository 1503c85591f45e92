import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  ExtraUpdatedEvent,
  lastExtraChange,
  ParticipantJoinedEvent,
  ParticipantLeftEvent,
  type Participant,
} from '../../core/index.js';
import { Announcer, languageOf } from '../shared/announcer.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { displayName, fieldText, initials, nameFields, photoFields, photoUrl, shownFields } from '../shared/display.js';
import { AWAY_KEY, isAway } from '../shared/presence.js';
import { formatRelativeStep, relativeStep } from '../shared/relative-time.js';
import { RoomController } from '../shared/room-controller.js';
import { RtcElement } from '../shared/rtc-element.js';
import { stringOf } from '../shared/strings.js';
import { tokenList } from '../shared/tokens.js';
import { participantListStyles } from './rtc-participant-list.styles.js';

export type RowStatus = 'connecting' | 'connected' | 'stale' | 'failed';

/** Everything a row shows, already made safe: hand it to `renderParticipant` or a slotted template. */
export interface ParticipantView {
  participant: Participant;
  name: string;
  /** A photo URL that is safe to load (`https:`, `http:`, `data:image/`), else undefined. */
  photo: string | undefined;
  initials: string;
  status: RowStatus;
  statusText: string;
  isLocal: boolean;
  /** Marked away (`away: true` in their extra, as `<rtc-room away-after>` publishes it). */
  away: boolean;
  /** With `show-changed`: the latest change shown (when, which keys, as text), if any was seen. */
  changed: { at: number; keys: readonly string[]; text: string } | undefined;
  /** The other extra fields, as text. */
  fields: Array<{ key: string; text: string }>;
}

/**
 * Every string the list shows or announces; set `strings` to translate (placeholders: `{name}`, `{previous}`,
 * `{count}`; in `changed`, `{fields}` and `{time}`, the time as `Intl.RelativeTimeFormat` words it in the page's
 * language, or `justNow` under a minute).
 */
export interface ParticipantListStrings {
  listLabel: string;
  you: string;
  joined: string;
  left: string;
  renamed: string;
  connecting: string;
  connected: string;
  stale: string;
  failed: string;
  away: string;
  changed: string;
  justNow: string;
}

export const defaultParticipantListStrings: ParticipantListStrings = {
  listLabel: 'Participants ({count})',
  you: '(you)',
  joined: '{name} joined',
  left: '{name} left',
  renamed: '{previous} is now {name}',
  connecting: 'connecting',
  connected: 'connected',
  stale: 'stale',
  failed: 'connection failed',
  away: 'away',
  changed: '{fields} changed {time}',
  justNow: 'just now',
};

/** Joins that arrive this soon after our own are the room we walked into, not news to announce. */
const ARRIVAL_QUIET_MS = 2000;

/**
 * Every participant of the enclosing `<rtc-room>` with their extra, live:
 * an avatar (the photo, or initials), the display name, the status and the
 * other extra fields. Extra is untrusted: everything renders as text and only
 * `https:`, `http:` and `data:image/` photos load. Only the row that changed
 * re-renders. Joins, leaves and renames are announced through one polite live region.
 * Rows of participants marked away (`away: true` in extra) carry `data-away` and say so.
 * With `show-changed`, each row says when its extra last changed ("status changed 2 minutes ago", in the page's
 * language): a row's text is redrawn when it changes (after a minute, then hourly), not every second.
 *
 * @tagname rtc-participant-list
 * @summary The room's participants and their extra, live.
 *
 * @slot - An optional `<template>` for each row: elements with `data-name`, `data-status`,
 *   `data-initials`, `data-changed`, `data-field="key"` get text, an `<img data-photo>` gets the safe photo URL.
 *
 * @csspart list - The list (`<ul>`).
 * @csspart participant - One row (`<li>`), with `data-userid`, `data-status`, and `data-away` when away.
 * @csspart avatar - The photo or initials.
 * @csspart name - The display name.
 * @csspart self - The "(you)" marker on your own row.
 * @csspart status - The status text.
 * @csspart away - The "away" marker on the row of a participant marked away.
 * @csspart changed - With `show-changed`: when the extra last changed.
 * @csspart fields - The other extra fields (`<dl>`).
 * @csspart announcer - The visually hidden live region.
 *
 * @cssproperty --rtc-accent - Avatar background.
 * @cssproperty --rtc-on-accent - Initials color.
 * @cssproperty --rtc-muted-color - Status and field text.
 * @cssproperty --rtc-border-color - Row separators.
 * @cssproperty --rtc-avatar-size - Avatar size (default 2.5rem).
 * @cssproperty --rtc-gap - Spacing.
 * @cssproperty --rtc-font - Font.
 */
export class RtcParticipantList extends RtcElement {
  static override styles = participantListStyles;

  static override properties = {
    hideSelf: { attribute: 'hide-self', type: Boolean, reflect: true },
    nameField: { attribute: 'name-field' },
    photoField: { attribute: 'photo-field' },
    fields: {},
    showChanged: { attribute: 'show-changed' },
    strings: { attribute: false },
    renderParticipant: { attribute: false },
    clock: { attribute: false },
  };

  /** Leave your own row out. */
  declare hideSelf: boolean;
  /** The extra key holding the display name (default: the first present of fullName, name, username; else the userid). */
  declare nameField: string | undefined;
  /** The extra key holding the photo URL (default: photo, then avatar). */
  declare photoField: string | undefined;
  /** Space-separated extra keys to show besides name and photo (or an array of them; default: all the others). */
  declare fields: string | readonly string[] | undefined;
  /**
   * Say when each participant's extra last changed: present (empty) for any key but `away`, or space-separated keys
   * (`show-changed="status"`: when the status last changed). `true`/`false` as frameworks pass them.
   */
  declare showChanged: string | readonly string[] | boolean | null | undefined;
  /** Overrides for the list's strings (i18n). */
  declare strings: Partial<ParticipantListStrings>;
  /** Custom row content: return a Lit template (it escapes what it interpolates). */
  declare renderParticipant: ((view: ParticipantView) => TemplateResult) | undefined;
  /** Where `show-changed` gets the time and its timer (the system's; tests give a manual one). */
  declare clock: Clock;

  readonly #room = new RoomController(this, (event) => this.#announceChange(event));
  readonly #announcer = new Announcer(
    () => this.renderRoot.querySelector<HTMLElement>('[part="announcer"]'),
    () => languageOf(this),
  );
  #rowTemplate: HTMLTemplateElement | undefined;
  /** Bumped when anything every row depends on changes, so all rows re-render once. */
  #settingsVersion = 0;
  #quietUntil = 0;
  /** `show-changed`: the one timer that redraws the rows whose "changed" text is due to change next. */
  #changedTimer: unknown;
  #nextChangeIn = Infinity;
  #changedClock: Clock | undefined;

  constructor() {
    super();
    this.hideSelf = false;
    this.strings = {};
    this.clock = systemClock;
  }

  /** The participants shown, in order. */
  get participants(): Participant[] {
    const all = this.#room.connection?.participants ?? [];
    return this.hideSelf ? all.filter((participant) => !participant.isLocal) : all;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#announcer.cancel();
    this.#scheduleChanged(Infinity);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      ['nameField', 'photoField', 'fields', 'showChanged', 'strings', 'renderParticipant'].some((name) =>
        changed.has(name as keyof RtcParticipantList),
      )
    ) {
      this.#settingsVersion++;
    }
  }

  protected override render() {
    const participants = this.participants;
    const version = this.#settingsVersion;
    const now = this.clock.now();
    this.#nextChangeIn = Infinity;
    return html`
      <slot @slotchange=${this.#onSlotChange} hidden></slot>
      <ul part="list" aria-label=${this.#text('listLabel', { count: String(participants.length) })}>
        ${repeat(
          participants,
          (participant) => participant.userid,
          (participant) => {
            // A row is drawn again when its snapshot, the settings or its "changed" text differ, nothing else.
            const changed = this.#changedOf(participant, now, (ms) => {
              this.#nextChangeIn = Math.min(this.#nextChangeIn, ms);
            });
            return guard([participant, version, changed?.text], () => this.#renderRow(participant, changed));
          },
        )}
      </ul>
      <div part="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
    `;
  }

  protected override updated(): void {
    this.#scheduleChanged(this.#nextChangeIn);
  }

  /** The view of one participant, as rows and custom renderers see it. */
  viewOf(participant: Participant): ParticipantView {
    return this.#viewOf(participant, this.#changedOf(participant, this.clock.now()));
  }

  #viewOf(participant: Participant, changed: ParticipantView['changed']): ParticipantView {
    const name = displayName(participant, this.nameField);
    const status = rowStatus(participant);
    const hidden = [...nameFields(this.nameField), ...photoFields(this.photoField), AWAY_KEY];
    const keys = shownFields(participant.extra, this.fields == null ? undefined : tokenList(this.fields), hidden);
    return {
      participant,
      name,
      photo: photoUrl(participant.extra, this.photoField),
      initials: initials(name),
      status,
      statusText: this.#text(status),
      isLocal: participant.isLocal,
      away: isAway(participant.extra),
      changed,
      fields: keys.map((key) => ({ key, text: fieldText(participant.extra[key]) })),
    };
  }

  /**
   * With `show-changed`: the participant's latest change among the keys asked for, worded for `now`; `due` hears in
   * how many ms the wording changes.
   */
  #changedOf(participant: Participant, now: number, due?: (ms: number) => void): ParticipantView['changed'] {
    const asked = this.showChanged;
    if (asked === undefined || asked === null || asked === false) return undefined;
    const tokens = asked === true ? [] : tokenList(asked);
    const keys =
      tokens.length > 0 ? tokens : Object.keys(participant.extraChangedAt ?? {}).filter((key) => key !== AWAY_KEY);
    const change = lastExtraChange(participant, keys);
    if (!change) return undefined;
    const step = relativeStep(now - change.at);
    due?.(step.nextChangeIn);
    const lang = languageOf(this);
    const time = formatRelativeStep(step, lang, this.#text('justNow'));
    return { ...change, text: this.#text('changed', { fields: listOf(change.keys, lang), time }) };
  }

  /** One timer for the whole list, due when the first row's "changed" text is; none when no row has one. */
  #scheduleChanged(delay: number): void {
    this.#changedClock?.clearTimeout(this.#changedTimer);
    this.#changedTimer = undefined;
    this.#changedClock = undefined;
    if (delay === Infinity || !this.isConnected) return;
    this.#changedClock = this.clock;
    this.#changedTimer = this.clock.setTimeout(() => this.requestUpdate(), delay);
  }

  #renderRow(participant: Participant, changed: ParticipantView['changed']): TemplateResult {
    const view = this.#viewOf(participant, changed);
    return html`<li
      part="participant"
      data-userid=${participant.userid}
      data-status=${view.status}
      ?data-local=${view.isLocal}
      ?data-away=${view.away}
    >
      ${this.renderParticipant ? this.renderParticipant(view) : this.#rowTemplate ? fillTemplate(this.#rowTemplate, view) : this.#defaultRow(view)}
    </li>`;
  }

  #defaultRow(view: ParticipantView): TemplateResult {
    return html`<span part="avatar" aria-hidden="true"
        >${view.photo ? html`<img src=${view.photo} alt="" loading="lazy" referrerpolicy="no-referrer" />` : view.initials}</span
      >
      <span part="name"
        >${view.name} ${view.isLocal ? html`<span part="self">${this.#text('you')}</span>` : nothing}</span
      >
      <span part="status"
        >${view.statusText}${view.away ? html` · <span part="away">${this.#text('away')}</span>` : nothing}</span
      >
      ${view.changed ? html`<span part="changed">${view.changed.text}</span>` : nothing}
      ${
        view.fields.length
          ? html`<dl part="fields">
              ${view.fields.map(
                (field) =>
                  html`<div>
                    <dt>${field.key}</dt>
                    <dd>${field.text}</dd>
                  </div>`,
              )}
            </dl>`
          : nothing
      }`;
  }

  #onSlotChange(event: Event): void {
    const template = (event.target as HTMLSlotElement)
      .assignedElements()
      .find((element) => element instanceof HTMLTemplateElement);
    if (template === this.#rowTemplate) return;
    this.#rowTemplate = template;
    this.#settingsVersion++;
    this.requestUpdate();
  }

  #announceChange(event: Event): void {
    if (event instanceof ParticipantJoinedEvent) {
      if (event.participant.isLocal) this.#quietUntil = Date.now() + ARRIVAL_QUIET_MS;
      else if (Date.now() > this.#quietUntil)
        this.#announcer.announce(this.#text('joined', { name: displayName(event.participant, this.nameField) }));
    } else if (event instanceof ParticipantLeftEvent) {
      if (!event.participant.isLocal)
        this.#announcer.announce(this.#text('left', { name: displayName(event.participant, this.nameField) }));
    } else if (event instanceof ExtraUpdatedEvent) {
      const previous = displayName({ userid: event.userid, extra: event.previous }, this.nameField);
      const name = displayName({ userid: event.userid, extra: event.extra }, this.nameField);
      if (previous !== name) this.#announcer.announce(this.#text('renamed', { previous, name }));
    }
  }

  #text(key: keyof ParticipantListStrings, values?: Record<string, string>): string {
    return stringOf(this.strings, defaultParticipantListStrings, key, values);
  }
}

const listFormats = new Map<string, Intl.ListFormat | undefined>();

/** `["status", "mood"]` → "status and mood", in the page's language. */
function listOf(keys: readonly string[], lang: string): string {
  if (!listFormats.has(lang)) {
    try {
      listFormats.set(lang, new Intl.ListFormat(lang, { type: 'conjunction' }));
    } catch {
      listFormats.set(lang, undefined);
    }
  }
  return listFormats.get(lang)?.format(keys) ?? keys.join(', ');
}

function rowStatus(participant: Participant): RowStatus {
  if (participant.status === 'stale') return 'stale';
  if (participant.peerState === 'connecting' || participant.peerState === 'failed') return participant.peerState;
  return 'connected';
}

/** A copy of the author's row template with the view's values set as text (and the photo as a checked URL). */
function fillTemplate(template: HTMLTemplateElement, view: ParticipantView): DocumentFragment {
  const fragment = template.content.cloneNode(true) as DocumentFragment;
  const fill = (selector: string, text: (element: HTMLElement) => string) => {
    for (const element of fragment.querySelectorAll<HTMLElement>(selector)) element.textContent = text(element);
  };
  fill('[data-name]', () => view.name);
  fill('[data-status]', () => view.statusText);
  fill('[data-initials]', () => view.initials);
  fill('[data-changed]', () => view.changed?.text ?? '');
  fill('[data-field]', (element) => fieldText(view.participant.extra[element.dataset['field'] ?? '']));
  for (const image of fragment.querySelectorAll<HTMLImageElement>('img[data-photo]')) {
    if (view.photo) image.src = view.photo;
    else image.remove();
  }
  return fragment;
}
