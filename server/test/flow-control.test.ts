/**
 * Flow control: a member flooding another one is cut off before it slows the
 * room down for the others (stock relayed every frame, to the last), and a
 * socket sending more join requests than its allowance reaches nobody with
 * the excess.
 */
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, afterEach, test } from 'node:test';
import type { SignalingServer } from '../src/index.js';
import {
  closeAll,
  connect,
  joined,
  joinRequest,
  MSG,
  openRoom,
  startServer,
  syncAll,
  unique,
  until,
  type Client,
  type Envelope,
} from './support.js';

const servers: SignalingServer[] = [];
const children: ChildProcess[] = [];

afterEach(closeAll);
after(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid);
  }
  await Promise.all(servers.map((server) => server.close()));
});

async function server(options: Parameters<typeof startServer>[0] = {}): Promise<SignalingServer> {
  const started = await startServer(options);
  servers.push(started);
  return started;
}

const FLOOD = 200_000;
const ROUND_TRIPS = 200;

let pings = 0;

/** Sequential relay round trips a → b → a (b answers each ping); their durations in milliseconds. */
async function roundTrips(a: Client, b: Client, count: number): Promise<number[]> {
  const durations: number[] = [];
  for (let round = 0; round < count; round++) {
    const index = pings++;
    const start = performance.now();
    const back = new Promise<void>((resolve) => {
      const onMessage = (envelope: Envelope) => {
        if (envelope.message['pong'] !== index) return;
        a.socket.off(MSG, onMessage);
        resolve();
      };
      a.socket.on(MSG, onMessage);
    });
    a.relay(b.userid, { ping: index });
    await back;
    durations.push(performance.now() - start);
  }
  return durations;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.ceil(sorted.length * 0.95) - 1]!;
}

interface FlooderMessage {
  type: string;
  reason?: string;
  refusal?: { reason: string };
}

test('a member flooding another is cut off (rate-limited) without slowing the other members of the room', async () => {
  const signaling = await server();
  const { url } = signaling;
  const roomid = unique('flood-room');
  const [owner, victim, a, b] = await Promise.all(
    ['owner', 'victim', 'a', 'b'].map((name) => connect(url, unique(name))),
  );
  await openRoom(owner!, roomid, { session: { data: true } });
  for (const member of [victim!, a!, b!]) await joined(member, roomid);
  b!.socket.on(MSG, (envelope: Envelope) => {
    if (typeof envelope.message['ping'] === 'number') b!.relay(a!.userid, { pong: envelope.message['ping'] });
  });

  const flooderId = unique('flooder');
  // When the server cuts the flooder off (its own account; the flooder, busy writing, notices later).
  let cutOff = false;
  signaling.io.on('connection', (socket) => {
    if (socket.handshake.query['userid'] === flooderId) socket.once('disconnect', () => (cutOff = true));
  });
  const flooder = fork(
    fileURLToPath(new URL('./flooder.ts', import.meta.url)),
    [url, flooderId, roomid, victim!.userid, String(FLOOD)],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  children.push(flooder);
  const said: FlooderMessage[] = [];
  flooder.on('message', (message: FlooderMessage) => said.push(message));
  await until(() => said.some((message) => message.type === 'joined'), 'the flooder has joined');

  await roundTrips(a!, b!, 50); // warm-up
  const idle = p95(await roundTrips(a!, b!, ROUND_TRIPS));
  flooder.send({ type: 'go' });
  const floods = () => victim!.relays((envelope) => envelope.sender === flooderId).length;
  await until(() => floods() > 0, 'the flood reaches the victim', 30_000);
  let beforeCutOff = 0;
  const durations: number[] = [];
  for (let index = 0; index < ROUND_TRIPS; index++) {
    durations.push(...(await roundTrips(a!, b!, 1)));
    if (!cutOff) beforeCutOff++;
  }
  const flood = p95(durations);
  console.log(
    `relay round trip p95: idle ${idle.toFixed(3)} ms, during the flood ${flood.toFixed(3)} ms ` +
      `(slowest ${Math.max(...durations).toFixed(1)} ms; ` +
      `${beforeCutOff} of ${ROUND_TRIPS} round trips before the server cut the flooder off)`,
  );

  await until(() => said.some((message) => message.type === 'disconnected'), 'the flooder is disconnected', 30_000);
  assert.ok(cutOff, 'the server disconnected it');
  assert.ok(
    said.some((message) => message.type === 'refused' && message.refusal?.reason === 'rate-limited'),
    'the flooder was told it is rate-limited',
  );
  const cutOffs = await signaling.metrics.registry.getSingleMetricAsString('rtc_flood_disconnects_total');
  assert.match(cutOffs, /^rtc_flood_disconnects_total 1$/m);
  // Everything of the flooder's that got through went out before it was cut off: a later relay comes after all of it.
  a!.relay(victim!.userid, { marker: true });
  await victim!.next(MSG, ([envelope]) => (envelope as Envelope).message['marker'] === true);
  console.log(`the victim received ${floods()} of the flooder's ${FLOOD} relays`);
  assert.ok(floods() < FLOOD / 20, `the victim received ${floods()} relays`);
  assert.ok(flood <= 3 * idle + 2, `p95 during the flood ${flood} ms > 3 × idle ${idle} ms + 2 ms`);
});

test('join requests over joinRequestsPer10s are refused and reach nobody', async () => {
  const allowance = 5;
  const { url } = await server({ limits: { joinRequestsPer10s: allowance } });
  const roomid = unique('join-flood');
  const [owner, member, joiner] = await Promise.all(
    ['owner', 'member', 'joiner'].map((name) => connect(url, unique(name))),
  );
  await openRoom(owner!, roomid);
  await joined(member!, roomid);
  await joined(joiner!, roomid);
  for (let index = 0; index < 40; index++) joinRequest(joiner!, roomid, { attempt: index });
  await syncAll(joiner!, owner!, member!);
  for (const recipient of [owner!, member!]) {
    const attempts = recipient
      .relays((envelope) => envelope.message['newParticipationRequest'] === true)
      .map((envelope) => envelope.message['attempt'] as number);
    // The allowance refills at allowance/10 per second: one more may have come in while the 40 were handled.
    assert.ok(attempts.length >= allowance && attempts.length <= allowance + 1, `${attempts.length} join requests`);
    assert.deepEqual(
      attempts,
      attempts.map((_, index) => index),
      'the first ones, in order',
    );
  }
  assert.ok(joiner!.refusals().some((refusal) => refusal.reason === 'rate-limited'));
});
