/**
 * A child process that joins a room and floods one member with small relays
 * as fast as it can (flow-control.test.ts starts it: the flood comes from
 * another process, as it would, and costs the server's process nothing to send).
 *
 *   node --import tsx server/test/flooder.ts URL USERID ROOMID VICTIM COUNT
 *
 * Tells its parent over IPC: `joined`, then, after the parent's `go`, `done`
 * once the flood is written, `refused` (each rtc-elements:refused notice) and
 * `disconnected` with socket.io's reason.
 */
import type { Socket } from 'node:net';
import { io } from 'socket.io-client';

const [url, userid, roomid, victim, countText] = process.argv.slice(2) as [string, string, string, string, string];
const count = Number(countText);
const tell = (message: Record<string, unknown>) => process.send?.(message);

const socket = io(url, {
  query: { userid, msgEvent: 'RTCMultiConnection-Message', extra: '{}' },
  transports: ['websocket'],
  forceNew: true,
  reconnection: false,
});
socket.on('rtc-elements:refused', (refusal: unknown) => tell({ type: 'refused', refusal }));
socket.on('disconnect', (reason: string) => tell({ type: 'disconnected', reason }));
socket.on('connect', () => {
  socket.emit('join-room', { sessionid: roomid, session: { data: true }, extra: {}, password: '' }, (ok: boolean) =>
    tell({ type: ok ? 'joined' : 'join-failed' }),
  );
});

/**
 * Every relay at once, as fast as the connection takes them: encoded in advance as websocket frames and written in one
 * go to the websocket's TCP connection, so that the flood costs this process (on the test machine's other core) next
 * to nothing while it lasts. Client frames must be masked; a zero mask leaves the payload as it is.
 */
function flood(): void {
  const frames: Buffer[] = [];
  for (let index = 0; index < count; index++) {
    const packet = ['RTCMultiConnection-Message', { remoteUserId: victim, sender: userid, message: { flood: index } }];
    // engine.io's message packet (4) carrying socket.io's event packet (2).
    const payload = Buffer.from(`42${JSON.stringify(packet)}`);
    const header =
      payload.length < 126
        ? [0x81, 0x80 | payload.length, 0, 0, 0, 0]
        : [0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff, 0, 0, 0, 0];
    frames.push(Buffer.from(header), payload);
  }
  const transport = socket.io.engine.transport as unknown as { ws: { _socket: Socket } };
  transport.ws._socket.write(Buffer.concat(frames));
  tell({ type: 'done' });
}

process.on('message', (message: { type?: string }) => {
  if (message.type === 'go') flood();
});
