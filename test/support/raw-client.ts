/**
 * A bare socket.io client speaking the stock protocol by hand: an observer that
 * counts what the server fans out, or a hostile peer sending what no honest
 * client would.
 */
import { io, type Socket } from 'socket.io-client';

export interface RawClient {
  socket: Socket;
  userid: string;
  /** Emits with an acknowledgement and resolves with its arguments. */
  request(event: string, ...args: unknown[]): Promise<unknown[]>;
  close(): void;
}

export async function connectRaw(url: string, userid: string, query: Record<string, string> = {}): Promise<RawClient> {
  const socket = io(url, {
    query: { userid, msgEvent: 'RTCMultiConnection-Message', extra: '{}', ...query },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    socket,
    userid,
    request: (event, ...args) =>
      new Promise((resolve, reject) => {
        socket.timeout(10000).emit(event, ...args, (error: Error | null, ...response: unknown[]) => {
          if (error) reject(new Error(`no acknowledgement for "${event}"`));
          else resolve(response);
        });
      }),
    close: () => socket.disconnect(),
  };
}
