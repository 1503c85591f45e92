import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Participant } from '../../core/index.js';
import { numberOf } from '../shared/attribute-values.js';
import { displayName, initials, photoUrl } from '../shared/display.js';
import { isAway } from '../shared/presence.js';
import { RoomController } from '../shared/room-controller.js';
import { RtcElement } from '../shared/rtc-element.js';
import { stringOf } from '../shared/strings.js';
import { avatarStackStyles } from './rtc-avatar-stack.styles.js';

/**
 * Every string the stack shows or reads out; set `strings` to translate (placeholders: `{count}`, `{name}`,
 * `{names}`).
 */
export interface AvatarStackStrings {
  label: string;
  self: string;
  away: string;
  overflow: string;
  more: string;
}

export const defaultAvatarStackStrings: AvatarStackStrings = {
  label: 'Participants ({count})',
  self: '{name} (you)',
  away: '{name} (away)',
  overflow: '+{count}',
  more: '{count} more: {names}',
};

const DEFAULT_MAX = 5;
/** Names listed in the "+N" label and tooltip; beyond these, an ellipsis. */
const MORE_NAMES = 10;

/**
 * The enclosing `<rtc-room>`'s participants as a compact face pile: each a
 * photo or initials from their extra, named in its accessible label and
 * tooltip, up to `max` faces and then "+N" for the rest (named in its label
 * too). The order is the room's, stable: you first (or last with `self-last`),
 * then everyone in order of arrival. Live as people join, leave and rename;
 * faces of participants marked away (`away: true` in extra) carry `data-away`.
 *
 * @tagname rtc-avatar-stack
 * @summary The room's participants as a face pile, "+N" beyond `max`.
 *
 * @fires {RtcEvent<ErrorDetail>} rtc-error - An attribute value the stack cannot use (`invalid-attribute`). `detail: {code, message, error}`.
 *
 * @csspart stack - The list of faces (`<ul>`).
 * @csspart avatar - One face (`<li>`), with `data-userid`, `data-status`, and `data-local`, `data-away` where they apply.
 * @csspart overflow - The "+N" face standing for the participants beyond `max`.
 *
 * @cssproperty --rtc-avatar-size - Face size (default 2rem).
 * @cssproperty --rtc-accent - Face background.
 * @cssproperty --rtc-on-accent - Initials color.
 * @cssproperty --rtc-surface - The ring around each face.
 * @cssproperty --rtc-muted-color - The "+N" face's background.
 * @cssproperty --rtc-font - Font.
 */
export class RtcAvatarStack extends RtcElement {
  static override styles = avatarStackStyles;

  static override properties = {
    max: {},
    hideSelf: { attribute: 'hide-self', type: Boolean, reflect: true },
    selfLast: { attribute: 'self-last', type: Boolean, reflect: true },
    nameField: { attribute: 'name-field' },
    photoField: { attribute: 'photo-field' },
    strings: { attribute: false },
  };

  /** The most faces shown before "+N" (a whole number, 0 or more; default 5). */
  declare max: number | string | undefined;
  /** Leave yourself out. */
  declare hideSelf: boolean;
  /** Put yourself last instead of first. */
  declare selfLast: boolean;
  /** The extra key holding the display name (as `<rtc-participant-list>`). */
  declare nameField: string | undefined;
  /** The extra key holding the photo URL (as `<rtc-participant-list>`). */
  declare photoField: string | undefined;
  /** Overrides for the stack's strings (i18n). */
  declare strings: Partial<AvatarStackStrings>;

  readonly #room = new RoomController(this);
  #max = DEFAULT_MAX;
  /** Bumped when anything every face depends on changes, so all faces render again once. */
  #settingsVersion = 0;

  constructor() {
    super();
    this.hideSelf = false;
    this.selfLast = false;
    this.strings = {};
  }

  /** The participants in the stack's order, all of them (the first `max` get a face). */
  get participants(): Participant[] {
    const all = this.#room.connection?.participants ?? [];
    const self = all.filter((participant) => participant.isLocal && !this.hideSelf);
    const others = all.filter((participant) => !participant.isLocal);
    return this.selfLast ? [...others, ...self] : [...self, ...others];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('max')) {
      try {
        this.#max = numberOf('max', this.max, 0) ?? DEFAULT_MAX;
      } catch (error) {
        const message = (error as Error).message;
        this.emit('rtc-error', { code: 'invalid-attribute', message, error: new Error(message) });
      }
    }
    if (['nameField', 'photoField', 'strings'].some((name) => changed.has(name as keyof RtcAvatarStack)))
      this.#settingsVersion++;
  }

  protected override render() {
    const participants = this.participants;
    const shown = participants.slice(0, this.#max);
    const rest = participants.slice(this.#max);
    const version = this.#settingsVersion;
    return html`<ul part="stack" aria-label=${this.#text('label', { count: String(participants.length) })}>
      ${repeat(
        shown,
        (participant) => participant.userid,
        (participant) => guard([participant, version], () => this.#renderFace(participant)),
      )}
      ${rest.length > 0 ? this.#renderOverflow(rest) : nothing}
    </ul>`;
  }

  #renderFace(participant: Participant): TemplateResult {
    const name = displayName(participant, this.nameField);
    const photo = photoUrl(participant.extra, this.photoField);
    const away = isAway(participant.extra);
    const label = this.#label(participant, name);
    return html`<li
      part="avatar"
      data-userid=${participant.userid}
      data-status=${participant.status}
      ?data-local=${participant.isLocal}
      ?data-away=${away}
      title=${label}
    >
      ${
        photo
          ? html`<img src=${photo} alt=${label} loading="lazy" referrerpolicy="no-referrer" />`
          : html`<span role="img" aria-label=${label}>${initials(name)}</span>`
      }
    </li>`;
  }

  #renderOverflow(rest: Participant[]): TemplateResult {
    const names = rest.slice(0, MORE_NAMES).map((participant) => displayName(participant, this.nameField));
    const label = this.#text('more', {
      count: String(rest.length),
      names: names.join(', ') + (rest.length > MORE_NAMES ? ', …' : ''),
    });
    return html`<li part="overflow" title=${label}>
      <span role="img" aria-label=${label}>${this.#text('overflow', { count: String(rest.length) })}</span>
    </li>`;
  }

  #label(participant: Participant, name: string): string {
    const label = participant.isLocal ? this.#text('self', { name }) : name;
    return isAway(participant.extra) ? this.#text('away', { name: label }) : label;
  }

  #text(key: keyof AvatarStackStrings, values?: Record<string, string>): string {
    return stringOf(this.strings, defaultAvatarStackStrings, key, values);
  }
}
