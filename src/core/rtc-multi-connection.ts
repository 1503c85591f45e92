/**
 * A framework-free RTCMultiConnection: stock 3.7.1's room-and-extra API on the
 * stock wire protocol, with a roster built from signaling and the stock
 * client's extra bugs fixed (duplicate and self-echo events, lost updates,
 * stale state after reconnect, crashes on odd input). No DOM: it runs in
 * browsers and in Node 20 alike.
 */
import { io, type Socket } from 'socket.io-client';
import {
  ClientEvent,
  DEFAULT_SOCKET_CUSTOM_EVENT,
  DEFAULT_SOCKET_MESSAGE_EVENT,
  SERVER_ROOM_INFO_KEY,
  ServerError,
  ServerEvent,
} from '../protocol/constants.js';
import {
  checkOwnExtra,
  DEFAULT_EXTRA_SIZE_LIMIT,
  DEFAULT_INCOMING_EXTRA_SIZE_LIMIT,
  handshakeExtraJson,
  isPlainObject,
  jsonEquals,
  mergeExtraPatch,
  sanitizeIncomingExtra,
  type Extra,
} from '../protocol/extra.js';
import { idProblem, isValidId, randomToken } from '../protocol/ids.js';
import {
  buildEnvelope,
  buildHandshakeQuery,
  buildJoinRequest,
  buildPresence,
  buildRoomRequest,
  classifyMessage,
  isDataOnly,
  parseEnvelope,
  parseRoomPresence,
  USER_LEFT_MESSAGE,
  type Envelope,
  type RoomPresence,
  type Session,
} from '../protocol/messages.js';
import { parseNegotiation, parseSdpConstraints, type WirePreferences } from '../protocol/negotiation.js';
import { Coalescer } from './extra/coalescer.js';
import { canUseWebRTC, MediaSession, type MediaHost } from './webrtc/media-session.js';
import { errorFromServer, RtcError } from './errors.js';
import {
  ConnectionStateChangedEvent,
  ExtraUpdatedEvent,
  ParticipantJoinedEvent,
  ParticipantLeftEvent,
  RtcErrorEvent,
  PeerStateChangedEvent,
  StatusChangedEvent,
  type ConnectionEventMap,
  type ConnectionState,
  type Participant,
  type ParticipantStatus,
} from './events.js';
import { createPeers, deletePeer, setPeer, type Peers } from './participants/peers.js';
import { Roster, type RosterListener } from './participants/roster.js';

/** Stock callback of open/join/openOrJoin: `(succeeded, roomid, error?)`. */
export type RoomCallback = (succeeded: boolean, roomid: string, error?: string) => void;

export interface RoomResult {
  roomid: string;
  /** True when this connection opened (owns) the room, false when it joined. */
  isInitiator: boolean;
}

/** What stock passes to `onNewParticipant`, with `extra` actually filled in. */
export interface UserPreferences extends WirePreferences {
  extra: Readonly<Extra>;
  connectionDescription: Envelope;
}

/** The stock onstream/onstreamended event object. */
export interface StockStreamEvent {
  stream: MediaStream;
  type: 'local' | 'remote';
  userid: string;
  extra: Readonly<Extra>;
  streamid: string;
  mediaElement?: HTMLMediaElement | undefined;
  isAudio: boolean;
  isVideo: boolean;
  isScreen: boolean;
}

export interface ConnectionOptions {
  socketURL?: string;
  userid?: string;
  extra?: Record<string, unknown>;
  session?: Session;
  password?: string | null;
  maxParticipantsAllowed?: number;
  socketMessageEvent?: string;
  extraSizeLimit?: number;
  extraUpdateInterval?: number;
  participantGracePeriod?: number;
  requestTimeout?: number;
  reclaimUserid?: boolean;
  iceServers?: RTCIceServer[];
  mediaConstraints?: MediaStreamConstraints;
}

type RoomMode = 'open' | 'join' | 'openOrJoin';

interface InflightRequest {
  reject(error: RtcError): void;
}

const noop = (): void => {};
/** How long a refusal of our userid is blamed on our own just-closed socket. */
const RECENT_OWN_DISCONNECT_MS = 10000;
/** How long leaving waits for the server to confirm it handled our goodbyes. */
const GOODBYE_TIMEOUT_MS = 1000;

/** Connects a socket (again, after it was disconnected on purpose) and resolves once it is connected. */
function connectSocket(socket: Socket, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    };
    const onConnect = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(
        new RtcError('connection-failed', `cannot reach the signaling server at ${url}: ${error.message}`, {
          socketURL: url,
        }),
      );
    };
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
    socket.connect();
  });
}

