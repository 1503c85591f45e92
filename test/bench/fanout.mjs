/**
 * Fan-out in Node (signaling only): 200 participants in one room, one update
 * reaching the 199 others, against raw socket.io clients on the same server;
 * and the time for 200 to join.
 */
import { io } from 'socket.io-client';
import { RTCMultiConnection } from '../../dist/core/index.js';
import { median, sleep } from '../support/browser.mjs';

const now = () => performance.now();

async function rawClients(url, room, count) {
  const clients = [];
  const start = now();
  for (let index = 0; index < count; index++) {
    const socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      query: { userid: `raw-${room}-${index}`, msgEvent: 'RTCMultiConnection-Message', extra: '{}' },
    });
    await new Promise((resolve) => socket.once('connect', resolve));
    const request = { sessionid: room, session: { data: true }, extra: {}, password: '' };
    await new Promise((resolve) => socket.emit(index === 0 ? 'open-room' : 'join-room', request, resolve));
    clients.push(socket);
  }
  return { clients, joinMs: now() - start };
}

async function ourConnections(url, room, count) {
  const connections = [];
  const start = now();
  for (let index = 0; index < count; index++) {
    const connection = new RTCMultiConnection(undefined, {
      socketURL: url,
      userid: `ours-${room}-${index}`,
      extra: { n: 0 },
      session: {},
    });
    await connection.openOrJoin(room);
    connections.push(connection);
  }
  // Joined means listed: every roster complete.
  while (connections.some((connection) => connection.participants.length < count)) await sleep(5);
  return { connections, joinMs: now() - start };
}

/** Time from one emit until all the others have it, for a number of rounds. */
async function rounds(count, roundsToRun, send, subscribe) {
  const times = [];
  for (let round = 1; round <= roundsToRun; round++) {
    let remaining = count - 1;
    let done;
    const all = new Promise((resolve) => (done = resolve));
    const unsubscribe = subscribe(round, () => --remaining === 0 && done(now()));
    const start = now();
    send(round);
    times.push((await all) - start);
    unsubscribe();
    await sleep(150);
  }
  return median(times);
}

export async function measureFanout(url, count = 200, roundsToRun = 20) {
  const raw = await rawClients(url, `fanout-raw-${Date.now()}`, count);
  const rawFanout = await rounds(
    count,
    roundsToRun,
    (round) => raw.clients[0].emit('extra-data-updated', { n: round }),
    (round, arrived) => {
      const listeners = raw.clients.slice(1).map((socket) => {
        let seen = false;
        const listener = (userid, extra) => {
          if (!seen && extra?.n === round) {
            seen = true;
            arrived();
          }
        };
        socket.on('extra-data-updated', listener);
        return () => socket.off('extra-data-updated', listener);
      });
      return () => listeners.forEach((off) => off());
    },
  );
  for (const socket of raw.clients) socket.disconnect();

  const ours = await ourConnections(url, `fanout-ours-${Date.now()}`, count);
  const oursFanout = await rounds(
    count,
    roundsToRun,
    (round) => void ours.connections[0].updateExtraData({ n: round }),
    (round, arrived) => {
      const listeners = ours.connections.slice(1).map((connection) => {
        const listener = (event) => event.extra.n === round && arrived();
        connection.addEventListener('extra-updated', listener);
        return () => connection.removeEventListener('extra-updated', listener);
      });
      return () => listeners.forEach((off) => off());
    },
  );
  await Promise.all(ours.connections.map((connection) => connection.leave()));
  return { count, rawFanoutMs: rawFanout, oursFanoutMs: oursFanout, rawJoinMs: raw.joinMs, oursJoinMs: ours.joinMs };
}
