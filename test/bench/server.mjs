/**
 * The signaling servers side by side: the stock server (rtcmulticonnection-server 1.3.3) and ours
 * (rtc-elements-server), each a child process measured from outside (CPU from /proc/PID/stat, resident memory from
 * /proc/PID/status) under the same load from this process:
 * - update cost: 100 stock-protocol clients in one room, each updating its extra once a second; server CPU per 1 000
 *   updates delivered to another member, and the frames that were not such a delivery (echoes, duplicates). The
 *   members have each relayed a message to each other first, as the members of a stock mesh have (their offers and
 *   answers), which is what makes the stock server send them each update twice;
 * - idle memory: resident memory per connected, idle socket;
 * - joins: 200 presence participants of the kit (the core from dist/), each `openOrJoin` awaited in turn, and all 200
 *   at once, until every roster lists everyone; beside 200 raw socket.io joins on the same server;
 * - a big room: 1 000 participants each updating every 10 s (kit sockets on ours, stock sockets on stock): deliveries
 *   a second, server CPU, and the time from an update to its arrival (p50 / p95).
 * Nothing asserts; `npm run bench` prints the table.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { RTCMultiConnection } from '../../dist/core/index.js';
import { startSignalingServer } from '../../demo/signaling-server.mjs';
import { median, percentile, sleep } from '../support/browser.mjs';

const TICKS_PER_SECOND = 100;
const now = () => performance.now();

/** CPU time (user + system) the process has used so far, in ms. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // After the command name: state is field 3, utime 14 and stime 15 (1-based over the whole line).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** A raw stock-protocol socket (or one announcing itself as the kit, which ours answers with its extension). */
async function rawSocket(url, userid, { kit = false } = {}) {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    query: { userid, msgEvent: 'RTCMultiConnection-Message', extra: '{}' },
    ...(kit && { auth: { rtcElements: 1 } }),
  });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

function enter(socket, room, open, extra = {}) {
  const request = { sessionid: room, session: {}, extra, password: '' };
  return new Promise((resolve) => socket.emit(open ? 'open-room' : 'join-room', request, resolve));
}

/** `count` raw sockets in one room, joined one after the other; resolves with them and the time it took. */
async function rawRoom(url, room, count, options) {
  const started = now();
  const sockets = [];
  for (let index = 0; index < count; index++) {
    const socket = await rawSocket(url, `${room}-${index}`, options);
    await enter(socket, room, index === 0);
    sockets.push(socket);
  }
  return { sockets, joinMs: now() - started };
}

/** Every member relays one message to every other, as a stock mesh's members do while they negotiate. */
async function linkEveryone(sockets, room) {
  let relayed = 0;
  for (const socket of sockets) socket.on('RTCMultiConnection-Message', () => relayed++);
  sockets.forEach((socket, index) => {
    sockets.forEach((_, other) => {
      if (other === index) return;
      const envelope = { remoteUserId: `${room}-${other}`, sender: `${room}-${index}`, message: { hello: true } };
      socket.emit('RTCMultiConnection-Message', envelope);
    });
  });
  while (relayed < sockets.length * (sockets.length - 1)) await sleep(20);
  for (const socket of sockets) socket.off('RTCMultiConnection-Message');
}

/** 100 members updating once a second: CPU per 1 000 deliveries, and every frame that was not one. */
async function updateCost(server, { members = 100, windowMs = 10_000, kit = false } = {}) {
  const room = `cost-${server.kind}-${kit ? 'kit' : 'stock'}-${Date.now()}`;
  const { sockets } = await rawRoom(server.url, room, members, { kit });
  await linkEveryone(sockets, room);
  let deliveries = 0;
  let echoes = 0;
  let duplicates = 0;
  sockets.forEach((socket, index) => {
    const seen = new Set();
    const arrived = (userid, extra) => {
      if (userid === `${room}-${index}`) return void echoes++;
      const key = `${userid}/${extra?.n}`;
      if (seen.has(key)) return void duplicates++;
      seen.add(key);
      deliveries++;
    };
    socket.on('extra-data-updated', arrived);
    socket.on('rtc-elements:extras', (batch) => batch.forEach(([userid, extra]) => arrived(userid, extra)));
  });
  const cpuBefore = cpuMs(server.pid);
  // Each member updates once a second, their updates spread evenly over the second.
  let n = 0;
  const timer = setInterval(() => {
    n++;
    sockets[n % members].emit('extra-data-updated', { n, fullName: `member ${n % members}` });
  }, 1000 / members);
  await sleep(windowMs);
  clearInterval(timer);
  await sleep(500);
  const cpu = cpuMs(server.pid) - cpuBefore;
  for (const socket of sockets) socket.disconnect();
  return { members, updates: n, deliveries, echoes, duplicates, cpuMs: cpu, cpuPer1000: (cpu * 1000) / deliveries };
}