export interface RTCMultiConnection {
  addEventListener<K extends keyof ConnectionEventMap>(
    type: K,
    listener: (this: RTCMultiConnection, event: ConnectionEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof ConnectionEventMap>(
    type: K,
    listener: (this: RTCMultiConnection, event: ConnectionEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}

export class RTCMultiConnection extends EventTarget {
  /** The signaling server; like stock, `'/'` means the page's own origin. */
  socketURL = '/';
  userid: string = randomToken();
  /** The current (or last) room id. */
  sessionid = '';
  /** Your metadata. Mutate it and call `updateExtraData()`, or pass a patch to `updateExtraData`. */
  extra: Record<string, unknown> = {};
  session: Session = { audio: true, video: true };
  isInitiator = false;
  password: string | null = null;
  /** The room's size limit when this connection opens it; the server counts the owner. */
  maxParticipantsAllowed = 1000;
  socketMessageEvent = DEFAULT_SOCKET_MESSAGE_EVENT;
  socketCustomEvent = DEFAULT_SOCKET_CUSTOM_EVENT;
  /** When this connection owns the room and leaves: true deletes the room, false hands it on. */
  autoCloseEntireSession = false;
  publicRoomIdentifier = '';
  /** Largest own extra accepted, in bytes of serialised UTF-8 JSON. */
  extraSizeLimit = DEFAULT_EXTRA_SIZE_LIMIT;
  /** Largest extra accepted from others. */
  incomingExtraSizeLimit = DEFAULT_INCOMING_EXTRA_SIZE_LIMIT;
  /** Extra sends are coalesced to at most one per this many milliseconds (the first one is never delayed). */
  extraUpdateInterval = 100;
  /** How long a participant lost from signaling stays listed as `stale` before it is dropped. */
  participantGracePeriod = 5000;
  /** How long to wait for the server to answer a request. */
  requestTimeout = 10000;
  /** How long to keep retrying when a reconnect finds our own old socket still holding the userid. */
  useridReclaimTimeout = 60000;
  /**
   * The userid was ours a moment ago (the page reloaded, say): if the server
   * still holds it for the old socket, wait for it to be released (up to
   * `useridReclaimTimeout`) instead of failing with `userid-already-taken`.
   */
  reclaimUserid = false;
  /**
   * STUN/TURN servers for WebRTC. Empty by default (stock uses Google's STUN):
   * set your own for participants behind NATs.
   */
  iceServers: RTCIceServer[] = [];
  /** getUserMedia constraints; by default audio and video as `session` asks. */
  mediaConstraints: MediaStreamConstraints | undefined = undefined;
  /** Leave the room (telling everyone at once) when the page is hidden for good, as stock does. */
  closeBeforeUnload = true;
  socket: Socket | null = null;
  /** Remote participants by userid, as stock apps read `connection.peers[userid].extra`. */
  readonly peers: Peers = createPeers();

  /** A remote participant's extra really changed. */
  onExtraDataUpdated: (event: { userid: string; extra: Readonly<Extra> }) => void = noop;
  /** A remote participant came online, went stale, or went offline (left). */
  onUserStatusChanged: (event: {
    userid: string;
    status: ParticipantStatus | 'offline';
    extra: Readonly<Extra>;
  }) => void = noop;
  /** A remote participant left the room; `extra` is the last one known. */
  onleave: (event: { userid: string; extra: Readonly<Extra> }) => void = noop;
  /** A participant asks to join; the default accepts. `preferences.extra` is the joiner's real extra. */
  onNewParticipant: (userid: string, preferences: UserPreferences) => void = (userid, preferences) =>
    this.acceptParticipationRequest(userid, preferences);
  /** The server refused our userid because another socket holds it. */
  onUserIdAlreadyTaken: (takenUserid: string, suggestedUserid: string) => void = noop;
  /** A local or remote stream started: `{stream, type: 'local'|'remote', userid, extra, streamid, mediaElement}`. */
  onstream: (event: StockStreamEvent) => void = noop;
  onstreamended: (event: StockStreamEvent) => void = noop;
  /** The data channel to a participant opened: `{userid, extra, channel}`. */
  onopen: (event: { userid: string; extra: Readonly<Extra>; channel: RTCDataChannel }) => void = noop;
  /** A message over a data channel: `{data, userid, extra, latency}`. */
  onmessage: (event: { data: unknown; userid: string; extra: Readonly<Extra>; latency: number }) => void = noop;
  onclose: (event: { userid: string; extra: Readonly<Extra> }) => void = noop;
  /** A WebRTC failure with a participant (it stays in the roster). */
  onerror: (event: { userid: string; message: string }) => void = noop;
  onmute: (event: { userid: string; streamid: string; muteType: string }) => void = noop;
  onunmute: (event: { userid: string; streamid: string; unmuteType: string }) => void = noop;

  #state: ConnectionState = 'idle';
  #room: { roomid: string } | null = null;
  /** The last good extra: what the roster and the server hold. */
  #committedExtra: Extra = {};
  #committedJson = '{}';
  #committedOnce = false;
  /** The extra last carried by an open-room/join-room request. */
  #serverExtraJson = '{}';
  readonly #publisher = new Coalescer(
    () => this.extraUpdateInterval,
    () => this.#publishExtra(),
  );
  #publishWaiters: Array<() => void> = [];
  readonly #admissions = new Map<string, Promise<boolean>>();
  readonly #inflight = new Set<InflightRequest>();
  /**
   * Server pushes of extra are applied as they arrive, but an answer's promise resolves a tick
   * later, after pushes that came behind it: these let a fetched extra yield to a newer push.
   */
  #pushIndex = 0;
  readonly #lastPushAt = new Map<string, number>();
  readonly #answeredAt = new WeakMap<unknown[], number>();
  /** Set when the server refused our userid on the current socket, which then answers nothing. */
  #refusal: RtcError | undefined;
  /** Bumped whenever the connection is torn down, so late async completions know they are stale. */
  #generation = 0;
  #tearingDown = false;
  /** While the server still holds our userid for a socket of ours it has not dropped yet. */
  #reclaim: { deadline: number; attempt: number; timer?: ReturnType<typeof setTimeout>; wake?: () => void } | null =
    null;
  /** When we last closed a socket of ours: a refusal of our userid soon after is our own old socket lingering. */
  #lastOwnDisconnect = -Infinity;
  readonly #onPageHide = (event: Event): void => {
    // A page kept in the back/forward cache may come back: only a final unload leaves.
    if (this.closeBeforeUnload && !(event as Event & { persisted?: boolean }).persisted) void this.leave();
  };
  readonly #roster: Roster;
  /** WebRTC, where the runtime has it (not in plain Node). */
  readonly #media: MediaSession | undefined;

  constructor(roomid?: string, options: ConnectionOptions = {}) {
    super();
    if (roomid !== undefined) this.sessionid = roomid;
    Object.assign(this, pickDefined(options));
    this.#roster = new Roster(this.#rosterListener(), () => this.participantGracePeriod);
    this.#media = canUseWebRTC() ? new MediaSession(this.#mediaHost()) : undefined;
  }

  /** Everyone in the room, this connection included (first), as immutable snapshots. */
  get participants(): Participant[] {
    return this.#roster.list();
  }

  get connectionState(): ConnectionState {
    return this.#state;
  }

  open(roomid: string, callback?: RoomCallback): Promise<RoomResult> {
    return this.#enter('open', roomid, callback);
  }

  join(roomid: string | { sessionid: string }, callback?: RoomCallback): Promise<RoomResult> {
    const id = typeof roomid === 'object' && roomid !== null ? roomid.sessionid : roomid;
    return this.#enter('join', id, typeof callback === 'function' ? callback : undefined);
  }

  /** Joins the room if it exists, else opens it; an open that loses a race falls back to joining. */
  openOrJoin(roomid: string, callback?: RoomCallback): Promise<RoomResult> {
    return this.#enter('openOrJoin', roomid, callback);
  }

  /** Asks the server whether a room exists; stock callback `(exists, roomid, extraWith_room)`. */
  checkPresence(
    roomid: string,
    callback?: (exists: boolean, roomid: string, extra: Record<string, unknown>) => void,
  ): Promise<RoomPresence> {
    const presence = (async () => {
      this.#assertId(roomid, 'room id');
      if (!this.socket) {
        // The handshake carries our extra: the server holds it even before we enter a room.
        const check = checkOwnExtra(this.extra, this.extraSizeLimit);
        if (check.ok) this.#commitExtra(check.extra, check.json);
        await this.#connect(roomid);
      }
      return this.#checkPresence(roomid);
    })();
    return this.#settle(presence, (result) => callback?.(result.exists, result.roomid, result.extra));
  }

  /**
   * Sends your extra to everyone. Without an argument it sends `connection.extra`
   * as you mutated it (stock); with a patch it merges the patch first (keys set
   * to `undefined` are removed). The local roster updates at once; network sends
   * are coalesced (see `extraUpdateInterval`) and the last value always goes out.
   * Invalid or oversize extra is refused: an `error` event, a rejected promise,
   * and the last good extra stays in force.
   */
  updateExtraData(patch?: Record<string, unknown>): Promise<void> {
    const candidate =
      patch === undefined ? this.extra : isPlainObject(patch) ? mergeExtraPatch(this.extra, patch) : patch;
    const check = checkOwnExtra(candidate, this.extraSizeLimit);
    if (!check.ok) {
      // The last good extra stays in force. Before anything was ever accepted there is none: keep the page's object.
      if (this.#committedOnce) this.extra = JSON.parse(this.#committedJson) as Record<string, unknown>;
      return this.#settle(Promise.reject(new RtcError(check.problem, check.message)));
    }
    if (patch !== undefined) this.extra = candidate as Record<string, unknown>;
    if (jsonEquals(this.#committedExtra, check.extra)) return Promise.resolve();
    this.#commitExtra(check.extra, check.json);
    if (!this.#room) return Promise.resolve();
    const sent = new Promise<void>((resolve) => this.#publishWaiters.push(resolve));
    // The send goes first: local listeners (re-rendering lists, say) then run off the network's critical path.
    this.#publisher.request();
    this.#roster.updateExtra(this.userid, check.extra);
    return sent;
  }

  /**
   * Without a callback: the extra we hold for a participant (current or
   * departed), else `{}`. With a callback: asks the server, and the callback gets
   * the extra or, as in stock, the server's error string.
   */
  getExtraData(userid: string, callback?: (extra: Readonly<Extra> | string) => void): Readonly<Extra> | undefined {
    if (!callback) {
      if (userid === this.userid) return this.#committedExtra;
      return this.#roster.lastKnownExtra(userid) ?? {};
    }
    void this.#fetchExtra(userid).then((result) => {
      this.#callback(
        callback,
        result.exists ? (result.extra ?? this.#roster.lastKnownExtra(userid) ?? {}) : ServerError.useridNotAvailable,
      );
    });
    return undefined;
  }

  /** Remote participants' userids (stock semantics: yourself excluded). */
  getAllParticipants(): string[] {
    return this.#roster.remotes().map((participant) => participant.userid);
  }

  /**
   * Sends text or any JSON value over the data channels (stock text format,
   * long strings chunked), to one participant or to everyone. Messages to a
   * peer still connecting wait for its channel.
   */
  send(data: unknown, userid?: string): void {
    const sent = this.#media?.send(data, userid) ?? false;
    if (!sent)
      this.#report(
        new RtcError(
          'no-data-channel',
          userid === undefined ? 'there is no peer to send to' : `there is no peer "${userid}" to send to`,
          { userid },
        ),
      );
  }

  /** Mutes your local audio, video or both, for everyone (stock stream-sync). */
  mute(type: 'audio' | 'video' | 'both' = 'both'): void {
    this.#media?.setMuted(true, type);
  }

  unmute(type: 'audio' | 'video' | 'both' = 'both'): void {
    this.#media?.setMuted(false, type);
  }

  /**
   * Lets a joiner connect to us: where WebRTC exists, offers it a peer
   * connection (`onNewParticipant` calls this unless you override it). The
   * roster lists the joiner either way: the server already admitted it.
   */
  acceptParticipationRequest(userid: string, preferences: UserPreferences): void {
    if (this.#room) this.#media?.accept(userid, preferences);
  }

  /**
   * Leaves the room for real: tells every participant, then closes the socket
   * so the server drops us from the room (stock keeps the socket and leaves a
   * zombie participant behind). The connection can open or join again later.
   */
  async leave(): Promise<void> {
    await this.#leave('closed');
  }

  close(): Promise<void> {
    return this.leave();
  }

  disconnect(): Promise<void> {
    return this.leave();
  }

  // ---------------------------------------------------------------- entering

  #enter(mode: RoomMode, roomid: string, callback?: RoomCallback): Promise<RoomResult> {
    const entered = (async (): Promise<RoomResult> => {
      this.#assertId(roomid, 'room id');
      this.#assertId(this.userid, 'userid');
      const check = checkOwnExtra(this.extra, this.extraSizeLimit);
      if (!check.ok) throw new RtcError(check.problem, check.message);
      if (this.socket || this.#room) await this.#leave('idle');
      this.#commitExtra(check.extra, check.json);
      this.sessionid = roomid;
      this.#setState('connecting');
      const generation = this.#generation;
      try {
        const opened = await this.#connectAndEnter(roomid, mode, generation);
        if (generation !== this.#generation)
          throw new RtcError('left', 'the connection left before the room was entered');
        this.#entered(roomid, opened);
        return { roomid, isInitiator: opened };
      } catch (error) {
        if (generation === this.#generation) {
          this.#retire(this.#teardown(error as RtcError), false);
          this.#setState('idle');
          if (error instanceof RtcError && error.code === 'userid-already-taken') {
            this.#callback(
              this.onUserIdAlreadyTaken,
              String(error.details['userid']),
              String(error.details['suggestedUserid']),
            );
          }
        }
        throw error;
      }
    })();
    return this.#settle(
      entered,
      () => callback?.(true, roomid),
      (error) =>
        callback?.(
          false,
          roomid,
          typeof error.details['serverMessage'] === 'string' ? error.details['serverMessage'] : error.message,
        ),
    );
  }

  /** Connects and enters, waiting out a userid still held by a socket of ours the server has not dropped yet. */
  async #connectAndEnter(roomid: string, mode: RoomMode, generation: number): Promise<boolean> {
    const socket = await this.#connect(roomid);
    for (;;) {
      try {
        return await this.#enterRoom(roomid, mode);
      } catch (error) {
        if (!(error instanceof RtcError) || error.code !== 'userid-already-taken' || !this.#mayReclaimUserid())
          throw error;
        await this.#dropAndWait(socket);
        if (generation !== this.#generation)
          throw new RtcError('left', 'the connection left before the room was entered');
        await connectSocket(socket, this.#socketUrl());
      }
    }
  }

  /** open-room / join-room on the connected socket; resolves to whether we opened the room. */
  async #enterRoom(roomid: string, mode: RoomMode): Promise<boolean> {
    const request = async (open: boolean) => {
      // Like stock: capture first; viewers of one-way rooms send nothing.
      if (open || (!this.session.oneway && !this.session.broadcast)) await this.#media?.captureLocalMedia();
      this.#serverExtraJson = this.#committedJson;
      return buildRoomRequest({
        roomid,
        session: this.session,
        extra: this.#committedExtra,
        password: this.password,
        identifier: this.publicRoomIdentifier,
      });
    };
    if (mode !== 'openOrJoin') {
      const [ok, error] = await this.#request(
        mode === 'open' ? ClientEvent.openRoom : ClientEvent.joinRoom,
        await request(mode === 'open'),
      );
      if (ok !== true) throw errorFromServer(error, roomid);
      return mode === 'open';
    }
    // A room can appear (we lost an open race) or vanish (its last member left) between check and request: look again.
    let error: unknown;
    for (let attempt = 0; attempt < 4; attempt++) {
      const open = !(await this.#checkPresence(roomid)).exists;
      const [ok, reason] = await this.#request(open ? ClientEvent.openRoom : ClientEvent.joinRoom, await request(open));
      if (ok === true) return open;
      error = reason;
      if (reason !== ServerError.roomNotAvailable) break;
    }
    throw errorFromServer(error, roomid);
  }

  #entered(roomid: string, opened: boolean, republish = false): void {
    this.#room = { roomid };
    this.sessionid = roomid;
    this.isInitiator = opened;
    this.#roster.upsert(this.userid, this.#committedExtra, true);
    if (this.#media) this.#roster.updatePeer(this.userid, { streams: this.#media.localStreams });
    if (!opened) this.#relay(roomid, buildJoinRequest(this.session));
    this.#setState('joined');
    pageEvents()?.addEventListener('pagehide', this.#onPageHide);
    // After a reconnect, and when an update came while the room request was in flight, peers need our extra again.
    if (republish || this.#serverExtraJson !== this.#committedJson) this.#emitExtra();
  }

  async #checkPresence(roomid: string): Promise<RoomPresence> {
    const [exists, , extra] = await this.#request(ClientEvent.checkPresence, roomid);
    const sanitized = sanitizeIncomingExtra(extra, this.incomingExtraSizeLimit);
    const presence = parseRoomPresence(roomid, exists, extra);
    // Hand the room's info back the way stock does, on a clean copy of the owner's extra.
    presence.extra = {
      ...(sanitized.ok ? sanitized.extra : {}),
      [SERVER_ROOM_INFO_KEY]: { isFull: presence.isFull, isPasswordProtected: presence.isPasswordProtected },
    };
    return presence;
  }

  // ---------------------------------------------------------------- socket

  async #connect(roomid: string): Promise<Socket> {
    const url = this.#socketUrl();
    const socket = io(url, {
      query: this.#handshakeQuery(roomid),
      // Websocket first: the stock server sends no CORS headers, so polling fails cross-origin.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      // Each connection is its own server user; socket.io would otherwise share one manager per URL.
      forceNew: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: 2000,
      timeout: this.requestTimeout,
      autoConnect: false,
    });
    this.socket = socket;
    this.#listen(socket);
    return connectSocket(socket, url).then(() => socket);
  }

  #socketUrl(): string {
    const base = (globalThis as { location?: { href: string } }).location?.href;
    let url: URL;
    try {
      url = new URL(this.socketURL, base);
    } catch {
      throw new RtcError('invalid-socket-url', `socketURL "${String(this.socketURL)}" is not a valid URL`, {
        socketURL: this.socketURL,
      });
    }
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
      throw new RtcError('invalid-socket-url', `socketURL "${this.socketURL}" must be an http(s) or ws(s) URL`, {
        socketURL: this.socketURL,
      });
    }
    url.search = '';
    url.hash = '';
    return url.href;
  }

  #handshakeQuery(roomid: string): Record<string, string> {
    return buildHandshakeQuery({
      userid: this.userid,
      roomid,
      socketMessageEvent: this.socketMessageEvent,
      socketCustomEvent: this.socketCustomEvent,
      autoCloseEntireSession: this.autoCloseEntireSession,
      maxParticipantsAllowed: this.maxParticipantsAllowed,
      extraJson: handshakeExtraJson(this.#committedJson),
    });
  }

  #listen(socket: Socket): void {
    const guarded =
      <A extends unknown[]>(handler: (...args: A) => void) =>
      (...args: A) => {
        if (socket !== this.socket) return;
        try {
          handler(...args);
        } catch (error) {
          this.#report(new RtcError('invalid-input', `ignored a malformed server event: ${(error as Error).message}`));
        }
      };
    socket.on(
      'connect',
      guarded(() => this.#onReconnected(socket)),
    );
    socket.on(
      'disconnect',
      guarded((reason: string) => this.#onDisconnected(socket, reason)),
    );
    socket.on(
      ServerEvent.extraDataUpdated,
      guarded((userid: unknown, extra: unknown) => this.#onExtraDataUpdated(userid, extra)),
    );
    socket.on(
      this.socketMessageEvent,
      guarded((envelope: unknown) => this.#onEnvelope(envelope)),
    );
    socket.on(
      ServerEvent.userDisconnected,
      guarded((userid: unknown) => this.#onUserDisconnected(userid)),
    );
    socket.on(
      ServerEvent.useridAlreadyTaken,
      guarded((taken: unknown, suggested: unknown) => this.#onUseridTaken(taken, suggested)),
    );
    socket.on(
      ServerEvent.setIsInitiatorTrue,
      guarded((roomid: unknown) => {
        if (this.#room && roomid === this.#room.roomid) this.isInitiator = true;
      }),
    );
  }

  #onDisconnected(socket: Socket, reason: string): void {
    this.#refusal = undefined;
    this.#rejectInflight(new RtcError('connection-failed', `the signaling connection dropped (${reason})`));
    if (!this.#room || this.#reclaim?.timer !== undefined) return;
    this.#setState('reconnecting');
    // While we are offline nobody can be judged gone: the grace countdown starts once we are back.
    this.#roster.markAllStale(false);
    // A server-side disconnect is final for socket.io; come back anyway, the room is still ours.
    if (reason === 'io server disconnect') socket.connect();
  }

  /** Every (re)connect after the first: re-enter the room, re-publish our extra, re-sync the others. */
  #onReconnected(socket: Socket): void {
    const room = this.#room;
    if (!room || this.#state === 'connecting') return;
    const generation = this.#generation;
    socket.io.opts.query = this.#handshakeQuery(room.roomid);
    this.#enterRoom(room.roomid, 'openOrJoin').then(
      (opened) => {
        if (generation !== this.#generation) return;
        this.#reclaim = null;
        this.#entered(room.roomid, opened, true);
        this.#roster.startPendingGrace();
      },
      (error: RtcError) => {
        if (generation !== this.#generation) return;
        if (error.code === 'userid-already-taken' && this.#mayReclaimUserid()) {
          void this.#dropAndWait(socket).then(() => generation === this.#generation && socket.connect());
          return;
        }
        // Dropped again: the next connect retries.
        if (error.code === 'connection-failed') return;
        this.#report(error);
        if (error.code === 'userid-already-taken')
          this.#callback(
            this.onUserIdAlreadyTaken,
            String(error.details['userid']),
            String(error.details['suggestedUserid']),
          );
        void this.leave();
      },
    );
  }

  /** The server refused our userid and left this socket without handlers: fail what waits on it, and what would. */
  #onUseridTaken(taken: unknown, suggested: unknown): void {
    this.#refusal = new RtcError(
      'userid-already-taken',
      `the userid "${String(taken)}" is already in use on the signaling server`,
      {
        userid: taken,
        suggestedUserid: suggested,
      },
    );
    this.#rejectInflight(this.#refusal);
  }

  /**
   * A refusal is worth waiting out when the holder is our own previous socket:
   * after a reconnect, or soon after we closed one. The server lets go of it
   * when it notices the close (at worst its ping timeout, about 45 s).
   */
  #mayReclaimUserid(): boolean {
    const now = Date.now();
    if (!this.#reclaim) {
      const ownSocketLingers =
        this.#state === 'reconnecting' ||
        this.reclaimUserid ||
        now - this.#lastOwnDisconnect < RECENT_OWN_DISCONNECT_MS;
      if (!ownSocketLingers) return false;
      this.#reclaim = { deadline: now + this.useridReclaimTimeout, attempt: 0 };
    }
    if (now < this.#reclaim.deadline) return true;
    this.#reclaim = null;
    return false;
  }

  /** Drops the refused socket and resolves after a growing backoff (or at once on teardown). */
  #dropAndWait(socket: Socket): Promise<void> {
    const reclaim = this.#reclaim!;
    return new Promise((resolve) => {
      reclaim.wake = resolve;
      reclaim.timer = setTimeout(
        () => {
          reclaim.timer = undefined;
          resolve();
        },
        Math.min(250 * 2 ** reclaim.attempt++, 4000),
      );
      socket.disconnect();
    });
  }

  // ---------------------------------------------------------------- incoming

  #onExtraDataUpdated(userid: unknown, extra: unknown): void {
    if (!isValidId(userid)) throw new Error('extra-data-updated without a valid userid');
    // Self-echo, and users we have not admitted (their update is covered by the fetch that admits them).
    if (userid === this.userid || !this.#roster.has(userid)) return;
    const sanitized = sanitizeIncomingExtra(extra, this.incomingExtraSizeLimit);
    if (!sanitized.ok) throw new Error(`extra from "${userid}": ${sanitized.message}`);
    this.#roster.revive(userid);
    this.#lastPushAt.set(userid, ++this.#pushIndex);
    if (sanitized.extra) this.#roster.updateExtra(userid, sanitized.extra);
  }

  #onEnvelope(raw: unknown): void {
    const envelope = parseEnvelope(raw);
    if (!envelope) throw new Error('a relayed message without valid ids or body');
    const { sender } = envelope;
    if (envelope.remoteUserId !== this.userid || sender === this.userid || !this.#room) return;
    const signal = classifyMessage(envelope.message);
    if (signal.kind === 'user-left') {
      // The server relays whatever sender a client claims, but attaches the extra of the socket that sent it:
      // a goodbye carrying someone else's extra is not the participant's own.
      const known = this.#roster.get(sender);
      const attached = sanitizeIncomingExtra(envelope.extra, this.incomingExtraSizeLimit);
      if (known && attached.ok && !jsonEquals(attached.extra ?? {}, known.extra as Extra)) {
        throw new Error(`a userLeft in the name of "${sender}" that came from another socket`);
      }
      this.#roster.remove(sender);
      return;
    }
    if (signal.kind === 'presence' && signal.roomid !== this.#room.roomid) return;
    if (signal.kind === 'other') {
      const negotiation = parseNegotiation(envelope.message);
      if (!negotiation) throw new Error(`an unknown message from "${sender}"`);
      this.#media?.handle(sender, negotiation);
    }
    if (signal.kind === 'join-request') {
      // Answer at once: the server then links us, so it will tell the joiner about us and us when the joiner leaves.
      this.#relay(sender, buildPresence(this.#room.roomid));
    }
    // The sender's id is client-supplied and the envelope's extra is the relaying socket's: take extra only from
    // the server by userid. That fetch travels behind our answer: if the joiner still exists for it, the link was made.
    const refresh = signal.kind === 'join-request' || this.#roster.get(sender)?.status === 'stale';
    void this.#admit(sender, refresh).then((admitted) => {
      if (admitted && signal.kind === 'join-request') this.#offerParticipation(envelope);
    });
  }

  #onUserDisconnected(userid: unknown): void {
    if (!isValidId(userid) || userid === this.userid) return;
    this.#roster.markStale(userid, true);
  }

  /** Makes sure a participant is in the roster with its server-held extra; false if the server does not know it. */
  #admit(userid: string, refresh: boolean): Promise<boolean> {
    if (!refresh && this.#roster.has(userid)) {
      this.#roster.revive(userid);
      return Promise.resolve(true);
    }
    const pending = this.#admissions.get(userid);
    if (pending) return pending;
    const generation = this.#generation;
    const admission = this.#fetchExtra(userid).then((result) => {
      this.#admissions.delete(userid);
      if (generation !== this.#generation || !this.#room) return false;
      if (!result.exists) {
        // Gone from the server: a known participant goes stale (and leaves after the grace period).
        this.#roster.markStale(userid, true);
        return false;
      }
      const known = this.#roster.get(userid);
      this.#roster.upsert(userid, result.extra ?? (known?.extra as Extra | undefined) ?? {});
      return true;
    });
    this.#admissions.set(userid, admission);
    return admission;
  }

  #offerParticipation(envelope: Envelope): void {
    const request = typeof envelope.message === 'object' ? envelope.message : {};
    const ownOneWay = !!this.session.oneway;
    const isOneWay = typeof request['isOneWay'] === 'boolean' ? request['isOneWay'] : ownOneWay;
    const preferences: UserPreferences = {
      extra: this.#roster.get(envelope.sender)?.extra ?? {},
      localPeerSdpConstraints: parseSdpConstraints(request['remotePeerSdpConstraints']),
      remotePeerSdpConstraints: parseSdpConstraints(request['localPeerSdpConstraints']),
      isOneWay,
      isDataOnly: typeof request['isDataOnly'] === 'boolean' ? request['isDataOnly'] : isDataOnly(this.session),
      dontGetRemoteStream: isOneWay,
      dontAttachLocalStream: request['dontGetRemoteStream'] === true,
      connectionDescription: envelope,
    };
    this.#callback(this.onNewParticipant, envelope.sender, preferences);
  }

  /** The extra the server holds for a userid; none (keep what we have) when a newer push for it overtook the answer. */
  async #fetchExtra(userid: string): Promise<{ exists: boolean; extra?: Extra }> {
    try {
      const response = await this.#request(ClientEvent.getRemoteUserExtraData, userid);
      const [extra] = response;
      if (extra === ServerError.useridNotAvailable) return { exists: false };
      if ((this.#lastPushAt.get(userid) ?? 0) > (this.#answeredAt.get(response) ?? Infinity)) return { exists: true };
      const sanitized = sanitizeIncomingExtra(extra, this.incomingExtraSizeLimit);
      if (!sanitized.ok) {
        this.#report(
          new RtcError('invalid-input', `ignored the extra of "${userid}": ${sanitized.message}`, { userid }),
        );
        return { exists: true };
      }
      return { exists: true, extra: sanitized.extra };
    } catch {
      return { exists: false };
    }
  }

  // ---------------------------------------------------------------- outgoing

  #commitExtra(extra: Extra, json: string): void {
    this.#committedExtra = extra;
    this.#committedJson = json;
    this.#committedOnce = true;
    if (this.socket && this.#room) this.socket.io.opts.query = this.#handshakeQuery(this.#room.roomid);
  }

  #publishExtra(): void {
    if (this.#state !== 'joined') return; // re-published on rejoin
    this.#emitExtra();
  }

  #emitExtra(): void {
    if (!this.socket?.connected) return;
    this.socket.emit(ClientEvent.extraDataUpdated, this.#committedExtra);
    this.#serverExtraJson = this.#committedJson;
    this.#resolvePublishWaiters();
  }

  #resolvePublishWaiters(): void {
    const waiters = this.#publishWaiters;
    this.#publishWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Sends a message through the server's relay, only while connected (socket.io would replay it stale after a reconnect). */
  #relay(remoteUserId: string, message: object): void {
    if (!this.socket?.connected) return;
    this.socket.emit(this.socketMessageEvent, buildEnvelope(remoteUserId, this.userid, message));
  }

