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
import { describe, numberOf, secondsOf, sessionOf, textOf } from '../shared/attribute-values.js';
import { persistScope, type PersistScope } from './persistence.js';
import { globalConnection, isConnection } from './adopted-connection.js';
import { RoomAway } from './room-away.js';
import { RoomPersistence } from './room-persistence.js';

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
 * With `away-after="60"`, you are marked away after 60 seconds without input (a hidden tab gets none): `away: true`
 * in your extra, removed on your next input or when the tab is shown again. Your own `status` key is never touched.
 *
 * With `persist`, your extra (as you edited it) and a per-tab userid survive reloads, restored before joining:
 * `persist` or `persist="site"` keeps one extra for the whole site (localStorage `rtc-elements:extra`),
 * `persist="room"` one per room (`rtc-elements:extra:room:<room id>`); the userid is in sessionStorage
 * (`rtc-elements:userid:<room id>`), so two tabs stay two participants. Without `persist` nothing is stored;
 * removing it forgets what was.
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
    awayAfter: { attribute: 'away-after' },
    persist: {},
    status: { reflect: true },
    adopt: {},
  };

  /** The room to join (text; a number is taken as its digits). Changing it leaves the current room and joins the new one. */
  declare roomId: string | number | undefined;
  /** The signaling server, e.g. `https://signal.example.com/` (a `URL` object works too). */
  declare socketUrl: string | URL | undefined;
  /**
   * `presence` (the default): who is here and their extra, over signaling alone, with no peer connection and no
   * WebRTC code loaded. Or space-separated (or an array): `data` (a data channel to everyone, for `<rtc-chat>` and
   * `send()`), `audio`, `video`, `screen`, `oneway`, `broadcast`. An unknown token is an `rtc-error` and the room
   * does not join until it is fixed.
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
  /** Seconds without input (a hidden tab has none) before you are marked away (`away: true` in your extra). */
  declare awayAfter: number | string | undefined;
  /**
   * Keep your extra and a per-tab userid across reloads: empty or `site` (one extra for the site), `room` (one per
   * room); `true` and `false` as frameworks pass them. Absent (the default): nothing is stored.
   */
  declare persist: string | boolean | null | undefined;
  /**
   * `idle`, `connecting`, `joined`, `reconnecting`, `error` or `closed`; reflected as an attribute, for styling
   * (`rtc-room[status=joined]`). The room sets it; a page reads it.
   * @readonly
   */
  declare status: RoomStatus;

  /**
   * The name of a global holding a connection the page made itself (`adopt="connection"` for a stock page's
   * `var connection = new RTCMultiConnection()`): the room adopts it, as setting `connection` does.
   */
  declare adopt: string | undefined;

  #connection = new RTCMultiConnection();
  /** The page made the connection (and drives it): the room only shares it, never joins or leaves with it. */
  #adopted = false;
  /** Ends the room's listeners on the connection it forwards events from. */
  #forwarding = new AbortController();
  readonly #provider: ContextProvider<typeof connectionContext>;

  /**
   * The connection core this room drives (stock RTCMultiConnection API). Set it to a connection the page already
   * made and the room adopts it: the elements inside show that connection's room, and the page keeps driving it
   * (the room's own attributes for joining are then ignored, and removing the room does not leave).
   */
  get connection(): RTCMultiConnection {
    return this.#connection;
  }

  set connection(connection: RTCMultiConnection) {
    if (!isConnection(connection)) {
      this.#fail('invalid-attribute', 'connection must be an RTCMultiConnection of rtc-elements');
      return;
    }
    if (connection === this.#connection) return;
    if (!this.#adopted && this.#target) void this.leave();
    this.#connection = connection;
    this.#adopted = true;
    this.#forwardEvents();
    this.#provider.setValue(connection);
    this.#setStatus(STATUS_OF[connection.connectionState]);
  }

  /** While `reconnecting`: when the next attempt to get back into the room starts (ms since the epoch). */
  get nextReconnectAt(): number | undefined {
    return this.connection.nextReconnectAt;
  }
  /** The room and server we are in (or entering), to notice when either changes. */
  #target: { roomId: string; socketUrl: string } | undefined;
  #syncQueued = false;

  /** A join attempt is under way: the core's passing `idle` after a failure is not news. */
  #entering = false;
  /** The last value given to `extra`: frameworks set every property on every render, and the same value is no news. */
  #extraInput: unknown;
  /** The page's own extra (the last good `extra` given): what a stored extra is laid over in a new room. */
  #pageExtra: Record<string, unknown> = {};
  /** Problems found while the element was out of the document, where nobody hears events: reported once it is in. */
  #unheardFailures: Array<[ElementErrorCode | 'extra-not-object', string]> = [];
  readonly #away = new RoomAway(this, this.connection);
  /** Storage refusals are reported once: every keystroke would be refused again. */
  #persistFailed = false;
  readonly #persistence = new RoomPersistence(
    this,
    this.connection,
    () => {
      try {
        return textOf('room-id', this.roomId)?.trim();
      } catch {
        return undefined;
      }
    },
    (message) => {
      // Not the room's status: it joins and works on, only without remembering.
      if (!this.#persistFailed) this.emit('rtc-error', { code: 'persist-failed', message, error: new Error(message) });
      this.#persistFailed = true;
    },
  );

  constructor() {
    super();
    this.status = 'idle';

    this.#provider = new ContextProvider(this, { context: connectionContext, initialValue: this.connection });
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
   * `undefined` (an attribute removed) keeps the extra in force, and so does the same object or text again (a
   * framework re-rendering): edits made since, in `<rtc-extra-editor>` say, are not overwritten.
   * @type {Readonly<Extra> | string}
   */
  get extra(): Readonly<Extra> {
    return this.connection.extra as Readonly<Extra>;
  }

  set extra(value: Readonly<Extra> | string | null | undefined) {
    if (value === null || value === undefined || value === this.#extraInput) return;
    this.#extraInput = value;
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
    this.#pageExtra = { ...extra };
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
      if (!this.isConnected && !this.#adopted) void this.leave();
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
    if (changed.has('throttle'))
      this.#apply(() => {
        const throttle = numberOf('throttle', this.throttle, 0);
        if (throttle !== undefined) this.connection.extraUpdateInterval = throttle;
      });
    if (changed.has('awayAfter')) this.#apply(() => (this.#away.after = secondsOf('away-after', this.awayAfter)));
    if (changed.has('persist')) this.#apply(() => (this.#persistence.scope = persistScope(this.persist)));
    if (changed.has('adopt') && this.adopt) this.#adoptGlobal(this.adopt);
  }

  /** Applies an attribute's value; one the room cannot use is an `rtc-error` (`invalid-attribute`). */
  #apply(apply: () => void): void {
    try {
      apply();
    } catch (error) {
      this.#fail('invalid-attribute', (error as Error).message);
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

  /** Adopts the global named `name`; a page still loading defines it later in its own script, so that waits for it. */
  #adoptGlobal(name: string): void {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => this.#adoptGlobal(name), { once: true });
      return;
    }
    this.#apply(() => (this.connection = globalConnection(name)));
  }

  /** Joins, moves or leaves so that the connection matches the attributes. */
  async #sync(): Promise<void> {
    if (this.#adopted) return;
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
    // Before anything is sent: the server and everyone else see the restored extra first.
    this.#persistence.scope = target.persist;
    const userid = this.#persistence.enter(roomId, target.userid, this.#pageExtra as Extra) ?? target.userid;
    if (userid) {
      connection.userid = userid;
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
      persist: persistScope(this.persist),
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
    this.#forwarding.abort();
    this.#forwarding = new AbortController();
    const { signal } = this.#forwarding;
    const connection = this.connection;
    connection.addEventListener(
      'connection-state-changed',
      (event) => {
        // A failed attempt passes through `idle`: the status shows `error` until something else happens.
        if (event.state === 'idle' && (this.#entering || this.status === 'error')) return;
        this.#setStatus(STATUS_OF[event.state]);
      },
      { signal },
    );
    for (const [type, elementType] of Object.entries(ELEMENT_EVENTS)) {
      connection.addEventListener(
        type as keyof typeof ELEMENT_EVENTS,
        (event) => this.emit(elementType, event.fields as never),
        { signal },
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
  persist: PersistScope | undefined;
}
