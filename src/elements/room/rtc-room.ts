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
import type { RoomStatus } from '../shared/events.js';
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
 * @fires rtc-status-changed - The room's `status` changed. `detail: {status, previous, connectionState}`.
 * @fires rtc-reconnect-scheduled - The signaling connection was lost; the next attempt to get back comes after `delay` ms (growing with each attempt). `detail: {attempt, delay, at}`.
 * @fires rtc-participant-joined - Someone (yourself included) joined. `detail: {participant, userid, extra}`.
 * @fires rtc-participant-left - Someone left; `extra` is the last known. `detail: {participant, userid, extra}`.
 * @fires rtc-participant-status-changed - A participant went `stale` (lost from signaling) or came back `online`.
 * @fires rtc-extra-updated - A participant's extra really changed, once per change. `detail: {userid, extra, previous, changed, isLocal}`.
 * @fires rtc-open - A data channel to a participant opened. `detail: {userid, extra, channel}`.
 * @fires rtc-message - A message arrived over a data channel. `detail: {data, userid, extra, latency}`.
 * @fires rtc-stream - A local or remote media stream started. `detail: {stream, streamid, userid, extra, isLocal, mediaElement, isAudio, isVideo}`.
 * @fires rtc-stream-ended - A media stream ended.
 * With a `userid` attribute, a reload is the same participant: if the server
 * still holds that userid for the old page's socket, the room waits for it to
 * be released instead of failing. Without one, each page load is a new
 * participant and the old one leaves as the page unloads.
 *
 * @fires rtc-error - Something failed: a refused room, bad extra, a bad attribute, a peer. `detail: {code, message, error}`.
 *
 * @cssproperty --rtc-accent - The accent color shared by all rtc-* elements.
 */
export class RtcRoom extends RtcElement {
  static override styles = themeStyles;

  static override properties = {
    roomId: { attribute: 'room-id', reflect: true },
    socketUrl: { attribute: 'socket-url' },
    session: {},
    extraAttribute: { attribute: 'extra' },
    userid: {},
    password: {},
    maxParticipants: { attribute: 'max-participants', type: Number },
    socketMessageEvent: { attribute: 'socket-message-event' },
    throttle: { type: Number },
    status: { reflect: true },
  };

  /** The room to join. Changing it leaves the current room and joins the new one. */
  declare roomId: string | undefined;
  /** The signaling server, e.g. `https://signal.example.com/`. */
  declare socketUrl: string | undefined;
  /** Space-separated: `audio`, `video`, `data` (the default: no camera prompt unless asked), `screen`, `oneway`, `broadcast`. */
  declare session: string;
  /** The initial extra, as JSON (the `extra` attribute). */
  declare extraAttribute: string | undefined;
  /** Your userid on the server; random when not set. */
  declare userid: string | undefined;
  declare password: string | undefined;
  /** The room's size limit when you open it (the server counts the owner). */
  declare maxParticipants: number | undefined;
  /** The relay event name; every member of a room must use the same. */
  declare socketMessageEvent: string | undefined;
  /** Milliseconds within which extra updates are coalesced into one send (the last value always goes out). */
  declare throttle: number | undefined;
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

  constructor() {
    super();
    this.session = 'data';
    this.status = 'idle';

    new ContextProvider(this, { context: connectionContext, initialValue: this.connection });
    this.#forwardEvents();
  }

  /** Everyone in the room, yourself first. */
  get participants(): Participant[] {
    return this.connection.participants;
  }

  /** Your extra (the `extra` attribute sets the initial one). */
  get extra(): Readonly<Extra> {
    return this.connection.extra as Readonly<Extra>;
  }

