/**
 * The framework-free connection core: runs in browsers and in Node 20 (no DOM).
 */
export { RTCMultiConnection } from './core/rtc-multi-connection.js';
export type { ConnectionOptions, RoomCallback, RoomResult, UserPreferences } from './core/rtc-multi-connection.js';
export { RtcError } from './core/errors.js';
export type { RtcErrorCode } from './core/errors.js';
export {
  ConnectionStateChangedEvent,
  ExtraUpdatedEvent,
  ParticipantJoinedEvent,
  ParticipantLeftEvent,
  RtcErrorEvent,
  StatusChangedEvent,
} from './core/events.js';
export type { ConnectionEventMap, ConnectionState, Participant, ParticipantStatus } from './core/events.js';
export type { Peers } from './core/peers.js';
export type { Extra, JsonValue } from './protocol/extra.js';
export type { RoomPresence, Session } from './protocol/messages.js';
