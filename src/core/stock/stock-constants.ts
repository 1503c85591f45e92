/** Stock 3.7.1 members that are plain data: `connection.errors` (the server's CONST_STRINGS). */
import { ServerError } from '../../protocol/constants.js';

/** The stock server's error strings, as stock exposes them in `connection.errors` (compare open/join callback errors). */
export const STOCK_ERRORS = Object.freeze({
  ROOM_NOT_AVAILABLE: ServerError.roomNotAvailable,
  INVALID_PASSWORD: ServerError.invalidPassword,
  USERID_NOT_AVAILABLE: ServerError.useridNotAvailable,
  ROOM_PERMISSION_DENIED: 'Room permission denied',
  ROOM_FULL: ServerError.roomFull,
  DID_NOT_JOIN_ANY_ROOM: 'Did not join any room yet',
  INVALID_SOCKET: 'Invalid socket',
  PUBLIC_IDENTIFIER_MISSING: 'publicRoomIdentifier is required',
  INVALID_ADMIN_CREDENTIAL: 'Invalid username or password attempted',
});