const PROBE = fileURLToPath(new URL('./memory-probe.cjs', import.meta.url));

/** The server's heap in use after a full garbage collection, and its resident memory (from memory-probe.cjs). */
function probeMemory(server) {
  return new Promise((resolve) => {
    server.childProcess.once('message', resolve);
    server.childProcess.send('measure');
  });
}

/** What a connected, idle socket costs the server: heap in use after garbage collection, and resident memory. */
async function idleMemory(server, { connections = 1000 } = {}) {
  const before = await probeMemory(server);
  const sockets = [];
  for (let index = 0; index < connections; index++)
    sockets.push(await rawSocket(server.url, `idle-${index}-${Date.now()}`));
  await sleep(1000);
  const after = await probeMemory(server);
  for (const socket of sockets) socket.disconnect();
  await sleep(500);
  return {
    connections,
    heapPerConnection: (after.heapUsed - before.heapUsed) / connections,
    residentPerConnection: (after.rss - before.rss) / connections,
  };
}

/** The kit's presence participants (the core from dist/, `session: {}`), until every roster lists everyone. */
async function kitJoins(url, count, atOnce) {
  const room = `joins-${atOnce ? 'burst' : 'seq'}-${Date.now()}`;
  const connections = Array.from(
    { length: count },
    (_, index) =>
      new RTCMultiConnection(undefined, {
        socketURL: url,
        userid: `${room}-${index}`,
        extra: { n: index },
        session: {},
      }),
  );
  const started = now();
  if (atOnce) await Promise.all(connections.map((connection) => connection.openOrJoin(room)));
  else for (const connection of connections) await connection.openOrJoin(room);
  while (connections.some((connection) => connection.participants.length < count)) await sleep(5);
  const ms = now() - started;
  await Promise.all(connections.map((connection) => connection.leave()));
  return ms;
}

async function joins(server, { count = 200 } = {}) {
  const raw = await rawRoom(server.url, `joins-raw-${Date.now()}`, count);
  for (const socket of raw.sockets) socket.disconnect();
  const inTurn = await kitJoins(server.url, count, false);
  const atOnce = await kitJoins(server.url, count, true);
  return { count, rawMs: raw.joinMs, inTurnMs: inTurn, atOnceMs: atOnce };
}

