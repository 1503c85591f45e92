import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { DataMessageEvent, Extra, RTCMultiConnection } from '../../core/index.js';
import { languageOf } from '../shared/announcer.js';
import { numberOf } from '../shared/attribute-values.js';
import { displayName, initials, photoUrl } from '../shared/display.js';
import { RoomController } from '../shared/room-controller.js';
import { RtcElement } from '../shared/rtc-element.js';
import { stringOf } from '../shared/strings.js';
import { ChatHistory, DEFAULT_MAX_MESSAGES, type ChatMessage } from './chat-history.js';
import { linkify } from './linkify.js';
import { chatStyles } from './rtc-chat.styles.js';

/** Every string the chat shows; set `strings` to translate. */
export interface ChatStrings {
  logLabel: string;
  messageLabel: string;
  placeholder: string;
  send: string;
  you: string;
  noDataChannel: string;
}

export const defaultChatStrings: ChatStrings = {
  logLabel: 'Chat messages',
  messageLabel: 'Message',
  placeholder: 'Type a message; Enter sends',
  send: 'Send',
  you: '(you)',
  noDataChannel: 'Chat is off: this room has no data channel. Add "data" to the room’s session to chat.',
};

const DEFAULT_MAX_LENGTH = 2000;

/**
 * A text chat over the enclosing `<rtc-room>`'s data channels, in stock
 * RTCMultiConnection's text format: stock clients in the room get each message
 * in `onmessage`, and text they `send()` appears here. Each message shows its
 * sender's display name and avatar from their current extra (a rename relabels
 * past messages); yours are marked. Messages are text, never HTML; `https:`
 * and `http:` addresses become links (`rel="noopener noreferrer"`). The log
 * (`role="log"`) reads new messages out politely. History is kept in memory, up
 * to `max-messages`, for the current room. Only text messages are chat: JSON
 * your page sends with `room.send(object)` is left alone.
 *
 * @tagname rtc-chat
 * @summary A text chat for the room, with each sender's name and avatar.
 *
 * @fires {RtcEvent<ErrorDetail>} rtc-error - An attribute value the chat cannot use (`invalid-attribute`). `detail: {code, message, error}`.
 *
 * @csspart notice - Says why the chat is off (the room's session has no data channel).
 * @csspart log - The scrolling message log (`role="log"`).
 * @csspart messages - The list of messages (`<ol>`).
 * @csspart message - One message (`<li>`), with `data-userid`, and `data-local` on yours.
 * @csspart avatar - The sender's photo or initials.
 * @csspart name - The sender's display name.
 * @csspart self - The "(you)" marker on your messages.
 * @csspart time - When the message was sent or arrived (`<time>`).
 * @csspart text - The message text.
 * @csspart link - A web address in a message.
 * @csspart form - The form holding the input and the send button.
 * @csspart input - The message input.
 * @csspart send - The send button.
 *
 * @cssproperty --rtc-accent - Avatar background, your messages' edge, the send button.
 * @cssproperty --rtc-on-accent - Initials and send button text.
 * @cssproperty --rtc-muted-color - Times and the notice.
 * @cssproperty --rtc-border-color - The log's and the input's borders.
 * @cssproperty --rtc-surface - The input's background.
 * @cssproperty --rtc-on-surface - The input's text.
 * @cssproperty --rtc-radius - Corners.
 * @cssproperty --rtc-gap - Spacing.
 * @cssproperty --rtc-chat-height - Height of the log (default 20rem).
 * @cssproperty --rtc-font - Font.
 */
export class RtcChat extends RtcElement {
  static override styles = chatStyles;

  static override properties = {
    maxMessages: { attribute: 'max-messages' },
    maxLength: { attribute: 'max-length' },
    nameField: { attribute: 'name-field' },
    photoField: { attribute: 'photo-field' },
    strings: { attribute: false },
  };

  /** How many messages to keep (the oldest go first): a whole number, at least 1 (default 200). */
  declare maxMessages: number | string | undefined;
  /** The longest message you can send, in characters; longer ones from others are cut (default 2000). */
  declare maxLength: number | string | undefined;
  /** The extra key holding the display name (as `<rtc-participant-list>`). */
  declare nameField: string | undefined;
  /** The extra key holding the photo URL (as `<rtc-participant-list>`). */
  declare photoField: string | undefined;
  /** Overrides for the chat's strings (i18n). */
  declare strings: Partial<ChatStrings>;

