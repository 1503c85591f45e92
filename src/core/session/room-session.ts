/**
 * Being in a room: entering it (the requests themselves are in room-requests.ts),
 * staying in it across dropped sockets and server restarts (re-enter,
 * re-publish our extra, re-sync everyone's), and leaving it for real. It owns
 * the signaling channel of the current attempt and the state machine.
 */
import type { Socket } from 'socket.io-client';
import { ClientEvent } from '../../protocol/constants.js';
import { handshakeExtraJson, type Extra } from '../../protocol/extra.js';
import {
  buildEnvelope,
  buildHandshakeQuery,
  buildJoinRequest,
  USER_LEFT_MESSAGE,
  type RoomPresence,
} from '../../protocol/messages.js';
import type { ConnectionSettings } from '../connection-settings.js';
import { RtcError } from '../errors.js';
import { ConnectionStateChangedEvent, ReconnectScheduledEvent, type ConnectionState } from '../events.js';
import type { LocalExtra } from '../extra/local-extra.js';
import type { Admissions } from '../participants/admissions.js';
import type { Roster } from '../participants/roster.js';
import {
  resolveSocketUrl,
  SignalingChannel,
  type ServerAnswer,
  type SignalingListener,
} from '../signaling/signaling-channel.js';
import type { MediaSession } from '../webrtc/media-session.js';
import { PageExit } from './page-exit.js';
import { ReconnectPolicy } from './reconnect-policy.js';
import { checkPresence, enterRoom, type Entry, type RoomMode, type RoomRequestParts } from './room-requests.js';
import { pause, SessionState } from './session-state.js';
import { UseridReclaim } from './userid-reclaim.js';

/** The parts of the connection a room session drives. */
export interface RoomSessionParts {
  settings: ConnectionSettings;
  roster: Roster;
  extra: LocalExtra;
  admissions: Admissions;
  /** WebRTC for this room, if it has any (none in presence-only sessions and where the runtime lacks it). */
  media(): MediaSession | undefined;
  dispatch(event: Event): void;
  report(error: RtcError): void;
  /** The session's socket changed (a new attempt, or none after leaving): stock pages read `connection.socket`. */
  socketChanged(socket: Socket | null): void;
  /** The room's owner closed it for everyone (stock's `onEntireSessionClosed`). */
  roomClosed(roomid: string, ownerExtra: unknown): void;
}

/** Refusals a retry cannot fix: rejoining gives up on these. */
const FINAL_REFUSALS = new Set(['invalid-password', 'room-full', 'userid-already-taken']);

export class RoomSession {
  readonly #parts: RoomSessionParts;
  readonly #state: SessionState;
  readonly #reclaim: UseridReclaim;
  readonly #reconnects: ReconnectPolicy;
  /** While the reconnect loop runs; when its next attempt starts. */
  #rejoining = false;
  #nextReconnectAt: number | undefined;
  #channel: SignalingChannel | undefined;
  #roomid: string | undefined;
  #isInitiator = false;
  /** While we drop the socket on purpose (to retry on a fresh one): that disconnect is no loss. */
  #droppingOnPurpose = false;
  /** Everyone was told we left (the page is going): from then on we say nothing more to them. */
  #saidGoodbye = false;
  /**
   * What the server said about the room while our request to enter it was
   * answered but the answer not yet handled (they can come in the same read):
   * handled, in order, once we are in. `undefined` when not entering.
   */
  #heldWhileEntering: Array<() => void> | undefined;
  /**
   * As stock, the page going away leaves the room. The goodbye goes out on
   * `beforeunload`, while the socket is still open (Firefox closes it before
   * `pagehide`); the room is left on a final `pagehide`, so a page kept in the
   * back/forward cache may come back; a page that stays says hello again.
   */
  readonly #pageExit = new PageExit({
    leaving: () => {
      if (this.#parts.settings.closeBeforeUnload) this.#sayGoodbye();
    },
    gone: () => {
      if (this.#parts.settings.closeBeforeUnload) void this.leave('closed');
    },
    stayed: () => this.#sayHelloAgain(),
  });

