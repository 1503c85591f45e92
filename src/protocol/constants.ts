/**
 * Names and strings of the stock RTCMultiConnection 3.7.1 wire protocol, as
 * spoken by rtcmulticonnection-server 1.3.3. Pure data: no I/O here. The kit
 * and rtc-elements-server both read them from this one file.
 */

/** Socket.io events a client emits to the server. */
export const ClientEvent = {
  openRoom: 'open-room',
  joinRoom: 'join-room',
  checkPresence: 'check-presence',
  extraDataUpdated: 'extra-data-updated',
  getRemoteUserExtraData: 'get-remote-user-extra-data',
  changedUuid: 'changed-uuid',
  setPassword: 'set-password',
  isValidPassword: 'is-valid-password',
  getPublicRooms: 'get-public-rooms',
  disconnectWith: 'disconnect-with',
  closeEntireSession: 'close-entire-session',
  setCustomSocketEventListener: 'set-custom-socket-event-listener',
} as const;

/** Socket.io events the server emits to clients. */
export const ServerEvent = {
  extraDataUpdated: 'extra-data-updated',
  userConnected: 'user-connected',
  userDisconnected: 'user-disconnected',
  useridAlreadyTaken: 'userid-already-taken',
  setIsInitiatorTrue: 'set-isInitiator-true',
  /** Listened to by stock 3.7.1 (it leaves the room), never sent by server 1.3.3. */
  closedEntireSession: 'closed-entire-session',
  /** The stock admin page's channel; the userid `admin` gets its refusal on it. */
  admin: 'admin',
} as const;

/** The stock defaults for the per-room relay and the server-wide broadcast event. */
export const DEFAULT_SOCKET_MESSAGE_EVENT = 'RTCMultiConnection-Message';
export const DEFAULT_SOCKET_CUSTOM_EVENT = 'RTCMultiConnection-Custom-Message';
/** What stock's server.js listens on when a handshake names no custom event. */
export const FALLBACK_SOCKET_CUSTOM_EVENT = 'custom-message';

/** The server's error strings (CONST_STRINGS.js and the ad-hoc ones), as they arrive in acks. */
export const ServerError = {
  roomNotAvailable: 'Room not available',
  invalidPassword: 'Invalid password',
  roomFull: 'Room full',
  useridNotAvailable: 'User ID does not exist',
  roomPermissionDenied: 'Room permission denied',
  didNotJoinAnyRoom: 'Did not join any room yet',
  publicIdentifierMissing: 'publicRoomIdentifier is required',
  passwordMissing: 'You did not enter the password.',
  roomidMissing: 'You did not enter the room-id.',
  roomHasNoPassword: 'This room do not have any password.',
} as const;

/**
 * The server injects `_room: {isFull, isPasswordProtected}` into the room
 * owner's extra on every check-presence (it shares one object); it is never
 * participant data.
 */
export const SERVER_ROOM_INFO_KEY = '_room';

/** The stock server treats this userid as its admin socket and disconnects it. */
export const RESERVED_USERID = 'admin';

/** Events socket.io itself gives meaning to: no relay or custom event may use them. */
const SOCKET_IO_EVENTS = [
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'error',
  'newListener',
  'removeListener',
] as const;

/**
 * Event names no client may choose for its relay (`msgEvent`) or a custom
 * event: a relay or broadcast under one of them would reach its recipients as
 * a message from the server itself.
 */
export function isProtocolEventName(name: string): boolean {
  return (
    PROTOCOL_EVENT_NAMES.has(name) ||
    name.startsWith(SERVER_EXTENSION_PREFIX) ||
    // Scalable-broadcast and stock's legacy events, which no room of ours uses, stay out of reach too.
    LEGACY_EVENT_NAMES.has(name)
  );
}

/** Events rtc-elements-server adds for the kit start with this (see server-extensions.ts). */
export const SERVER_EXTENSION_PREFIX = 'rtc-elements:';

const PROTOCOL_EVENT_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(ClientEvent),
  ...Object.values(ServerEvent),
  ...SOCKET_IO_EVENTS,
]);

const LEGACY_EVENT_NAMES: ReadonlySet<string> = new Set([
  'user-not-found',
  'logs',
  'get-number-of-users-in-specific-broadcast',
  'join-broadcast',
  'scalable-broadcast-message',
  'can-relay-broadcast',
  'can-not-relay-broadcast',
  'check-broadcast-presence',
  'number-of-broadcast-viewers-updated',
  'join-broadcaster',
  'start-broadcasting',
  'rejoin-broadcast',
  'broadcast-stopped',
]);