  readonly #history = new ChatHistory();
  #maxLength = DEFAULT_MAX_LENGTH;
  /** Bumped when anything every message depends on changes, so all of them render again once. */
  #settingsVersion = 0;
  /** The log was scrolled to its end before this update: keep it there. */
  #stickToEnd = true;
  readonly #onMessage = (event: DataMessageEvent) => {
    if (typeof event.data !== 'string') return;
    this.#add(event.userid, event.data, false, event.extra);
  };
  readonly #room = new RoomController(this, undefined, (connection) => this.#listen(connection));
  #listening: RTCMultiConnection | undefined;

  constructor() {
    super();
    this.strings = {};
  }

  /** The messages kept, oldest first. */
  get messages(): readonly ChatMessage[] {
    return this.#history.messages;
  }

  /**
   * Sends `text` to the room as a chat message (as typing it and pressing Enter does); false, sending and showing
   * nothing, when the chat is off or the room is not joined (yet, or any more).
   */
  send(text: string): boolean {
    const connection = this.#room.connection;
    const message = text.trim().slice(0, this.#maxLength);
    if (!connection || !message || !canChat(connection) || connection.connectionState !== 'joined') return false;
    // Alone in the room, there is nobody to send to (and no error to report): the message is only shown.
    if (connection.getAllParticipants().length > 0) connection.send(message);
    this.#add(connection.userid, message, true, connection.extra as Extra);
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('maxMessages'))
      this.#attribute(() => {
        this.#history.limit = numberOf('max-messages', this.maxMessages, 1) ?? DEFAULT_MAX_MESSAGES;
      });
    if (changed.has('maxLength'))
      this.#attribute(() => {
        this.#maxLength = numberOf('max-length', this.maxLength, 1) ?? DEFAULT_MAX_LENGTH;
      });
    if (['nameField', 'photoField', 'strings'].some((name) => changed.has(name as keyof RtcChat)))
      this.#settingsVersion++;
    // In another room now (the room's room-id changed): the last room's messages go.
    const connection = this.#room.connection;
    if (connection?.connectionState === 'joined') this.#history.moveTo(connection.sessionid);
    const log = this.renderRoot.querySelector('[part="log"]');
    this.#stickToEnd = !log || log.scrollHeight - log.scrollTop - log.clientHeight < 4;
  }

  protected override render() {
    const connection = this.#room.connection;
    const enabled = !!connection && canChat(connection) && connection.connectionState === 'joined';
    const participants = new Map(connection?.participants.map((participant) => [participant.userid, participant]));
    const version = this.#settingsVersion;
    const lang = languageOf(this);
    const time = timeFormat(lang);
    return html`
      ${connection && noDataChannel(connection) ? html`<p part="notice">${this.#text('noDataChannel')}</p>` : nothing}
      <div
        part="log"
        role="log"
        aria-label=${this.#text('logLabel')}
        aria-live="polite"
        aria-relevant="additions"
        tabindex="0"
      >
        <ol part="messages">
          ${repeat(
            this.#history.messages,
            (message) => message.id,
            (message) => {
              const extra = participants.get(message.userid)?.extra ?? this.#lastKnownExtra(message);
              return guard([message, extra, version, lang], () => this.#renderMessage(message, extra, time));
            },
          )}
        </ol>
      </div>
      <form part="form" @submit=${this.#onSubmit}>
        <label for="message" class="visually-hidden">${this.#text('messageLabel')}</label>
        <input
          part="input"
          id="message"
          name="message"
          autocomplete="off"
          enterkeyhint="send"
          placeholder=${this.#text('placeholder')}
          maxlength=${this.#maxLength}
          ?disabled=${!enabled}
        />
        <button part="send" type="submit" ?disabled=${!enabled}>${this.#text('send')}</button>
      </form>
    `;
  }

  protected override updated(): void {
    const log = this.renderRoot.querySelector('[part="log"]');
    if (log && this.#stickToEnd) log.scrollTop = log.scrollHeight;
  }

  #renderMessage(message: ChatMessage, extra: Readonly<Extra>, time: Intl.DateTimeFormat): TemplateResult {
    const sender = { userid: message.userid, extra };
    const name = displayName(sender, this.nameField);
    const photo = photoUrl(extra, this.photoField);
    return html`<li part="message" data-userid=${message.userid} ?data-local=${message.isLocal}>
      <span part="avatar" aria-hidden="true"
        >${photo ? html`<img src=${photo} alt="" loading="lazy" referrerpolicy="no-referrer" />` : initials(name)}</span
      >
      <span part="name"
        >${name}${message.isLocal ? html` <span part="self">${this.#text('you')}</span>` : nothing}</span
      >
      <time part="time" datetime=${new Date(message.at).toISOString()}>${time.format(message.at)}</time>
      <span part="text"
        >${linkify(message.text).map((part) =>
          part.href
            ? html`<a part="link" href=${part.href} rel="noopener noreferrer" target="_blank">${part.text}</a>`
            : part.text,
        )}</span
      >
    </li>`;
  }

  /** A departed sender: the last extra the room knew, else the one that came with the message. */
  #lastKnownExtra(message: ChatMessage): Readonly<Extra> {
    const known = this.#room.connection?.getExtraData(message.userid);
    return known && Object.keys(known).length > 0 ? known : message.extra;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('[part="input"]')!;
    if (this.send(input.value)) input.value = '';
  }

  #add(userid: string, text: string, isLocal: boolean, extra: Readonly<Extra>): void {
    const shown = text.length > this.#maxLength ? `${text.slice(0, this.#maxLength - 1)}…` : text;
    this.#history.add(this.#room.connection?.sessionid, { userid, text: shown, at: Date.now(), isLocal, extra });
    this.requestUpdate();
  }

  #listen(connection: RTCMultiConnection | undefined): void {
    this.#listening?.removeEventListener('message', this.#onMessage);
    this.#listening = this.isConnected ? connection : undefined;
    this.#listening?.addEventListener('message', this.#onMessage);
  }

  /** Applies an attribute; a value it cannot use is an `rtc-error` and the default stays. */
  #attribute(apply: () => void): void {
    try {
      apply();
    } catch (error) {
      const message = (error as Error).message;
      this.emit('rtc-error', { code: 'invalid-attribute', message, error: new Error(message) });
    }
  }

  #text(key: keyof ChatStrings): string {
    return stringOf(this.strings, defaultChatStrings, key);
  }
}

/** Chat needs data channels: a room whose session has `data`. */
function canChat(connection: RTCMultiConnection): boolean {
  return !!connection.session.data;
}

/** The room has set its session (it is joining, in, or was in a room) and the session has no data channel. */
function noDataChannel(connection: RTCMultiConnection): boolean {
  return connection.connectionState !== 'idle' && !canChat(connection);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(lang: string): Intl.DateTimeFormat {
  let format = timeFormats.get(lang);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' });
    } catch {
      format = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });
    }
    timeFormats.set(lang, format);
  }
  return format;
}
