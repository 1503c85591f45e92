/**
 * Typed events of the connection. They are plain `Event` subclasses (present in
 * browsers and Node 20 alike), so listeners can use `instanceof` and read typed
 * fields; `<rtc-room>` re-dispatches them as bubbling, composed DOM events.
 */
import type { Extra } from '../protocol/extra.js';
import type { RtcError } from './errors.js';

export type ParticipantStatus = 'online' | 'stale';
/**
 * The WebRTC link to a participant; absent where there is none (Node, yourself,
 * not yet negotiated). `waiting`: queued behind `maxConnectingPeers` others;
 * `limit-reached`: not connected because `maxPeerConnections` are open.
 */
export type PeerState = 'connecting' | 'connected' | 'failed' | 'waiting' | 'limit-reached';

/** One row of the roster: a snapshot, replaced (never mutated) when anything changes. */
export interface Participant {
  readonly userid: string;
  readonly extra: Readonly<Extra>;
  /** `stale`: lost from signaling, kept for the grace period in case it comes back. */
  readonly status: ParticipantStatus;
  readonly isLocal: boolean;
  /** Media streams from this participant (for yourself: your local streams). */
  readonly streams: readonly MediaStream[];
  readonly peerState?: PeerState;
}

export type ConnectionState = 'idle' | 'connecting' | 'joined' | 'reconnecting' | 'closed';

export class ExtraUpdatedEvent extends Event {
  static readonly type = 'extra-updated';
  constructor(
    readonly userid: string,
    readonly extra: Readonly<Extra>,
    readonly previous: Readonly<Extra>,
    /** Top-level keys added, removed or changed. */
    readonly changed: readonly string[],
    readonly isLocal: boolean,
  ) {
    super(ExtraUpdatedEvent.type);
  }
}

/** Base of the events about one participant as a whole. */
abstract class ParticipantEvent extends Event {
  constructor(
    type: string,
    readonly participant: Participant,
  ) {
    super(type);
  }
  get userid(): string {
    return this.participant.userid;
  }
  get extra(): Readonly<Extra> {
    return this.participant.extra;
  }
}

export class ParticipantJoinedEvent extends ParticipantEvent {
  static readonly type = 'participant-joined';
  constructor(participant: Participant) {
    super(ParticipantJoinedEvent.type, participant);
  }
}

/**
 * Why a participant left the roster: it said goodbye, it stayed lost from
 * signaling past the grace period, or we left the room ourselves.
 */
export type LeaveReason = 'goodbye' | 'lost' | 'we-left';

/** `participant` is as last known, extra included. */
export class ParticipantLeftEvent extends ParticipantEvent {
  static readonly type = 'participant-left';
  constructor(
    participant: Participant,
    readonly reason: LeaveReason,
  ) {
    super(ParticipantLeftEvent.type, participant);
  }
}

export class StatusChangedEvent extends Event {
  static readonly type = 'status-changed';
  constructor(
    readonly participant: Participant,
    readonly previous: ParticipantStatus,
  ) {
    super(StatusChangedEvent.type);
  }
  get userid(): string {
    return this.participant.userid;
  }
  get status(): ParticipantStatus {
    return this.participant.status;
  }
}

export class ConnectionStateChangedEvent extends Event {
  static readonly type = 'connection-state-changed';
  constructor(
    readonly state: ConnectionState,
    readonly previous: ConnectionState,
  ) {
    super(ConnectionStateChangedEvent.type);
  }
}

/** The signaling connection is lost; the next attempt to get back into the room comes after `delay` ms. */
export class ReconnectScheduledEvent extends Event {
  static readonly type = 'reconnect-scheduled';
  /** When the attempt starts (ms since the epoch). */
  readonly at: number;
  constructor(
    /** 1 for the first attempt since the connection was last stable. */
    readonly attempt: number,
    readonly delay: number,
  ) {
    super(ReconnectScheduledEvent.type);
    this.at = Date.now() + delay;
  }
}

export class RtcErrorEvent extends Event {
  static readonly type = 'error';
  constructor(readonly error: RtcError) {
    super(RtcErrorEvent.type);
  }
  get code(): RtcError['code'] {
    return this.error.code;
  }
  get message(): string {
    return this.error.message;
  }
}

export class PeerStateChangedEvent extends Event {
  static readonly type = 'peer-state-changed';
  constructor(
    readonly participant: Participant,
    readonly previous: PeerState | undefined,
  ) {
    super(PeerStateChangedEvent.type);
  }
  get userid(): string {
    return this.participant.userid;
  }
  get peerState(): PeerState | undefined {
    return this.participant.peerState;
  }
}

/** A local or remote media stream started (`stream`) or ended (`stream-ended`); stock's onstream fields. */
export class StreamEvent extends Event {
  constructor(
    type: 'stream' | 'stream-ended',
    readonly stream: MediaStream,
    readonly userid: string,
    readonly extra: Readonly<Extra>,
    readonly isLocal: boolean,
    /** A ready `<video>` or `<audio>` playing the stream (browsers only; local ones muted). */
    readonly mediaElement: HTMLMediaElement | undefined,
    readonly isAudio: boolean,
    readonly isVideo: boolean,
    readonly isScreen: boolean,
  ) {
    super(type);
  }
  get streamid(): string {
    return this.stream.id;
  }
}

/** A participant muted or unmuted a stream (`mute`/`unmute`); `muteType` is audio, video or both. */
export class MuteEvent extends Event {
  constructor(
    type: 'mute' | 'unmute',
    readonly userid: string,
    readonly streamid: string,
    readonly muteType: 'audio' | 'video' | 'both',
    readonly isLocal: boolean,
  ) {
    super(type);
  }
}

/** A data channel to a participant opened (`open`) or closed (`close`). */
export class ChannelEvent extends Event {
  constructor(
    type: 'open' | 'close',
    readonly userid: string,
    readonly extra: Readonly<Extra>,
    readonly channel: RTCDataChannel | undefined,
  ) {
    super(type);
  }
}

/** A complete message over the data channel: `{data, userid, extra, latency}` as stock's onmessage. */
export class DataMessageEvent extends Event {
  static readonly type = 'message';
  constructor(
    readonly data: unknown,
    readonly userid: string,
    readonly extra: Readonly<Extra>,
    /** Milliseconds from the sender's clock at sending to ours at arrival. */
    readonly latency: number,
  ) {
    super(DataMessageEvent.type);
  }
}

export interface ConnectionEventMap {
  'peer-state-changed': PeerStateChangedEvent;
  stream: StreamEvent;
  'stream-ended': StreamEvent;
  mute: MuteEvent;
  unmute: MuteEvent;
  open: ChannelEvent;
  close: ChannelEvent;
  message: DataMessageEvent;
  'extra-updated': ExtraUpdatedEvent;
  'participant-joined': ParticipantJoinedEvent;
  'participant-left': ParticipantLeftEvent;
  'status-changed': StatusChangedEvent;
  'connection-state-changed': ConnectionStateChangedEvent;
  'reconnect-scheduled': ReconnectScheduledEvent;
  error: RtcErrorEvent;
}
