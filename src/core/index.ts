/**
 * The framework-free connection core: runs in browsers and in Node 20 (no DOM).
 */
export { RTCMultiConnection } from './rtc-multi-connection.js';
export type { ConnectionOptions, RoomCallback, RoomResult, UserPreferences } from './rtc-multi-connection.js';
export { RtcError } from './errors.js';
export type { RtcErrorCode } from './errors.js';
export {
  ConnectionStateChangedEvent,
  ExtraUpdatedEvent,
  ParticipantJoinedEvent,
  ParticipantLeftEvent,
  RtcErrorEvent,
  StatusChangedEvent,
} from './events.js';
export type { ConnectionEventMap, ConnectionState, Participant, ParticipantStatus } from './events.js';
export type { Peers } from './peers.js';
export type { Extra, JsonValue } from '../protocol/extra.js';
export type { RoomPresence, Session } from '../protocol/messages.js';
