/**
 * The DOM events of the elements: `rtc-*` events that bubble and are
 * composed, with a typed `detail` mirroring the connection core's events.
 */
import type { ConnectionState, Extra, Participant, ParticipantStatus, RtcErrorCode } from '../../core/index.js';

export type RoomStatus = 'idle' | 'connecting' | 'joined' | 'reconnecting' | 'error' | 'closed';

export interface ExtraUpdatedDetail {
  userid: string;
  extra: Readonly<Extra>;
  previous: Readonly<Extra>;
  changed: readonly string[];
  isLocal: boolean;
}
export interface ParticipantDetail {
  participant: Participant;
  userid: string;
  extra: Readonly<Extra>;
}
export interface ParticipantStatusDetail extends ParticipantDetail {
  status: ParticipantStatus;
  previous: ParticipantStatus;
}
export interface StatusChangedDetail {
  status: RoomStatus;
  previous: RoomStatus;
  /** The connection's own state behind the status. */
  connectionState: ConnectionState;
}
export interface ReconnectScheduledDetail {
  /** 1 for the first attempt since the connection was last stable. */
  attempt: number;
  /** Milliseconds until the attempt. */
  delay: number;
  /** When it starts (ms since the epoch). */
  at: number;
}
export interface OpenDetail {
  userid: string;
  extra: Readonly<Extra>;
  channel: RTCDataChannel | undefined;
}
export interface MessageDetail {
  data: unknown;
  userid: string;
  extra: Readonly<Extra>;
  latency: number;
}
export interface StreamDetail {
  stream: MediaStream;
  streamid: string;
  userid: string;
  extra: Readonly<Extra>;
  isLocal: boolean;
  mediaElement: HTMLMediaElement | undefined;
  isAudio: boolean;
  isVideo: boolean;
}
export interface ErrorDetail {
  code: RtcErrorCode | 'invalid-attribute';
  message: string;
  error: Error;
}

export interface RtcEventMap {
  'rtc-extra-updated': RtcEvent<ExtraUpdatedDetail>;
  'rtc-participant-joined': RtcEvent<ParticipantDetail>;
  'rtc-participant-left': RtcEvent<ParticipantDetail>;
  'rtc-participant-status-changed': RtcEvent<ParticipantStatusDetail>;
  'rtc-status-changed': RtcEvent<StatusChangedDetail>;
  'rtc-reconnect-scheduled': RtcEvent<ReconnectScheduledDetail>;
  'rtc-open': RtcEvent<OpenDetail>;
  'rtc-message': RtcEvent<MessageDetail>;
  'rtc-stream': RtcEvent<StreamDetail>;
  'rtc-stream-ended': RtcEvent<StreamDetail>;
  'rtc-error': RtcEvent<ErrorDetail>;
}

/** Every `rtc-*` event: bubbles, crosses shadow roots, not cancelable. */
export class RtcEvent<D> extends CustomEvent<D> {
  constructor(type: keyof RtcEventMap, detail: D) {
    super(type, { detail, bubbles: true, composed: true });
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges our events into the DOM's map
  interface HTMLElementEventMap extends RtcEventMap {}
}
