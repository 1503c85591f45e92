/**
 * A framework-free RTCMultiConnection: stock 3.7.1's room-and-extra API on the
 * stock wire protocol, with a roster built from signaling and the stock
 * client's extra bugs fixed (duplicate and self-echo events, lost updates,
 * stale state after reconnect, crashes on odd input). No DOM: it runs in
 * browsers and in Node 20 alike.
 *
 * This class is the public face; the work is done by its parts, wired here:
 * the room session (`session/`), its signaling channel (`signaling/`), the
 * admissions and roster (`participants/`), our own extra (`extra/`), and,
 * where RTCPeerConnection exists and the session is not presence-only, the
 * media session (`webrtc/`), loaded the first time a room needs it.
 */
import type { Socket } from 'socket.io-client';
import { ClientEvent, ServerError } from '../protocol/constants.js';
import { randomToken } from '../protocol/ids.js';
import { isPlainObject, mergeExtraPatch, sanitizeIncomingExtra, type Extra } from '../protocol/extra.js';
import type { Envelope, RoomPresence } from '../protocol/messages.js';
import { applyOptions, type ConnectionOptions } from './connection-settings.js';
import { assertId, RtcError } from './errors.js';
import { RtcErrorEvent, type ConnectionEventMap, type ConnectionState, type Participant } from './events.js';
import { LocalExtra } from './extra/local-extra.js';
import { Admissions } from './participants/admissions.js';
import { createPeers, type Peers } from './participants/peers.js';
import { Roster } from './participants/roster.js';
import { rosterEvents } from './participants/roster-events.js';
import type { RoomMode, RoomResult } from './session/room-requests.js';
import { RoomSession } from './session/room-session.js';
import {
  bindStockCallbacks,
  joinerPreferences,
  runAppCallback,
  StockCallbacks,
  type RoomCallback,
  type UserPreferences,
} from './stock-callbacks.js';
import { CodecsHandler } from './stock/codecs-handler.js';
import { FileProgressUi } from './stock/files/file-progress-ui.js';
import type { FileChunkInfo } from './stock/files/file-chunks.js';
import { isFileLike, PeerOptions } from './stock/peer-options.js';
import { STOCK_ERRORS } from './stock/stock-constants.js';
import { MediaLoader } from './webrtc/media-loader.js';
import type { MediaHost, MediaSession } from './webrtc/media-session.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- typed addEventListener, as lib.dom types its targets
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

