/** The socket a handler serves: who it is now, and how to tell it no. */
import type { Socket } from 'socket.io';
import type { RefusalReason } from '../../../src/protocol/server-extensions.js';
import type { ClientProfile } from '../clients/handshake.js';
import type { SocketLimits } from '../clients/socket-limits.js';
import type { User } from '../rooms/room-directory.js';

/** An acknowledgement callback, or a no-op when the client sent none. */
export type Ack = (...args: unknown[]) => void;

export interface Caller {
  readonly socket: Socket;
  readonly profile: ClientProfile;
  readonly limits: SocketLimits;
  /** The user this socket is now (`changed-uuid` gives it another userid). */
  user(): User;
  /** Something it sent was dropped: counted, logged, and told to the socket (at most once a second per reason). */
  refuse(event: string, reason: RefusalReason, message: string): void;
}

/** The last argument, when it is a function: socket.io's acknowledgement. */
export function ackOf(args: unknown[]): Ack {
  const last = args.at(-1);
  return typeof last === 'function' ? (last as Ack) : () => {};
}
