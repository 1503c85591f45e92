/**
 * Typed events of the connection. They are plain `Event` subclasses (present in
 * browsers and Node 20 alike), so listeners can use `instanceof` and read typed
 * fields. Each is constructed from an init object and carries its fields both
 * as properties and together as `fields`, which `<rtc-room>` re-dispatches as
 * its bubbling, composed DOM event's `detail`: one definition for both.
 */
import type { Extra } from '../protocol/extra.js';
import type { RtcError } from './errors.js';
import type { ExtraChangeTimes } from './participants/extra-changes.js';

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
  /**
   * When each top-level extra key last changed while we watched (ms since the epoch, at receipt on this clock),
   * keys the latest change removed included; absent until the first change after the participant joined. See
   * `lastExtraChange`.
   */
  readonly extraChangedAt?: ExtraChangeTimes;
}

export type ConnectionState = 'idle' | 'connecting' | 'joined' | 'reconnecting' | 'closed';

/** An event whose fields are readonly properties and, together, `fields`. */
export type EventWithFields<F extends object> = Event & Readonly<F> & { readonly fields: Readonly<F> };

/** The base class of events with the fields `F` (a class per call, so each event type has its own prototype chain). */
function eventWithFields<F extends object>(): new (type: string, fields: F) => EventWithFields<F> {
  return class extends Event {
    readonly fields: Readonly<F>;
    constructor(type: string, fields: F) {
      super(type);
      this.fields = Object.freeze({ ...fields });
      Object.assign(this, this.fields);
    }
  } as unknown as new (type: string, fields: F) => EventWithFields<F>;
}

/** A participant as a whole: the snapshot, and its userid and extra at hand. */
export interface ParticipantFields {
  participant: Participant;
  userid: string;
  extra: Readonly<Extra>;
}
const participantFields = (participant: Participant): ParticipantFields => ({
  participant,
  userid: participant.userid,
  extra: participant.extra,
});

export interface ExtraUpdatedFields {
  userid: string;
  extra: Readonly<Extra>;
  previous: Readonly<Extra>;
  /** Top-level keys added, removed or changed. */
  changed: readonly string[];
  isLocal: boolean;
}
/** A participant's extra really changed (once per change, yours included). */
export class ExtraUpdatedEvent extends eventWithFields<ExtraUpdatedFields>() {
  static readonly type = 'extra-updated';
  constructor(init: ExtraUpdatedFields) {
    super(ExtraUpdatedEvent.type, init);
  }
}

/** Someone (yourself included) entered the roster. */
export class ParticipantJoinedEvent extends eventWithFields<ParticipantFields>() {
  static readonly type = 'participant-joined';
  constructor(init: { participant: Participant }) {
    super(ParticipantJoinedEvent.type, participantFields(init.participant));
  }
}

/**
 * Why a participant left the roster: it said goodbye, it stayed lost from
 * signaling past the grace period, or we left the room ourselves.
 */
export type LeaveReason = 'goodbye' | 'lost' | 'we-left';

export interface ParticipantLeftFields extends ParticipantFields {
  reason: LeaveReason;
}
/** Someone left the roster; `participant` is as last known, extra included. */
export class ParticipantLeftEvent extends eventWithFields<ParticipantLeftFields>() {
  static readonly type = 'participant-left';
  constructor(init: { participant: Participant; reason: LeaveReason }) {
    super(ParticipantLeftEvent.type, { ...participantFields(init.participant), reason: init.reason });
  }
}

export interface ParticipantStatusChangedFields extends ParticipantFields {
  status: ParticipantStatus;
  previous: ParticipantStatus;
}
/** A participant went `stale` (lost from signaling) or came back `online`. */
export class ParticipantStatusChangedEvent extends eventWithFields<ParticipantStatusChangedFields>() {
  static readonly type = 'participant-status-changed';
  constructor(init: { participant: Participant; previous: ParticipantStatus }) {
    super(ParticipantStatusChangedEvent.type, {
      ...participantFields(init.participant),
      status: init.participant.status,
      previous: init.previous,
    });
  }
}

