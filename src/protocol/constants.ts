/**
 * Names and strings of the stock RTCMultiConnection 3.7.1 wire protocol, as
 * spoken by rtcmulticonnection-server 1.3.3. Pure data: no I/O here.
 */

/** Socket.io events the client emits to the stock server. */
export const ClientEvent = {
  openRoom: 'open-room',
  joinRoom: 'join-room',
  checkPresence: 'check-presence',
  extraDataUpdated: 'extra-data-updated',
  getRemoteUserExtraData: 'get-remote-user-extra-data',
} as const;

/** Socket.io events the stock server emits to clients. */
export const ServerEvent = {
  extraDataUpdated: 'extra-data-updated',
  userConnected: 'user-connected',
  userDisconnected: 'user-disconnected',
  useridAlreadyTaken: 'userid-already-taken',
  setIsInitiatorTrue: 'set-isInitiator-true',
} as const;

/** The stock defaults for the per-room relay and the server-wide broadcast event. */
export const DEFAULT_SOCKET_MESSAGE_EVENT = 'RTCMultiConnection-Message';
export const DEFAULT_SOCKET_CUSTOM_EVENT = 'RTCMultiConnection-Custom-Message';

/** The server's error strings (CONST_STRINGS.js), as they arrive in acks. */
export const ServerError = {
  roomNotAvailable: 'Room not available',
  invalidPassword: 'Invalid password',
  roomFull: 'Room full',
  useridNotAvailable: 'User ID does not exist',
} as const;

/**
 * The server injects `_room: {isFull, isPasswordProtected}` into the room
 * owner's extra on every check-presence (it shares one object); it is never
 * participant data.
 */
export const SERVER_ROOM_INFO_KEY = '_room';

/** The stock server treats this userid as its admin socket and disconnects it. */
export const RESERVED_USERID = 'admin';