  set extra(value: Record<string, unknown>) {
    this.connection.extra = { ...value };
    if (this.#target) void this.updateExtraData().catch(() => {});
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
    if (changed.has('extraAttribute') && this.extraAttribute !== undefined) {
      this.#applyExtraAttribute();
      // A corrected extra is worth another try at joining.
      if (this.status === 'error') this.#queueSync();
    }
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
    if (changed.has('throttle') && this.throttle !== undefined && Number.isFinite(this.throttle))
      this.connection.extraUpdateInterval = Math.max(0, this.throttle);
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  #applyExtraAttribute(): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.extraAttribute!);
    } catch (error) {
      this.#fail('invalid-attribute', `the extra attribute is not valid JSON: ${(error as Error).message}`);
      return;
    }
    if (!isPlainObject(parsed)) {
      this.#fail('invalid-attribute', 'the extra attribute must be a JSON object');
      return;
    }
    this.extra = parsed;
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
    const roomId = this.roomId?.trim();
    const socketUrl = this.socketUrl?.trim();
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
    connection.session = parseSession(this.session);
    if (this.userid) {
      connection.userid = this.userid;
      // The page says who this is: a clash is most likely our own previous page, still on the server.
      connection.reclaimUserid = true;
    }
    connection.password = this.password ?? null;
    if (this.maxParticipants !== undefined && Number.isFinite(this.maxParticipants))
      connection.maxParticipantsAllowed = this.maxParticipants;
    if (this.socketMessageEvent) connection.socketMessageEvent = this.socketMessageEvent;
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

  #fail(code: 'invalid-attribute', message: string): void {
    this.#setStatus('error');
    this.emit('rtc-error', { code, message, error: new Error(message) });
  }

  #setStatus(status: RoomStatus): void {
    const previous = this.status;
    if (previous === status) return;
    this.status = status;
    this.emit('rtc-status-changed', { status, previous, connectionState: this.connection.connectionState });
  }

  /** The connection's events, re-dispatched from the room as bubbling, composed `rtc-*` events. */
  #forwardEvents(): void {
    const connection = this.connection;
    connection.addEventListener('connection-state-changed', (event) => {
      // A failed attempt passes through `idle`: the status shows `error` until something else happens.
      if (event.state === 'idle' && (this.#entering || this.status === 'error')) return;
      this.#setStatus(STATUS_OF[event.state]);
    });
    connection.addEventListener('reconnect-scheduled', ({ attempt, delay, at }) =>
      this.emit('rtc-reconnect-scheduled', { attempt, delay, at }),
    );
    connection.addEventListener('participant-joined', (event) =>
      this.emit('rtc-participant-joined', { participant: event.participant, userid: event.userid, extra: event.extra }),
    );
    connection.addEventListener('participant-left', (event) =>
      this.emit('rtc-participant-left', { participant: event.participant, userid: event.userid, extra: event.extra }),
    );
    connection.addEventListener('status-changed', (event) =>
      this.emit('rtc-participant-status-changed', {
        participant: event.participant,
        userid: event.userid,
        extra: event.participant.extra,
        status: event.status,
        previous: event.previous,
      }),
    );
    connection.addEventListener('extra-updated', (event) =>
      this.emit('rtc-extra-updated', {
        userid: event.userid,
        extra: event.extra,
        previous: event.previous,
        changed: event.changed,
        isLocal: event.isLocal,
      }),
    );
    connection.addEventListener('open', (event) =>
      this.emit('rtc-open', { userid: event.userid, extra: event.extra, channel: event.channel }),
    );
    connection.addEventListener('message', (event) =>
      this.emit('rtc-message', { data: event.data, userid: event.userid, extra: event.extra, latency: event.latency }),
    );
    for (const type of ['stream', 'stream-ended'] as const) {
      connection.addEventListener(type, (event) =>
        this.emit(type === 'stream' ? 'rtc-stream' : 'rtc-stream-ended', {
          stream: event.stream,
          streamid: event.streamid,
          userid: event.userid,
          extra: event.extra,
          isLocal: event.isLocal,
          mediaElement: event.mediaElement,
          isAudio: event.isAudio,
          isVideo: event.isVideo,
        }),
      );
    }
    connection.addEventListener('error', (event) =>
      this.emit('rtc-error', { code: event.code, message: event.message, error: event.error }),
    );
  }
}

/** `session="audio video"` → `{audio: true, video: true}`; unknown tokens are ignored, nothing means data. */
function parseSession(tokens: string | undefined): Session {
  const session: Session = {};
  for (const token of tokenList(tokens?.toLowerCase())) {
    if ((SESSION_TOKENS as readonly string[]).includes(token)) session[token as (typeof SESSION_TOKENS)[number]] = true;
  }
  return Object.keys(session).length > 0 ? session : { data: true };
}