/** What stock's receivers do on it: drop us and leave the room themselves. */
const CLOSE_ENTIRE_SESSION_MESSAGE = { userLeft: true, autoCloseEntireSession: true };

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class RTCMultiConnection extends StockCallbacks {
  /** Remote participants by userid, as stock apps read `connection.peers[userid].extra`. */
  readonly peers: Peers = createPeers();
  /** The socket.io socket to the signaling server, while there is one. */
  socket: Socket | null = null;

  /** Stock's error strings, to compare open/join callback errors with (`connection.errors.ROOM_FULL`). */
  readonly errors = STOCK_ERRORS;
  /** Stock's SDP helpers, for a page's own `processSdp`. */
  readonly CodecsHandler = CodecsHandler;

  readonly #fileUi = new FileProgressUi(() => this.filesContainer);
  /** A file transfer started (sending or receiving); the default shows a progress row in `filesContainer`. */
  onFileStart: (file: FileChunkInfo) => void = (file) => this.#fileUi.started(file);
  onFileProgress: (chunk: FileChunkInfo) => void = (chunk) => this.#fileUi.progressed(chunk);
  /** A file transfer ended; receiving, `file` is the Blob (with `url`, `name`, `uuid`); the default shows a link. */
  onFileEnd: (file: FileChunkInfo) => void = (file) => this.#fileUi.ended(file);

  /** A participant asks to join; the default accepts. `preferences.extra` is the joiner's real extra. */
  onNewParticipant: (userid: string, preferences: UserPreferences) => void = (userid, preferences) =>
    this.acceptParticipationRequest(userid, preferences);

  readonly #roster: Roster;
  readonly #localExtra: LocalExtra;
  readonly #admissions: Admissions;
  readonly #session: RoomSession;
  /** WebRTC, once a room needed it (never in plain Node, nor for presence-only sessions). */
  readonly #media = new MediaLoader(
    () => this.session,
    () => this.#mediaHost(),
  );
  /** ICE servers, processSdp and files, as a stock page sets them. */
  readonly #peerOptions = new PeerOptions(this, {
    sendBinary: (userid, data) => this.#media.loaded?.sendBinary(userid, data) ?? false,
    callback: (callback, ...args) => runAppCallback(this, callback, ...args),
    report: (error) => this.#report(error),
  });

  constructor(roomid?: string, options: ConnectionOptions = {}) {
    super();
    if (roomid !== undefined) this.sessionid = roomid;
    applyOptions(this, options);
    const events = rosterEvents({
      peers: this.peers,
      peerConnection: (userid) => this.#media.loaded?.peerOf(userid)?.connection,
      left: (userid) => {
        this.#media.loaded?.close(userid);
        this.#peerOptions.participantLeft(userid);
      },
      dispatchEvent: (event) => this.dispatchEvent(event),
    });
    this.#roster = new Roster(events, () => this.participantGracePeriod);
    this.#localExtra = new LocalExtra(
      () => this.extraSizeLimit,
      () => this.extraUpdateInterval,
      { send: (extra) => this.#session.sendExtra(extra) },
    );
    this.#admissions = new Admissions(this.#roster, {
      userid: () => this.userid,
      roomid: () => this.#session.roomid,
      signal: () => this.#session.signal,
      incomingExtraSizeLimit: () => this.incomingExtraSizeLimit,
      maxListedParticipants: () => this.maxListedParticipants,
      admissionsPerSecond: () => this.admissionsPerSecond,
      request: (event, ...args) => this.#session.request(event, ...args),
      arrivals: () => this.#session.channel?.arrivals ?? 0,
      extended: () => this.#session.channel?.extended ?? false,
      relay: (userid, message) => this.#session.relay(userid, message),
      negotiate: (userid, negotiation) => this.#peerMedia()?.handle(userid, negotiation),
      joinRequested: (envelope, traits) => {
        // A presence-only joiner asks for no connection: it is listed, and nothing is offered to it.
        if (!traits.presenceOnly) this.#offerParticipation(envelope);
      },
      report: (error) => this.#report(error),
    });
    this.#session = new RoomSession({
      settings: this,
      roster: this.#roster,
      extra: this.#localExtra,
      admissions: this.#admissions,
      media: () => this.#peerMedia(),
      dispatch: (event) => this.dispatchEvent(event),
      report: (error) => this.#report(error),
      socketChanged: (socket) => (this.socket = socket),
      roomClosed: (sessionid, ownerExtra) => {
        const sanitized = sanitizeIncomingExtra(ownerExtra, this.incomingExtraSizeLimit);
        const extra = (sanitized.ok && sanitized.extra) || {};
        runAppCallback(this, this.onEntireSessionClosed, { sessionid, userid: sessionid, extra });
      },
    });
    bindStockCallbacks(this);
  }

  /** Everyone in the room, this connection included (first), as immutable snapshots. */
  get participants(): Participant[] {
    return this.#roster.list();
  }

  get connectionState(): ConnectionState {
    return this.#session.state;
  }

  /** While `reconnecting`: when the next attempt to get back into the room starts (ms since the epoch). */
  get nextReconnectAt(): number | undefined {
    return this.#session.nextReconnectAt;
  }

  /** True when this connection opened (owns) the room, or the server handed it on to us. */
  get isInitiator(): boolean {
    return this.#session.isInitiator;
  }

  set isInitiator(value: boolean) {
    this.#session.isInitiator = value;
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
      assertId(roomid, 'room id');
      if (!this.#session.channel) {
        // The handshake carries our extra: the server holds it even before we enter a room.
        const check = this.#localExtra.check(this.extra);
        if (check.ok) this.#localExtra.commit(check.extra, check.json);
      }
      return this.#session.checkPresence(roomid);
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
    const local = this.#localExtra;
    const candidate =
      patch === undefined ? this.extra : isPlainObject(patch) ? mergeExtraPatch(this.extra, patch) : patch;
    const check = local.check(candidate);
    if (!check.ok) {
      // The last good extra stays in force. Before anything was ever accepted there is none: keep the page's object.
      if (local.everCommitted) this.extra = JSON.parse(local.json) as Record<string, unknown>;
      return this.#settle(Promise.reject(new RtcError(check.problem, check.message)));
    }
    if (patch !== undefined) this.extra = candidate;
    if (local.equals(check.extra)) return Promise.resolve();
    local.commit(check.extra, check.json);
    if (this.#session.roomid === undefined) return Promise.resolve();
    // The send goes first: local listeners (re-rendering lists, say) then run off the network's critical path.
    const sent = local.publish();
    this.#roster.updateExtra(this.userid, check.extra);
    return sent;
  }

  /**
   * Without a callback: the extra we hold for a participant (current or
   * departed), else `{}`. With a callback: asks the server, and the callback gets
   * the extra or, as in stock, the server's error string; when the server does
   * not answer, an `error` event (`timeout`) and no callback.
   */
  getExtraData(userid: string, callback?: (extra: Readonly<Extra> | string) => void): Readonly<Extra> | undefined {
    if (!callback) {
      if (userid === this.userid) return this.#localExtra.value;
      return this.#roster.lastKnownExtra(userid) ?? {};
    }
    void this.#admissions.lookup(userid).then((result) => {
      if (result.status === 'unanswered') return this.#report(result.error);
      const extra =
        result.status === 'present'
          ? (result.extra ?? this.#roster.lastKnownExtra(userid) ?? {})
          : ServerError.useridNotAvailable;
      runAppCallback(this, callback, extra);
    });
    return undefined;
  }

  /** A random id, as stock's `token()` makes them (for room ids, say). */
  token(): string {
    return randomToken();
  }

  /**
   * Our local streams. A page that captures its media itself (with
   * `dontCaptureUserMedia`) sets them before open/join, as with stock; the
   * array handed out is a copy.
   */
  get attachStreams(): MediaStream[] {
    return this.#media.streams;
  }

  set attachStreams(streams: MediaStream[]) {
    this.#media.attach(Array.isArray(streams) ? streams.filter((stream) => stream instanceof MediaStream) : []);
  }

  /**
   * Connects to the signaling server before entering a room (stock), so the
   * page can listen on `connection.socket`; open, join and checkPresence use
   * this same socket.
   */
  connectSocket(callback?: (socket: Socket) => void): Promise<Socket> {
    const connected = this.#session.connect().then(() => this.socket!);
    return this.#settle(connected, callback);
  }

  /** Stock's `getSocket`: the socket, connected first when there is none (then the callback gets it once connected). */
  getSocket(callback?: (socket: Socket) => void): Socket | null {
    if (this.socket) runAppCallback(this, callback, this.socket);
    else void this.connectSocket(callback).catch(() => {});
    return this.socket;
  }

  /**
   * Closes the room for everyone: stock peers are told to leave too (stock's
   * own request to the server never succeeds with server 1.3.3), and
   * rtc-elements-server closes the room itself, putting everyone out; then we
   * leave and `onEntireSessionClosed` fires.
   */
  async closeEntireSession(callback?: () => void): Promise<void> {
    const sessionid = this.#session.roomid ?? this.sessionid;
    for (const userid of this.getAllParticipants()) this.#session.relay(userid, CLOSE_ENTIRE_SESSION_MESSAGE);
    if (this.#session.channel?.extended) {
      const [closed, reason] = (
        await this.#session.request(ClientEvent.closeEntireSession).catch(() => ({ values: [] }))
      ).values;
      if (closed !== true)
        this.#report(new RtcError('refused', `the server did not close the room: ${String(reason)}`));
    }
    await this.leave();
    runAppCallback(this, this.onEntireSessionClosed, { sessionid, userid: sessionid, extra: this.#localExtra.value });
    runAppCallback(this, callback);
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
    if (this.enableFileSharing && isFileLike(data)) {
      this.shareFile(data, userid);
      return;
    }
    const sent = this.#peerMedia()?.send(data, userid) ?? false;
    if (sent) return;
    const whom = userid === undefined ? 'there is no peer to send to' : `there is no peer "${userid}" to send to`;
    this.#report(new RtcError('no-data-channel', whom, { userid }));
  }

  /**
   * Sends a file (or Blob) in stock's format, to one participant or to all;
   * each pulls it chunk by chunk, with `onFileStart`/`onFileProgress`/`onFileEnd`
   * on both sides. The file is read a chunk at a time, as each recipient asks
   * for it; no FileBufferReader.js is needed.
   */
  shareFile(file: Blob, userid?: string): void {
    this.#peerOptions.shareFile(file, userid);
  }

  /** Mutes your local audio, video or both, for everyone (stock stream-sync). */
  mute(type: 'audio' | 'video' | 'both' = 'both'): void {
    this.#peerMedia()?.setMuted(true, type);
  }

  unmute(type: 'audio' | 'video' | 'both' = 'both'): void {
    this.#peerMedia()?.setMuted(false, type);
  }

  /**
   * Lets a joiner connect to us: where WebRTC exists, offers it a peer
   * connection (`onNewParticipant` calls this unless you override it). The
   * roster lists the joiner either way: the server already admitted it.
   */
  acceptParticipationRequest(userid: string, preferences: UserPreferences): void {
    if (this.#session.roomid !== undefined) this.#peerMedia()?.accept(userid, preferences);
  }

  /**
   * Leaves the room for real: tells every participant, then closes the socket
   * so the server drops us from the room (stock keeps the socket and leaves a
   * zombie participant behind). The connection can open or join again later.
   */
  async leave(): Promise<void> {
    await this.#session.leave('closed');
  }

  close(): Promise<void> {
    return this.leave();
  }

  disconnect(): Promise<void> {
    return this.leave();
  }

  #enter(mode: RoomMode, roomid: string, callback?: RoomCallback): Promise<RoomResult> {
    const entered = (async (): Promise<RoomResult> => {
      assertId(roomid, 'room id');
      assertId(this.userid, 'userid');
      const check = this.#localExtra.check(this.extra);
      if (!check.ok) throw new RtcError(check.problem, check.message);
      this.#localExtra.commit(check.extra, check.json);
      await this.#media.load();
      const opened = await this.#session.enter(mode, roomid);
      return { roomid, isInitiator: opened };
    })();
    return this.#settle(
      entered,
      () => callback?.(true, roomid),
      (error) => {
        const serverMessage = error.details['serverMessage'];
        callback?.(false, roomid, typeof serverMessage === 'string' ? serverMessage : error.message);
      },
    );
  }

  /** A joiner the server confirmed: stock's `onNewParticipant` with the preferences it asked for. */
  #offerParticipation(envelope: Envelope): void {
    const extra = this.#roster.get(envelope.sender)?.extra ?? {};
    runAppCallback(this, this.onNewParticipant, envelope.sender, joinerPreferences(envelope, extra, this.session));
  }

  /** The media session, when the current session connects peers. */
  #peerMedia(): MediaSession | undefined {
    return this.#media.active;
  }

  #mediaHost(): MediaHost {
    return {
      userid: () => this.userid,
      session: () => this.session,
      iceServers: () => this.#peerOptions.iceServers(),
      processSdp: (sdp) => this.#peerOptions.processSdp(sdp),
      binaryFrame: (userid, frame) => this.#peerOptions.binaryFrame(userid, frame),
      mediaConstraints: () => this.mediaConstraints,
      peerLimits: () => this,
      committedExtra: () => this.#localExtra.value,
      extraOf: (userid) => this.#extraOf(userid),
      relay: (userid, message) => this.#session.relay(userid, message),
      updatePeer: (userid, change) => this.#roster.updatePeer(userid, change),
      dispatchEvent: (event) => this.dispatchEvent(event),
      report: (error) => this.#report(error),
    };
  }

  /** A participant's extra for an event: waits for a pending admission, falls back to the last known. */
  async #extraOf(userid: string): Promise<Readonly<Extra>> {
    if (userid === this.userid) return this.#localExtra.value;
    await this.#admissions.settled(userid);
    return this.#roster.lastKnownExtra(userid) ?? {};
  }

  #report(error: RtcError): void {
    this.dispatchEvent(new RtcErrorEvent({ error }));
  }

  /**
   * Settles a public promise: every failure is reported as an `error` event
   * (and to the stock-style callback), so the promise is marked handled and a
   * page that only uses callbacks never sees an unhandled rejection.
   */
  #settle<T>(promise: Promise<T>, onSuccess?: (value: T) => void, onFailure?: (error: RtcError) => void): Promise<T> {
    promise.then(
      (value) => runAppCallback(this, onSuccess, value),
      (error: unknown) => {
        const rtcError = RtcError.from(error);
        this.#report(rtcError);
        runAppCallback(this, onFailure, rtcError);
      },
    );
    return promise;
  }
}
