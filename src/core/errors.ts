import { idProblem } from '../protocol/ids.js';

/** Every failure the connection reports carries one of these codes. */
export type RtcErrorCode =
  | 'room-full'
  | 'invalid-password'
  | 'room-not-available'
  | 'userid-already-taken'
  | 'invalid-room-id'
  | 'invalid-userid'
  | 'invalid-socket-url'
  | 'extra-not-object'
  | 'extra-not-serializable'
  | 'extra-too-large'
  | 'extra-forbidden-key'
  | 'extra-too-deep'
  | 'connection-failed'
  | 'timeout'
  | 'left'
  | 'invalid-input'
  | 'media-failed'
  | 'peer-failed'
  /** The browser refused one of `iceServers`' URLs: it is left out, the others are used. */
  | 'ice-server-rejected'
  | 'no-data-channel'
  /** A file could not be sent or received whole (unreadable file, the sender stopped, bytes missing). */
  | 'file-transfer-failed'
  /** A limit (`maxListedParticipants`, say) kept the server from making us list or connect more. */
  | 'limit-reached'
  /** The room's owner closed it for everyone (rtc-elements-server); the connection left it. */
  | 'room-closed'
  /** rtc-elements-server dropped something this connection sent: `details.reason` says why (`rate-limited`, …). */
  | 'refused'
  /** A bug of ours, not bad input: please report it. */
  | 'internal';

export class RtcError extends Error {
  override readonly name = 'RtcError';

  constructor(
    readonly code: RtcErrorCode,
    message: string,
    /** Extra context: the room id, the offending userid, the raw server string. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** Any thrown value as an RtcError: ours as they are, anything else is a bug of ours (`internal`). */
  static from(error: unknown): RtcError {
    return error instanceof RtcError ? error : new RtcError('internal', String(error), { error });
  }
}

/** The server's ack strings, mapped to our codes. */
export function errorFromServer(message: unknown, roomid: string): RtcError {
  const text = typeof message === 'string' ? message : 'the server refused the request';
  const code: RtcErrorCode =
    text === 'Room full' ? 'room-full' : text === 'Invalid password' ? 'invalid-password' : 'room-not-available';
  return new RtcError(code, `${text} (room "${roomid}")`, { roomid, serverMessage: text });
}

/** Throws `invalid-room-id` or `invalid-userid` for an id the server would mishandle. */
export function assertId(value: unknown, what: 'room id' | 'userid'): void {
  const problem = idProblem(value, what);
  if (!problem) return;
  const [code, key] =
    what === 'userid' ? (['invalid-userid', 'userid'] as const) : (['invalid-room-id', 'roomid'] as const);
  throw new RtcError(code, problem, { [key]: value });
}