/** 1 000 members, each updating every 10 s: what the server delivers, what it costs, how late updates arrive. */
async function bigRoom(server, { members = 1000, periodMs = 10_000, windowMs = 20_000 } = {}) {
  const room = `big-${server.kind}-${Date.now()}`;
  const kit = server.kind === 'ours';
  const { sockets } = await rawRoom(server.url, room, members, { kit });
  // Updates are numbered; those sent in the measured window are followed until they all arrived (or 15 s passed).
  const window = { first: Infinity, last: -Infinity };
  let measuring = false;
  let arrivedInWindow = 0;
  let deliveriesOfWindow = 0;
  const delays = [];
  const arrived = (extra) => {
    if (typeof extra?.n !== 'number') return;
    if (measuring) arrivedInWindow++;
    if (extra.n < window.first || extra.n > window.last) return;
    deliveriesOfWindow++;
    // One in 50 kept: enough for percentiles without the array itself weighing on the run.
    if (deliveriesOfWindow % 50 === 0) delays.push(now() - extra.sentAt);
  };
  sockets.forEach((socket, index) => {
    const own = `${room}-${index}`;
    socket.on('extra-data-updated', (userid, extra) => userid !== own && arrived(extra));
    socket.on('rtc-elements:extras', (batch) => {
      for (const [userid, extra] of batch) if (userid !== own) arrived(extra);
    });
  });
  let n = 0;
  const timer = setInterval(() => {
    n++;
    if (measuring) {
      window.first = Math.min(window.first, n);
      window.last = n;
    }
    sockets[n % members].emit('extra-data-updated', { sentAt: now(), n });
  }, periodMs / members);
  // A first period lets the load settle; the window after it is measured.
  await sleep(periodMs);
  measuring = true;
  const cpuBefore = cpuMs(server.pid);
  const started = now();
  await sleep(windowMs);
  const elapsed = now() - started;
  const cpu = cpuMs(server.pid) - cpuBefore;
  measuring = false;
  clearInterval(timer);
  const expected = (window.last - window.first + 1) * (members - 1);
  const deadline = now() + 15_000;
  while (deliveriesOfWindow < expected && now() < deadline) await sleep(100);
  for (const socket of sockets) socket.disconnect();
  return {
    members,
    /** Of the updates sent in the window, the share that reached each other member. */
    delivered: deliveriesOfWindow / expected,
    /** What arrived during the window, whenever it was sent: the server's throughput under this load. */
    deliveriesPerSecond: (arrivedInWindow * 1000) / elapsed,
    expectedPerSecond: ((members - 1) * members * 1000) / periodMs,
    cpuShare: cpu / elapsed,
    p50: median(delays),
    p95: percentile(delays, 95),
  };
}

/** The run whose CPU per 1 000 deliveries is the median of the runs. */
function medianRun(runs) {
  const sorted = [...runs].sort((a, b) => a.cpuPer1000 - b.cpuPer1000);
  return { ...sorted[Math.floor(sorted.length / 2)], runs: runs.map((run) => run.cpuPer1000) };
}

/**
 * Every figure, for the stock server and ours, in this run. Both servers run side by side; the CPU figures, the
 * noisiest on a shared machine, are taken three times, one server after the other, and the median kept.
 */
export async function measureServers({ quick = false } = {}) {
  const kinds = ['stock', 'ours'];
  const servers = {};
  for (const kind of kinds) {
    servers[kind] = await startSignalingServer({ kind, built: true, nodeOptions: ['--expose-gc', '--require', PROBE] });
  }
  const step = (name, measure) => {
    console.log(`  servers: ${name}…`);
    return measure();
  };
  try {
    const figures = Object.fromEntries(kinds.map((kind) => [kind, {}]));
    // First, while the processes are fresh: resident memory grows with everything a process handled before.
    for (const kind of kinds) {
      figures[kind].idleMemory = await step(`${kind}, idle memory`, () =>
        idleMemory(servers[kind], { connections: quick ? 1000 : 2000 }),
      );
    }
    const windowMs = quick ? 5000 : 10_000;
    // Kit sockets announce themselves; only ours answers with the extension (stock sees stock-protocol clients).
    for (const [figure, kit] of [
      ['updateCost', false],
      ['kitUpdateCost', true],
    ]) {
      const runs = Object.fromEntries(kinds.map((kind) => [kind, []]));
      for (let round = 0; round < 3; round++) {
        for (const kind of kinds) {
          runs[kind].push(
            await step(`${kind}, ${figure} ${round + 1}/3`, () => updateCost(servers[kind], { windowMs, kit })),
          );
        }
      }
      for (const kind of kinds) figures[kind][figure] = medianRun(runs[kind]);
    }
    for (const kind of kinds) {
      figures[kind].joins = await step(`${kind}, joins`, () => joins(servers[kind]));
      figures[kind].bigRoom = await step(`${kind}, a big room`, () =>
        bigRoom(servers[kind], { windowMs: quick ? 10_000 : 20_000 }),
      );
    }
    return figures;
  } finally {
    await Promise.all(kinds.map((kind) => servers[kind].stop()));
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  if (process.argv.includes('memory')) {
    for (const kind of ['stock', 'ours']) {
      const server = await startSignalingServer({
        kind,
        built: true,
        nodeOptions: ['--expose-gc', '--require', PROBE],
      });
      console.log(kind, await idleMemory(server, { connections: 2000 }));
      await server.stop();
    }
  } else console.log(JSON.stringify(await measureServers({ quick: process.argv.includes('quick') }), null, 2));
}