  #request(event: string, ...args: unknown[]): Promise<unknown[]> {
    const socket = this.socket;
    if (!socket?.connected)
      return Promise.reject(new RtcError('connection-failed', 'not connected to the signaling server'));
    if (this.#refusal) return Promise.reject(this.#refusal);
    return new Promise((resolve, reject) => {
      const entry: InflightRequest = { reject };
      this.#inflight.add(entry);
      socket.timeout(this.requestTimeout).emit(event, ...args, (error: Error | null, ...response: unknown[]) => {
        if (!this.#inflight.delete(entry)) return;
        if (error)
          reject(
            new RtcError('timeout', `the signaling server did not answer "${event}" within ${this.requestTimeout} ms`),
          );
        else {
          this.#answeredAt.set(response, this.#pushIndex);
          resolve(response);
        }
      });
    });
  }

  #rejectInflight(error: RtcError): void {
    const inflight = [...this.#inflight];
    this.#inflight.clear();
    for (const request of inflight) request.reject(error);
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Leaves for real: `userLeft` to every participant (stock peers fire onleave,
   * ours drop us at once instead of after the grace period), then the socket
   * closes so the server drops us from the room; stock keeps the socket and
   * leaves a zombie participant behind.
   */
  async #leave(finalState: ConnectionState): Promise<void> {
    const socket = this.socket;
    const sayGoodbye = !!(this.#room && socket?.connected);
    if (sayGoodbye)
      for (const participant of this.#roster.remotes()) this.#relay(participant.userid, { ...USER_LEFT_MESSAGE });
    this.#teardown(new RtcError('left', 'the connection left the room'));
    this.#setState(finalState);
    await this.#retire(socket, sayGoodbye);
  }

  /**
   * Closes a detached socket. The stock server ignores events that arrive in
   * the same read as a disconnect, so goodbyes are first confirmed by a cheap
   * request's answer, which the server sends only after handling what came before it.
   */
  async #retire(socket: Socket | null, afterGoodbye: boolean): Promise<void> {
    if (!socket) return;
    if (afterGoodbye) {
      await new Promise<void>((resolve) =>
        socket.timeout(GOODBYE_TIMEOUT_MS).emit(ClientEvent.getRemoteUserExtraData, this.userid, () => resolve()),
      );
    }
    socket.disconnect();
  }

  /** Drops room, roster and pending work, detaching (not yet closing) the socket, which it returns. */
  #teardown(reason: RtcError): Socket | null {
    this.#generation++;
    this.#publisher.cancel();
    this.#resolvePublishWaiters();
    this.#rejectInflight(reason);
    if (this.#reclaim) {
      clearTimeout(this.#reclaim.timer);
      this.#reclaim.wake?.();
      this.#reclaim = null;
    }
    const socket = this.socket;
    this.socket = null;
    this.#refusal = undefined;
    if (socket) {
      socket.removeAllListeners();
      this.#lastOwnDisconnect = Date.now();
    }
    this.#media?.closeAll();
    this.#lastPushAt.clear();
    pageEvents()?.removeEventListener('pagehide', this.#onPageHide);
    this.#room = null;
    this.isInitiator = false;
    this.#tearingDown = true;
    try {
      this.#roster.clear();
    } finally {
      this.#tearingDown = false;
    }
    return socket;
  }

  #setState(state: ConnectionState): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    this.dispatchEvent(new ConnectionStateChangedEvent(state, previous));
  }

  #rosterListener(): RosterListener {
    return {
      participantJoined: (participant) => {
        if (!participant.isLocal) setPeer(this.peers, participant);
        this.dispatchEvent(new ParticipantJoinedEvent(participant));
        if (!participant.isLocal)
          this.#callback(this.onUserStatusChanged, {
            userid: participant.userid,
            status: 'online',
            extra: participant.extra,
          });
      },
      participantLeft: (participant) => {
        this.#media?.close(participant.userid);
        deletePeer(this.peers, participant.userid);
        this.dispatchEvent(new ParticipantLeftEvent(participant));
        // Stock fires no onleave when we leave ourselves.
        if (participant.isLocal || this.#tearingDown) return;
        this.#callback(this.onUserStatusChanged, {
          userid: participant.userid,
          status: 'offline',
          extra: participant.extra,
        });
        this.#callback(this.onleave, { userid: participant.userid, extra: participant.extra });
      },
      extraUpdated: (participant, previous, changed) => {
        if (!participant.isLocal) setPeer(this.peers, participant);
        this.dispatchEvent(
          new ExtraUpdatedEvent(participant.userid, participant.extra, previous, changed, participant.isLocal),
        );
        if (!participant.isLocal)
          this.#callback(this.onExtraDataUpdated, { userid: participant.userid, extra: participant.extra });
      },
      peerChanged: (participant, previous) => {
        if (!participant.isLocal) setPeer(this.peers, participant, this.#media?.peerOf(participant.userid)?.connection);
        if (participant.peerState !== previous.peerState)
          this.dispatchEvent(new PeerStateChangedEvent(participant, previous.peerState));
      },
      statusChanged: (participant, previous) => {
        if (!participant.isLocal) setPeer(this.peers, participant);
        this.dispatchEvent(new StatusChangedEvent(participant, previous));
        if (!participant.isLocal)
          this.#callback(this.onUserStatusChanged, {
            userid: participant.userid,
            status: participant.status,
            extra: participant.extra,
          });
      },
    };
  }

  #mediaHost(): MediaHost {
    return {
      userid: () => this.userid,
      session: () => this.session,
      iceServers: () => this.iceServers,
      mediaConstraints: () => this.mediaConstraints,
      committedExtra: () => this.#committedExtra,
      extraOf: (userid) => this.#extraOf(userid),
      relay: (userid, message) => this.#relay(userid, message),
      updatePeer: (userid, change) => this.#roster.updatePeer(userid, change),
      dispatchEvent: (event) => this.dispatchEvent(event),
      notify: (name, event) => this.#callback(this[name] as (event: object) => void, event),
      report: (error) => this.#report(error),
    };
  }

  /** A participant's extra for an event: waits for a pending admission, falls back to the last known. */
  async #extraOf(userid: string): Promise<Readonly<Extra>> {
    if (userid === this.userid) return this.#committedExtra;
    await this.#admissions.get(userid);
    return this.#roster.lastKnownExtra(userid) ?? {};
  }

  // ---------------------------------------------------------------- helpers

  #assertId(value: unknown, what: 'room id' | 'userid'): void {
    const problem = idProblem(value, what);
    if (problem)
      throw new RtcError(what === 'userid' ? 'invalid-userid' : 'invalid-room-id', problem, {
        [what === 'userid' ? 'userid' : 'roomid']: value,
      });
  }

  #report(error: RtcError): void {
    this.dispatchEvent(new RtcErrorEvent(error));
  }

  /**
   * Settles a public promise: every failure is reported as an `error` event
   * (and to the stock-style callback), so the promise is marked handled and a
   * page that only uses callbacks never sees an unhandled rejection.
   */
  #settle<T>(promise: Promise<T>, onSuccess?: (value: T) => void, onFailure?: (error: RtcError) => void): Promise<T> {
    promise.then(
      (value) => onSuccess && this.#callback(onSuccess, value),
      (error: unknown) => {
        const rtcError = error instanceof RtcError ? error : new RtcError('invalid-input', String(error));
        this.#report(rtcError);
        if (onFailure) this.#callback(onFailure, rtcError);
      },
    );
    return promise;
  }

  /** Runs an app callback; its exception surfaces as the app's own uncaught error, never inside our state changes. */
  #callback<A extends unknown[]>(callback: (...args: A) => void, ...args: A): void {
    try {
      callback.apply(this, args);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

/** The page, where there is one, for its lifecycle events. */
function pageEvents(): EventTarget | undefined {
  const page = globalThis as { window?: EventTarget & typeof globalThis };
  return page.window && typeof page.window.addEventListener === 'function' ? page.window : undefined;
}

function pickDefined(options: ConnectionOptions): Partial<ConnectionOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
