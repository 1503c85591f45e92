/**
 * The DOM events of the elements: `rtc-*` events that bubble and are composed.
 * `<rtc-room>` re-dispatches every connection event under the name the table
 * below gives it, with the core event's `fields` as `detail`, so the element
 * events cannot drift from the core's.
 */
import type {
  ChannelFields,
  ConnectionEventMap,
  ConnectionState,
  DataMessageFields,
  ExtraUpdatedFields,
  MuteFields,
  ParticipantFields,
  ParticipantLeftFields,
  ParticipantStatusChangedFields,
  PeerStateChangedFields,
  ReconnectScheduledFields,
  RtcErrorCode,
  StreamFields,
} from '../../core/index.js';

/** The room element's status: the connection's state, plus `error` when the room's configuration or a join failed. */
export type RoomStatus = 'idle' | 'connecting' | 'joined' | 'reconnecting' | 'error' | 'closed';

export interface RoomStatusChangedDetail {
  status: RoomStatus;
  previous: RoomStatus;
  /** The connection's own state behind the status. */
  connectionState: ConnectionState;
}

/**
 * Failures of the elements' own: an attribute or property value they cannot use, an `extra` string that is not JSON,
 * browser storage refusing what `persist` keeps.
 */
export type ElementErrorCode = 'invalid-attribute' | 'extra-not-json' | 'persist-failed';

export interface ErrorDetail {
  code: RtcErrorCode | ElementErrorCode;
  message: string;
  error: Error;
}

export type ExtraUpdatedDetail = ExtraUpdatedFields;
export type ParticipantDetail = ParticipantFields;
export type ParticipantLeftDetail = ParticipantLeftFields;
export type ParticipantStatusDetail = ParticipantStatusChangedFields;
export type PeerStateDetail = PeerStateChangedFields;
export type ReconnectScheduledDetail = ReconnectScheduledFields;
export type ChannelDetail = ChannelFields;
export type MessageDetail = DataMessageFields;
export type StreamDetail = StreamFields;
export type MuteDetail = MuteFields;

export interface RtcEventMap {
  'rtc-room-status-changed': RtcEvent<RoomStatusChangedDetail>;
  'rtc-reconnect-scheduled': RtcEvent<ReconnectScheduledDetail>;
  'rtc-participant-joined': RtcEvent<ParticipantDetail>;
  'rtc-participant-left': RtcEvent<ParticipantLeftDetail>;
  'rtc-participant-status-changed': RtcEvent<ParticipantStatusDetail>;
  'rtc-peer-state-changed': RtcEvent<PeerStateDetail>;
  'rtc-extra-updated': RtcEvent<ExtraUpdatedDetail>;
  'rtc-open': RtcEvent<ChannelDetail>;
  'rtc-close': RtcEvent<ChannelDetail>;
  'rtc-message': RtcEvent<MessageDetail>;
  'rtc-stream': RtcEvent<StreamDetail>;
  'rtc-stream-ended': RtcEvent<StreamDetail>;
  'rtc-mute': RtcEvent<MuteDetail>;
  'rtc-unmute': RtcEvent<MuteDetail>;
  'rtc-error': RtcEvent<ErrorDetail>;
}

/** The element events whose detail can carry a core event's fields. */
type ElementEventFor<K extends keyof ConnectionEventMap> = {
  [D in keyof RtcEventMap]: ConnectionEventMap[K]['fields'] extends RtcEventMap[D]['detail'] ? D : never;
}[keyof RtcEventMap];

/**
 * Core event → element event, for every core event but `connection-state-changed`, which becomes the room's
 * `rtc-room-status-changed` (the room adds its own `error` status). The compiler checks that the table is complete
 * and that each detail type holds the core event's fields.
 */
export const ELEMENT_EVENTS = {
  'participant-joined': 'rtc-participant-joined',
  'participant-left': 'rtc-participant-left',
  'participant-status-changed': 'rtc-participant-status-changed',
  'peer-state-changed': 'rtc-peer-state-changed',
  'extra-updated': 'rtc-extra-updated',
  'reconnect-scheduled': 'rtc-reconnect-scheduled',
  open: 'rtc-open',
  close: 'rtc-close',
  message: 'rtc-message',
  stream: 'rtc-stream',
  'stream-ended': 'rtc-stream-ended',
  mute: 'rtc-mute',
  unmute: 'rtc-unmute',
  error: 'rtc-error',
} as const satisfies { [K in Exclude<keyof ConnectionEventMap, 'connection-state-changed'>]: ElementEventFor<K> };

/** Every `rtc-*` event: bubbles, crosses shadow roots, not cancelable. */
export class RtcEvent<D> extends CustomEvent<D> {
  constructor(type: keyof RtcEventMap, init: { detail: D }) {
    super(type, { detail: init.detail, bubbles: true, composed: true });
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges our events into the DOM's map
  interface HTMLElementEventMap extends RtcEventMap {}
}
