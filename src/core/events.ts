/**
 * Typed events of the connection. They are plain `Event` subclasses (present in
 * browsers and Node 20 alike), so listeners can use `instanceof` and read typed
 * fields; `<rtc-room>` re-dispatches them as bubbling, composed DOM events.
 */
import type { Extra } from '../protocol/extra.js';
import type { RtcError } from './errors.js';

export type ParticipantStatus = 'online' | 'stale';

/** One row of the roster: a snapshot, replaced (never mutated) when anything changes. */
export interface Participant {
  readonly userid: string;
  readonly extra: Readonly<Extra>;
  /** `stale`: lost from signaling, kept for the grace period in case it comes back. */
  readonly status: ParticipantStatus;
  readonly isLocal: boolean;
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

export class ParticipantJoinedEvent extends Event {
  static readonly type = 'participant-joined';
  constructor(readonly participant: Participant) {
    super(ParticipantJoinedEvent.type);
  }
  get userid(): string {
    return this.participant.userid;
  }
  get extra(): Readonly<Extra> {
    return this.participant.extra;
  }
}

export class ParticipantLeftEvent extends Event {
  static readonly type = 'participant-left';
  /** The participant as last known, extra included. */
  constructor(readonly participant: Participant) {
    super(ParticipantLeftEvent.type);
  }
  get userid(): string {
    return this.participant.userid;
  }
  get extra(): Readonly<Extra> {
    return this.participant.extra;
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

export interface ConnectionEventMap {
  'extra-updated': ExtraUpdatedEvent;
  'participant-joined': ParticipantJoinedEvent;
  'participant-left': ParticipantLeftEvent;
  'status-changed': StatusChangedEvent;
  'connection-state-changed': ConnectionStateChangedEvent;
  error: RtcErrorEvent;
}