  constructor(parts: RoomSessionParts) {
    this.#parts = parts;
    this.#state = new SessionState((state, previous) =>
      parts.dispatch(new ConnectionStateChangedEvent({ state, previous })),
    );
    this.#reclaim = new UseridReclaim(() => parts.settings.useridReclaimTimeout);
    this.#reconnects = new ReconnectPolicy(() => ({
      baseDelay: parts.settings.reconnectBaseDelay,
      maxDelay: parts.settings.reconnectMaxDelay,
      stableAfter: parts.settings.reconnectStableAfter,
    }));
  }

  /** When the next attempt to get back into the room starts (ms since the epoch), while reconnecting. */
  get nextReconnectAt(): number | undefined {
    return this.#nextReconnectAt;
  }

  get state(): ConnectionState {
    return this.#state.current;
  }

  /** The current attempt's signal: aborted once we left or failed. */
  get signal(): AbortSignal {
    return this.#state.signal;
  }

  /** The room we are in (also while reconnecting to it). */
  get roomid(): string | undefined {
    return this.#roomid;
  }

  get isInitiator(): boolean {
    return this.#isInitiator;
  }

  set isInitiator(value: boolean) {
    this.#isInitiator = value;
  }

  get channel(): SignalingChannel | undefined {
    return this.#channel;
  }

  /**
   * Enters a room; resolves to whether we opened (own) it. Leaves the current
   * one first, keeping our camera (as stock does); a socket connected outside
   * a room (checkPresence, connectSocket) is the one used.
   */
  async enter(mode: RoomMode, roomid: string): Promise<boolean> {
    const socketOutsideRoom = this.#roomid === undefined && !!this.#channel?.connected;
    if (!socketOutsideRoom && (this.#channel || this.#roomid !== undefined)) await this.leave('idle', true);
    this.#parts.settings.sessionid = roomid;
    const signal = this.#state.begin();
    this.#heldWhileEntering = [];
    try {
      const entry = await this.#connectAndEnter(roomid, mode, signal);
      if (signal.aborted) throw leftBeforeEntering();
      this.#entered(roomid, entry);
      return entry.opened;
    } catch (error) {
      this.#heldWhileEntering = undefined;
      if (!signal.aborted) {
        void this.#teardown(RtcError.from(error), false);
        this.#state.to('idle');
      }
      throw error;
    }
  }

  /** Connects outside a room (stock's `connectSocket`), unless connected already. */
  async connect(): Promise<void> {
    if (!this.#channel) await this.#connect(this.#parts.settings.sessionid);
  }

  /** Whether a room exists, on the current socket or (outside a room) a new one. */
  async checkPresence(roomid: string): Promise<RoomPresence> {
    if (!this.#channel) await this.#connect(roomid);
    return checkPresence(this.#requests(), roomid);
  }

  /**
   * Leaves for real: `userLeft` to every participant (stock peers fire onleave,
   * ours drop us at once instead of after the grace period), then the socket
   * closes so the server drops us from the room; stock keeps the socket and
   * leaves a zombie participant behind.
   */
  async leave(finalState: 'idle' | 'closed', keepMedia = false): Promise<void> {
    this.#sayGoodbye();
    const afterGoodbye = this.#saidGoodbye && !!this.#channel?.connected;
    const closing = this.#teardown(new RtcError('left', 'the connection left the room'), afterGoodbye, keepMedia);
    this.#state.to(finalState);
    await closing;
  }

  request(event: string, ...args: unknown[]): Promise<ServerAnswer> {
    if (!this.#channel)
      return Promise.reject(new RtcError('connection-failed', 'not connected to the signaling server'));
    return this.#channel.request(event, ...args);
  }

  /** Sends through the server's relay; nothing after our goodbye (any message would list us again). */
  relay(remoteUserId: string, message: object): void {
    if (!this.#saidGoodbye) this.#channel?.relay(buildEnvelope(remoteUserId, this.#parts.settings.userid, message));
  }

  /** Sends our extra to the room; false when we are not in it right now (it is re-published on rejoin). */
  sendExtra(extra: Extra): boolean {
    if (this.#saidGoodbye) return false;
    return this.#state.current === 'joined' && !!this.#channel?.emit(ClientEvent.extraDataUpdated, extra);
  }

  /** `userLeft` to every participant (once): stock peers fire onleave, ours drop us at once. */
  #sayGoodbye(): void {
    if (this.#saidGoodbye || this.#roomid === undefined || !this.#channel?.connected) return;
    for (const participant of this.#parts.roster.remotes()) this.relay(participant.userid, { ...USER_LEFT_MESSAGE });
    this.#saidGoodbye = true;
  }

  /**
   * The page stayed after our goodbye: the others dropped us and our peers, so
   * we come back as a joiner does, to all of them (a reconnect under way
   * enters the room again, which does the same).
   */
  #sayHelloAgain(): void {
    if (!this.#saidGoodbye) return;
    this.#saidGoodbye = false;
    if (this.#roomid === undefined || this.#state.current !== 'joined') return;
    this.#askToJoin(this.#roomid, false);
  }

  /**
   * Our join request, to everyone in the room, and our extra with it: the
   * request says the extra follows (members take it from that push), except
   * on rtc-elements-server, which stamps the request with the extra it holds;
   * an update that did not reach the server yet goes out either way.
   */
  #askToJoin(roomid: string, republish: boolean): void {
    const { settings, extra } = this.#parts;
    const stamped = !!this.#channel?.extended;
    this.relay(roomid, buildJoinRequest(settings.session, settings.sdpConstraints.mandatory, !stamped));
    if (!stamped || republish || extra.unsent) extra.sendNow();
  }

  /** Connects and enters, waiting out a userid still held by a socket of ours the server has not dropped yet. */
  async #connectAndEnter(roomid: string, mode: RoomMode, signal: AbortSignal): Promise<Entry> {
    const channel = this.#channel?.connected ? this.#channel : await this.#connect(roomid);
    for (;;) {
      try {
        return await enterRoom(this.#requests(), roomid, mode);
      } catch (error) {
        if (!isUseridRefusal(error) || !this.#mayReclaim()) throw error;
        await this.#dropAndWait(channel, signal);
        if (signal.aborted) throw leftBeforeEntering();
        await channel.connect();
      }
    }
  }

  async #connect(roomid: string): Promise<SignalingChannel> {
    const { settings } = this.#parts;
    const channel = new SignalingChannel(
      {
        url: resolveSocketUrl(settings.socketURL),
        userid: settings.userid,
        query: () => this.#handshakeQuery(roomid),
        requestTimeout: settings.requestTimeout,
        messageEvent: settings.socketMessageEvent,
      },
      this.#signalingListener(),
    );
    this.#channel = channel;
    this.#parts.socketChanged(channel.socket);
    await channel.connect();
    return channel;
  }

  /** What the room requests need: the settings, our extra, media to capture first, and this session's channel. */
  #requests(): RoomRequestParts {
    const { settings, extra } = this.#parts;
    return { settings, extra, media: this.#parts.media(), request: (event, ...args) => this.request(event, ...args) };
  }

  #entered(roomid: string, { opened, members }: Entry, republish = false): void {
    const { settings, roster, extra, admissions } = this.#parts;
    const media = this.#parts.media();
    this.#saidGoodbye = false;
    this.#roomid = roomid;
    settings.sessionid = roomid;
    this.#isInitiator = opened;
    roster.upsert(settings.userid, extra.value, true);
    if (media) roster.updatePeer(settings.userid, { streams: media.localStreams });
    // rtc-elements-server answered with everyone already in the room: listed at once, no one asked.
    if (members) {
      this.#channel?.markExtended();
      admissions.listMembers(members);
    }
    // Then what came in behind the answer, newer than it (a joiner's request, an update).
    const held = this.#heldWhileEntering ?? [];
    this.#heldWhileEntering = undefined;
    for (const handle of held) handle();
    this.#state.to('joined');
    this.#pageExit.watch();
    if (!opened) this.#askToJoin(roomid, republish);
    // After a reconnect, and when an update came while the room request was in flight, the others need it again.
    else if (republish || extra.unsent) extra.sendNow();
  }

  #signalingListener(): SignalingListener {
    const { admissions } = this.#parts;
    /** Handled now, or held until we are in the room we are entering (see `#heldWhileEntering`). */
    const aboutTheRoom =
      <A extends unknown[]>(handle: (...args: A) => void) =>
      (...args: A) => {
        if (this.#roomid === undefined && this.#heldWhileEntering) this.#heldWhileEntering.push(() => handle(...args));
        else handle(...args);
      };
    return {
      disconnected: () => this.#onDisconnected(),
      extraDataUpdated: aboutTheRoom((userid, extra) => admissions.extraPushed(userid, extra)),
      message: aboutTheRoom((envelope) => admissions.message(envelope)),
      userDisconnected: aboutTheRoom((userid) => admissions.userDisconnected(userid)),
      setIsInitiatorTrue: (roomid) => {
        if (roomid !== undefined && roomid === this.#roomid) this.#isInitiator = true;
      },
      useridTaken: (error) => {
        // Once we are in the room the server has long accepted our userid: a refusal now is a stray message.
        if (this.#state.current === 'joined') {
          this.#parts.report(new RtcError('invalid-input', `ignored a stray refusal: ${error.message}`, error.details));
        } else this.#channel?.refuse(error);
      },
      roomClosed: (roomid, extra) => {
        if (this.#roomid !== undefined && roomid === this.#roomid) this.#closedByOwner(this.#roomid, extra);
      },
      refused: (refusal) => {
        // A relay to someone who left a moment ago, a goodbye after the room went: races, not mistakes.
        if (refusal.reason === 'not-a-member' || refusal.reason === 'not-in-room') return;
        this.#parts.report(
          new RtcError('refused', `the signaling server refused ${refusal.event}: ${refusal.message}`, { ...refusal }),
        );
      },
      failed: (error) => this.#parts.report(error),
    };
  }

  /** The owner closed the room for everyone: we are out of it (the server put us out), and stay out. */
  #closedByOwner(roomid: string, ownerExtra: unknown): void {
    this.#parts.report(new RtcError('room-closed', `the owner closed the room "${roomid}"`, { roomid }));
    this.#parts.roomClosed(roomid, ownerExtra);
    void this.leave('closed');
  }

  #onDisconnected(): void {
    if (this.#roomid === undefined || this.#droppingOnPurpose) return;
    this.#state.to('reconnecting');
    // While we are offline nobody can be judged gone: the grace countdown starts once we are back.
    this.#parts.roster.markAllStale(false);
    if (this.#rejoining) return;
    this.#rejoining = true;
    void this.#rejoin(this.#roomid, this.#state.signal).finally(() => {
      this.#rejoining = false;
      this.#nextReconnectAt = undefined;
    });
  }

  /**
   * Gets back into the room: connect, re-enter, re-publish our extra, re-sync
   * the others; on any failure a retry comes later and later (see
   * `ReconnectPolicy`). Only `leave()` or a refusal no retry can fix ends it.
   */
  async #rejoin(roomid: string, signal: AbortSignal): Promise<void> {
    for (;;) {
      const channel = this.#channel;
      if (signal.aborted || !channel) return;
      const delay = this.#reconnects.nextDelay();
      const scheduled = new ReconnectScheduledEvent({ attempt: this.#reconnects.attempt, delay });
      this.#nextReconnectAt = scheduled.at;
      this.#parts.dispatch(scheduled);
      await pause(delay, signal);
      if (signal.aborted) return;
      try {
        if (!channel.connected) await channel.connect();
        const entry = await enterRoom(this.#requests(), roomid, 'openOrJoin');
        if (signal.aborted) return;
        this.#reconnects.connected();
        this.#reclaim.reset();
        this.#entered(roomid, entry, true);
        this.#parts.roster.startPendingGrace();
        return;
      } catch (error) {
        if (signal.aborted) return;
        const failure = RtcError.from(error);
        const waitOutOwnSocket = isUseridRefusal(failure) && this.#mayReclaim();
        if (FINAL_REFUSALS.has(failure.code) && !waitOutOwnSocket) {
          this.#parts.report(failure);
          await this.leave('closed');
          return;
        }
        // A dropped connection is the loop's own business; a timeout or an odd answer is worth telling the page.
        if (failure.code !== 'connection-failed') this.#parts.report(failure);
        // Start the next attempt on a fresh connection: this one may be refused or wedged.
        this.#drop(channel);
      }
    }
  }

  /** A refusal of our userid is worth waiting out when its holder is likely a socket of our own. */
  #mayReclaim(): boolean {
    return this.#reclaim.shouldRetry(this.#state.current === 'reconnecting' || this.#parts.settings.reclaimUserid);
  }

  /** Drops the refused socket and resolves after the policy's backoff (or at once when the attempt ends). */
  async #dropAndWait(channel: SignalingChannel, signal: AbortSignal): Promise<void> {
    this.#drop(channel);
    await pause(this.#reclaim.nextDelay(), signal);
  }

  /** Closes the socket to connect it again later: that disconnect is no loss of the room. */
  #drop(channel: SignalingChannel): void {
    this.#droppingOnPurpose = true;
    channel.drop();
    this.#droppingOnPurpose = false;
  }

  /** Ends the attempt: room, roster and pending work dropped; the channel closes (after goodbyes, if any). */
  #teardown(reason: RtcError, afterGoodbye: boolean, keepMedia = false): Promise<void> {
    const { roster, extra, admissions } = this.#parts;
    const media = this.#parts.media();
    this.#state.end(reason);
    const channel = this.#channel;
    this.#channel = undefined;
    if (channel) this.#parts.socketChanged(null);
    const closing = channel?.close(afterGoodbye, reason);
    if (channel) this.#reclaim.ownSocketClosed();
    this.#reclaim.reset();
    this.#reconnects.reset();
    this.#droppingOnPurpose = false;
    this.#saidGoodbye = false;
    extra.cancel();
    if (keepMedia) media?.closePeers();
    else media?.closeAll();
    admissions.reset();
    this.#pageExit.unwatch();
    this.#roomid = undefined;
    this.#isInitiator = false;
    roster.clear();
    return closing ?? Promise.resolve();
  }

  #handshakeQuery(roomid: string): Record<string, string> {
    const { settings, extra } = this.#parts;
    return buildHandshakeQuery({
      userid: settings.userid,
      roomid,
      socketMessageEvent: settings.socketMessageEvent,
      socketCustomEvent: settings.socketCustomEvent,
      autoCloseEntireSession: settings.autoCloseEntireSession,
      maxParticipantsAllowed: settings.maxParticipantsAllowed,
      extraJson: handshakeExtraJson(extra.json),
    });
  }
}

function isUseridRefusal(error: unknown): boolean {
  return error instanceof RtcError && error.code === 'userid-already-taken';
}

function leftBeforeEntering(): RtcError {
  return new RtcError('left', 'the connection left before the room was entered');
}
