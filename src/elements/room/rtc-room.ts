import { ContextProvider } from '@lit/context';
import { html, type PropertyValues } from 'lit';
import {
  RTCMultiConnection,
  type ConnectionState,
  type Extra,
  type Participant,
  type Session,
} from '../../core/index.js';
import { isPlainObject } from '../../protocol/extra.js';
import { connectionContext } from '../shared/context.js';
import { ELEMENT_EVENTS, type ElementErrorCode, type RoomStatus } from '../shared/events.js';
import { RtcElement } from '../shared/rtc-element.js';
import { themeStyles } from '../shared/theme.js';
import { tokenList } from '../shared/tokens.js';

const SESSION_TOKENS = ['audio', 'video', 'data', 'screen', 'oneway', 'broadcast'] as const;

/** Maps the connection's state to the room's status; `error` is the room's own. */
const STATUS_OF: Record<ConnectionState, RoomStatus> = {
  idle: 'idle',
  connecting: 'connecting',
  joined: 'joined',
  reconnecting: 'reconnecting',
  closed: 'closed',
};

/**
 * A room of an RTCMultiConnection signaling server. It owns the connection,
 * joins once it has a `room-id` and a `socket-url`, leaves when removed, and
 * provides the connection to every rtc-* element inside it, at any depth and
 * through shadow roots.
 *
 * @tagname rtc-room
 * @summary Joins a room and shares its connection with the elements inside.
 *
 * @slot - The room's content: participant lists, editors, media, your own markup.
 *
 * With a `userid` attribute, a reload is the same participant: if the server
 * still holds that userid for the old page's socket, the room waits for it to
 * be released instead of failing. Without one, each page load is a new
 * participant and the old one leaves as the page unloads.
 *
 * @fires {RtcEvent<RoomStatusChangedDetail>} rtc-room-status-changed - The room's own `status` changed (the connection's state, or `error`). `detail: {status, previous, connectionState}`.
 * @fires {RtcEvent<ReconnectScheduledDetail>} rtc-reconnect-scheduled - The signaling connection was lost; the next attempt to get back comes after `delay` ms (growing with each attempt). `detail: {attempt, delay, at}`.
 * @fires {RtcEvent<ParticipantDetail>} rtc-participant-joined - Someone (yourself included) joined. `detail: {participant, userid, extra}`.
 * @fires {RtcEvent<ParticipantLeftDetail>} rtc-participant-left - Someone left; `extra` is the last known, `reason` is `goodbye`, `lost` or `we-left`. `detail: {participant, userid, extra, reason}`.
 * @fires {RtcEvent<ParticipantStatusDetail>} rtc-participant-status-changed - A participant went `stale` (lost from signaling) or came back `online`. `detail: {participant, userid, extra, status, previous}`.
 * @fires {RtcEvent<PeerStateDetail>} rtc-peer-state-changed - The WebRTC link to a participant changed state. `detail: {participant, userid, extra, peerState, previous}`.
 * @fires {RtcEvent<ExtraUpdatedDetail>} rtc-extra-updated - A participant's extra really changed, once per change. `detail: {userid, extra, previous, changed, isLocal}`.
 * @fires {RtcEvent<ChannelDetail>} rtc-open - A data channel to a participant opened. `detail: {userid, extra, channel}`.
 * @fires {RtcEvent<ChannelDetail>} rtc-close - A data channel to a participant closed. `detail: {userid, extra, channel}`.
 * @fires {RtcEvent<MessageDetail>} rtc-message - A message arrived over a data channel. `detail: {data, userid, extra, latency}`.
 * @fires {RtcEvent<StreamDetail>} rtc-stream - A local or remote media stream started. `detail: {stream, streamid, userid, extra, isLocal, mediaElement, isAudio, isVideo, isScreen}`.
 * @fires {RtcEvent<StreamDetail>} rtc-stream-ended - A local or remote media stream ended. `detail` as `rtc-stream`, without `mediaElement`.
 * @fires {RtcEvent<MuteDetail>} rtc-mute - A participant muted a stream. `detail: {userid, streamid, muteType, isLocal}`.
 * @fires {RtcEvent<MuteDetail>} rtc-unmute - A participant unmuted a stream. `detail: {userid, streamid, muteType, isLocal}`.
 * @fires {RtcEvent<ErrorDetail>} rtc-error - Something failed: a refused room, bad extra, a bad attribute, a peer. `detail: {code, message, error}`.
 *
 * @cssproperty --rtc-font - Font. Like every `--rtc-*` property, set on the room it reaches every element inside.
 */
