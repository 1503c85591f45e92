/**
 * A signaling server that speaks the stock protocol (the stock server's own
 * handlers, `rtcmulticonnection-server`'s `addSocket`, in this process) and can
 * be switched into faults, per userid: dropping every connection soon after it
 * opens, leaving room requests unanswered or answering them with garbage,
 * answering extra lookups with a megabyte. Bound to 127.0.0.1; `close()` stops it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Server, type Socket } from 'socket.io';

const require = createRequire(import.meta.url);
const stock = require('rtcmulticonnection-server') as { addSocket(socket: Socket, config: object): void };

export type Fault =
  /** The server disconnects each connection (`socket.disconnect`) this long after it opened. */
  | { kind: 'disconnect-storm'; afterMs: number }
  /** The transport under each connection closes this long after it opened. */
  | { kind: 'transport-storm'; afterMs: number }
  /** open-room and join-room are answered with these arguments, or never (`answer` undefined). */
  | { kind: 'room-answers'; answer?: unknown[] }
  /** get-remote-user-extra-data is answered with this value for every userid. */
  | { kind: 'extra-answers'; answer: unknown };

type Ack = (...args: unknown[]) => void;

export interface FaultyServer {
  url: string;
  /** Puts a userid's connections (present and future) into a fault; `undefined` makes the server honest again. */
  setFault(userid: string, fault: Fault | undefined): void;
  /** How many connections a userid opened so far. */
  connects(userid: string): number;
  /** The userid's current socket, to send it what the server never would. */
  socketOf(userid: string): Socket | undefined;
  close(): Promise<void>;
}

export async function startFaultyServer(): Promise<FaultyServer> {
  const http = createServer();
  const io = new Server(http, { cors: { origin: true } });
  const faults = new Map<string, Fault>();
  const connects = new Map<string, number>();
  const sockets = new Map<string, Socket>();

  io.on('connection', (socket) => {
    const userid = String(socket.handshake.query['userid'] ?? '');
    connects.set(userid, (connects.get(userid) ?? 0) + 1);
    sockets.set(userid, socket);
    const storm = faults.get(userid);
    if (storm?.kind === 'disconnect-storm') setTimeout(() => socket.disconnect(true), storm.afterMs);
    if (storm?.kind === 'transport-storm') setTimeout(() => socket.conn.close(), storm.afterMs);
    socket.use(([event, ...args], next) => {
      const fault = faults.get(userid);
      const ack = args.at(-1) as Ack | undefined;
      if (fault?.kind === 'room-answers' && (event === 'open-room' || event === 'join-room')) {
        if (fault.answer && typeof ack === 'function') ack(...fault.answer);
        return;
      }
      if (fault?.kind === 'extra-answers' && event === 'get-remote-user-extra-data' && typeof ack === 'function') {
        ack(fault.answer);
        return;
      }
      next();
    });
    stock.addSocket(socket, {});
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    setFault(userid, fault) {
      if (fault) faults.set(userid, fault);
      else faults.delete(userid);
    },
    connects: (userid) => connects.get(userid) ?? 0,
    socketOf: (userid) => sockets.get(userid),
    close: () =>
      new Promise<void>((resolve) => {
        io.disconnectSockets(true);
        void io.close(() => resolve());
      }),
  };
}