export interface PeerStateChangedFields extends ParticipantFields {
  peerState: PeerState | undefined;
  previous: PeerState | undefined;
}
/** The WebRTC link to a participant changed state. */
export class PeerStateChangedEvent extends eventWithFields<PeerStateChangedFields>() {
  static readonly type = 'peer-state-changed';
  constructor(init: { participant: Participant; previous: PeerState | undefined }) {
    super(PeerStateChangedEvent.type, {
      ...participantFields(init.participant),
      peerState: init.participant.peerState,
      previous: init.previous,
    });
  }
}

export interface ConnectionStateChangedFields {
  state: ConnectionState;
  previous: ConnectionState;
}
/** Our own connection to the room changed state. */
export class ConnectionStateChangedEvent extends eventWithFields<ConnectionStateChangedFields>() {
  static readonly type = 'connection-state-changed';
  constructor(init: ConnectionStateChangedFields) {
    super(ConnectionStateChangedEvent.type, init);
  }
}

export interface ReconnectScheduledFields {
  /** 1 for the first attempt since the connection was last stable. */
  attempt: number;
  /** Milliseconds until the attempt. */
  delay: number;
  /** When the attempt starts (ms since the epoch). */
  at: number;
}
/** The signaling connection is lost; the next attempt to get back into the room comes after `delay` ms. */
export class ReconnectScheduledEvent extends eventWithFields<ReconnectScheduledFields>() {
  static readonly type = 'reconnect-scheduled';
  constructor(init: { attempt: number; delay: number }) {
    super(ReconnectScheduledEvent.type, { ...init, at: Date.now() + init.delay });
  }
}

export interface RtcErrorFields {
  code: RtcError['code'];
  message: string;
  error: RtcError;
}
/** Something failed; `code` says what (see `RtcErrorCode`). */
export class RtcErrorEvent extends eventWithFields<RtcErrorFields>() {
  static readonly type = 'error';
  constructor(init: { error: RtcError }) {
    super(RtcErrorEvent.type, { code: init.error.code, message: init.error.message, error: init.error });
  }
}

export interface StreamFields {
  stream: MediaStream;
  streamid: string;
  userid: string;
  extra: Readonly<Extra>;
  isLocal: boolean;
  /** A ready `<video>` or `<audio>` playing the stream (browsers only; local ones muted). */
  mediaElement: HTMLMediaElement | undefined;
  isAudio: boolean;
  isVideo: boolean;
  isScreen: boolean;
}
/** A local or remote media stream started (`stream`) or ended (`stream-ended`); stock's onstream fields. */
export class StreamEvent extends eventWithFields<StreamFields>() {
  constructor(type: 'stream' | 'stream-ended', init: Omit<StreamFields, 'streamid'>) {
    super(type, { ...init, streamid: init.stream.id });
  }
}

export interface MuteFields {
  userid: string;
  streamid: string;
  /** What was muted or unmuted. */
  muteType: 'audio' | 'video' | 'both';
  isLocal: boolean;
}
/** A participant muted or unmuted a stream (`mute`/`unmute`). */
export class MuteEvent extends eventWithFields<MuteFields>() {
  constructor(type: 'mute' | 'unmute', init: MuteFields) {
    super(type, init);
  }
}

export interface ChannelFields {
  userid: string;
  extra: Readonly<Extra>;
  /** The open data channel (`undefined` on `close`). */
  channel: RTCDataChannel | undefined;
}
/** A data channel to a participant opened (`open`) or closed (`close`). */
export class ChannelEvent extends eventWithFields<ChannelFields>() {
  constructor(type: 'open' | 'close', init: ChannelFields) {
    super(type, init);
  }
}

export interface DataMessageFields {
  data: unknown;
  userid: string;
  extra: Readonly<Extra>;
  /** Milliseconds from the sender's clock at sending to ours at arrival. */
  latency: number;
}
/** A complete message over the data channel: `{data, userid, extra, latency}` as stock's onmessage. */
export class DataMessageEvent extends eventWithFields<DataMessageFields>() {
  static readonly type = 'message';
  constructor(init: DataMessageFields) {
    super(DataMessageEvent.type, init);
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
  'participant-status-changed': ParticipantStatusChangedEvent;
  'connection-state-changed': ConnectionStateChangedEvent;
  'reconnect-scheduled': ReconnectScheduledEvent;
  error: RtcErrorEvent;
}