export class RtcRoom extends RtcElement {
  static override styles = themeStyles;

  static override properties = {
    roomId: { attribute: 'room-id', reflect: true },
    socketUrl: { attribute: 'socket-url' },
    session: {},
    extra: {},
    userid: {},
    password: {},
    maxParticipants: { attribute: 'max-participants', type: Number },
    socketMessageEvent: { attribute: 'socket-message-event' },
    throttle: { type: Number },
    status: { reflect: true },
  };

  /** The room to join (text; a number is taken as its digits). Changing it leaves the current room and joins the new one. */
  declare roomId: string | number | undefined;
  /** The signaling server, e.g. `https://signal.example.com/` (a `URL` object works too). */
  declare socketUrl: string | URL | undefined;
  /**
   * Space-separated (or an array): `audio`, `video`, `data` (the default: no camera prompt unless asked), `screen`,
   * `oneway`, `broadcast`. An unknown token is an `rtc-error` and the room does not join until it is fixed.
   */
  declare session: string | readonly string[] | undefined;
  /** Your userid on the server; random when not set. */
  declare userid: string | number | undefined;
  declare password: string | number | undefined;
  /** The room's size limit when you open it (the server counts the owner): a whole number of at least 1. */
  declare maxParticipants: number | string | undefined;
  /** The relay event name; every member of a room must use the same. */
  declare socketMessageEvent: string | undefined;
  /** Milliseconds within which extra updates are coalesced into one send (the last value always goes out). */
  declare throttle: number | string | undefined;
  /** `idle`, `connecting`, `joined`, `reconnecting`, `error` or `closed`; reflected as an attribute. */
  declare status: RoomStatus;

  /** The connection core this room drives (stock RTCMultiConnection API). */
  readonly connection = new RTCMultiConnection();

  /** While `reconnecting`: when the next attempt to get back into the room starts (ms since the epoch). */
  get nextReconnectAt(): number | undefined {
    return this.connection.nextReconnectAt;
  }
  /** The room and server we are in (or entering), to notice when either changes. */
  #target: { roomId: string; socketUrl: string } | undefined;
  #syncQueued = false;

  /** A join attempt is under way: the core's passing `idle` after a failure is not news. */
  #entering = false;
  /** Problems found while the element was out of the document, where nobody hears events: reported once it is in. */
  #unheardFailures: Array<[ElementErrorCode | 'extra-not-object', string]> = [];

  constructor() {
    super();
    this.status = 'idle';

    new ContextProvider(this, { context: connectionContext, initialValue: this.connection });
    this.#forwardEvents();
  }

  /** Everyone in the room, yourself first. */
  get participants(): Participant[] {
    return this.connection.participants;
  }

  /**
   * Your extra. Set it to an object, or to a JSON object as text (which is what the `extra` attribute does, and what
   * frameworks pass when the markup says `extra='{"fullName":"Ada"}'`): either way it is checked and sent to the
   * room. Anything else is an `rtc-error` (`extra-not-json`, `extra-not-object`) and changes nothing; `null` or
   * `undefined` (an attribute removed) keeps the extra in force.
   * @type {Readonly<Extra> | string}
   */
  get extra(): Readonly<Extra> {
    return this.connection.extra as Readonly<Extra>;
  }

