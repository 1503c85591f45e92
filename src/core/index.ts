/**
 * The framework-free connection core: runs in browsers and in Node 20 (no DOM).
 */
export { RTCMultiConnection } from './rtc-multi-connection.js';
export type { RoomResult } from './session/room-requests.js';
export type { ConnectionOptions } from './connection-settings.js';
export type { MuteSession, RoomCallback, StockStreamEvent, UserPreferences } from './stock-callbacks.js';
export { RtcError } from './errors.js';
export type { RtcErrorCode } from './errors.js';
export {
  ChannelEvent,
  ConnectionStateChangedEvent,
  DataMessageEvent,
  ExtraUpdatedEvent,
  MuteEvent,
  ParticipantJoinedEvent,
  ParticipantLeftEvent,
  PeerStateChangedEvent,
  ParticipantStatusChangedEvent,
  ReconnectScheduledEvent,
  RtcErrorEvent,
  StreamEvent,
} from './events.js';
export type {
  ChannelFields,
  ConnectionEventMap,
  ConnectionState,
  ConnectionStateChangedFields,
  DataMessageFields,
  EventWithFields,
  ExtraUpdatedFields,
  LeaveReason,
  MuteFields,
  Participant,
  ParticipantFields,
  ParticipantLeftFields,
  ParticipantStatus,
  ParticipantStatusChangedFields,
  PeerState,
  PeerStateChangedFields,
  ReconnectScheduledFields,
  RtcErrorFields,
  StreamFields,
} from './events.js';
export type { PeerEntry, Peers } from './participants/peers.js';
export { lastExtraChange } from './participants/extra-changes.js';
export type { ExtraChange, ExtraChangeTimes } from './participants/extra-changes.js';
export type { Extra, JsonValue } from '../protocol/extra.js';
export type { RoomPresence, Session } from '../protocol/messages.js';