  set extra(value: Readonly<Extra> | string | null | undefined) {
    if (value === null || value === undefined) return;
    let extra: unknown = value;
    if (typeof value === 'string') {
      try {
        extra = JSON.parse(value);
      } catch (error) {
        this.#fail('extra-not-json', `extra is not valid JSON: ${(error as Error).message}`);
        return;
      }
    }
    if (!isPlainObject(extra)) {
      this.#fail('extra-not-object', `extra must be an object (or a JSON object as text), not ${describe(extra)}`);
      return;
    }
    this.connection.extra = { ...extra };
    this.#unheardFailures = this.#unheardFailures.filter(([code]) => !code.startsWith('extra-'));
    if (this.#target) void this.updateExtraData().catch(() => {});
    // A corrected extra is worth another try at joining.
    if (this.status === 'error') this.#queueSync();
  }

  /** Changes your extra (a partial patch; keys set to `undefined` are removed) and sends it. */
  updateExtraData(patch?: Record<string, unknown>): Promise<void> {
    return this.connection.updateExtraData(patch);
  }

  /** Sends text or JSON to everyone (or one userid) over the data channels. */
  send(data: unknown, userid?: string): void {
    this.connection.send(data, userid);
  }

  /** Leaves the room; setting `room-id` again (or re-inserting the element) joins again. */
  async leave(): Promise<void> {
    this.#target = undefined;
    await this.connection.leave();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    for (const [code, message] of this.#unheardFailures.splice(0)) this.#fail(code, message);
    this.#queueSync();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Moving the element in the DOM disconnects and reconnects it at once: only a real removal leaves.
    queueMicrotask(() => {
      if (!this.isConnected) void this.leave();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const joiningProperties = [
      'roomId',
      'socketUrl',
      'session',
      'userid',
      'password',
      'maxParticipants',
      'socketMessageEvent',
    ] as const;
    if (joiningProperties.some((name) => changed.has(name))) this.#queueSync();
    if (changed.has('throttle')) {
      try {
        const throttle = numberOf('throttle', this.throttle, 0);
        if (throttle !== undefined) this.connection.extraUpdateInterval = throttle;
      } catch (error) {
        this.#fail('invalid-attribute', (error as Error).message);
      }
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  #queueSync(): void {
    if (this.#syncQueued) return;
    this.#syncQueued = true;
    // Attributes set together (as a CMS or a framework does) settle into one join.
    queueMicrotask(() => {
      this.#syncQueued = false;
      void this.#sync();
    });
  }

  /** Joins, moves or leaves so that the connection matches the attributes. */
  async #sync(): Promise<void> {
    let target: JoinTarget;
    try {
      target = this.#joinTarget();
    } catch (error) {
      this.#fail('invalid-attribute', (error as Error).message);
      return;
    }
    const { roomId, socketUrl } = target;
    if (!this.isConnected || !roomId || !socketUrl) {
      if (this.#target) await this.leave();
      // A room without a server is a mistake worth saying; a server without a room yet is just waiting.
      if (this.isConnected && roomId && !socketUrl)
        this.#fail(
          'invalid-attribute',
          'socket-url is missing: set it to your signaling server, e.g. https://signal.example.com/',
        );
      else if (this.isConnected && this.status !== 'error') this.#setStatus('idle');
      return;
    }
    const connection = this.connection;
    const sameTarget = this.#target?.roomId === roomId && this.#target.socketUrl === socketUrl;
    if (sameTarget && connection.connectionState !== 'idle' && connection.connectionState !== 'closed') return;
    this.#target = { roomId, socketUrl };
    connection.socketURL = socketUrl.endsWith('/') ? socketUrl : `${socketUrl}/`;
    connection.session = target.session;
    if (target.userid) {
      connection.userid = target.userid;
      // The page says who this is: a clash is most likely our own previous page, still on the server.
      connection.reclaimUserid = true;
    }
    connection.password = target.password ?? null;
    if (target.maxParticipants !== undefined) connection.maxParticipantsAllowed = target.maxParticipants;
    if (target.socketMessageEvent) connection.socketMessageEvent = target.socketMessageEvent;
    this.#entering = true;
    try {
      await connection.openOrJoin(roomId);
    } catch {
      // Reported through the connection's error event (→ rtc-error) and the status below.
      if (this.#target?.roomId === roomId) this.#setStatus('error');
    } finally {
      this.#entering = false;
    }
  }

  /** What the attributes (or properties, as frameworks set them) ask for; throws, saying what is wrong, when they cannot be used. */
  #joinTarget(): JoinTarget {
    return {
      roomId: textOf('room-id', this.roomId)?.trim(),
      socketUrl: textOf('socket-url', this.socketUrl)?.trim(),
      session: sessionOf(this.session),
      userid: textOf('userid', this.userid),
      password: textOf('password', this.password),
      maxParticipants: numberOf('max-participants', this.maxParticipants, 1),
      socketMessageEvent: textOf('socket-message-event', this.socketMessageEvent),
    };
  }

  /** Reports a value the room cannot use; before the room is in, the room's status shows it. */
  #fail(code: ElementErrorCode | 'extra-not-object', message: string): void {
    if (!this.isConnected) {
      this.#unheardFailures.push([code, message]);
      return;
    }
    const state = this.connection.connectionState;
    if (state === 'idle' || state === 'closed') this.#setStatus('error');
    this.emit('rtc-error', { code, message, error: new Error(message) });
  }

  #setStatus(status: RoomStatus): void {
    const previous = this.status;
    if (previous === status) return;
    this.status = status;
    this.emit('rtc-room-status-changed', { status, previous, connectionState: this.connection.connectionState });
  }

  /** The connection's events, re-dispatched from the room as bubbling, composed `rtc-*` events (see `ELEMENT_EVENTS`). */
  #forwardEvents(): void {
    const connection = this.connection;
    connection.addEventListener('connection-state-changed', (event) => {
      // A failed attempt passes through `idle`: the status shows `error` until something else happens.
      if (event.state === 'idle' && (this.#entering || this.status === 'error')) return;
      this.#setStatus(STATUS_OF[event.state]);
    });
    for (const [type, elementType] of Object.entries(ELEMENT_EVENTS)) {
      connection.addEventListener(type as keyof typeof ELEMENT_EVENTS, (event) =>
        this.emit(elementType, event.fields as never),
      );
    }
  }
}

interface JoinTarget {
  roomId: string | undefined;
  socketUrl: string | undefined;
  session: Session;
  userid: string | undefined;
  password: string | undefined;
  maxParticipants: number | undefined;
  socketMessageEvent: string | undefined;
}

/** A value for `Error` messages: what it is, briefly. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${value}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** An attribute's value as text: strings, and numbers (and URLs) as frameworks pass them; anything else throws. */
function textOf(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof URL) return value.href;
  throw new Error(`${name} must be text, not ${describe(value)}`);
}

/** A whole-number attribute at least `min`, from a number or its digits; empty is unset, anything else throws. */
function numberOf(name: string, value: unknown, min: number): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min)
    throw new Error(`${name} must be a whole number of at least ${min}, not ${describe(value)}`);
  return number;
}

/** `session="audio video"` (or `['audio', 'video']`) → `{audio: true, video: true}`; nothing means data; unknown tokens throw. */
function sessionOf(value: unknown): Session {
  const tokens = Array.isArray(value)
    ? value.map((token) => textOf('session', token) ?? '')
    : tokenList(textOf('session', value));
  const session: Session = {};
  for (const token of tokens.map((token) => token.toLowerCase())) {
    if (!(SESSION_TOKENS as readonly string[]).includes(token))
      throw new Error(`session: unknown token ${JSON.stringify(token)} (use ${SESSION_TOKENS.join(', ')})`);
    session[token as (typeof SESSION_TOKENS)[number]] = true;
  }
  return Object.keys(session).length > 0 ? session : { data: true };
}
