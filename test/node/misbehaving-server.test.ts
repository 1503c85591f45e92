/**
 * Against a signaling server that misbehaves: the stock server's own handlers,
 * switched into faults per userid (test/support/faulty-server.ts). After each
 * fault, with the server honest again, the connection is back in the room and
 * a rename reaches the other participant within 5 s.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { RTCMultiConnection, type ConnectionOptions, type RtcErrorCode } from '../../src/index.js';
import { uniqueRoom, until } from '../support/conditions.js';
import { startFaultyServer, type Fault, type FaultyServer } from '../support/faulty-server.js';

let server: FaultyServer;
let connections: RTCMultiConnection[] = [];

before(async () => {
  server = await startFaultyServer();
});
after(() => server.close());
afterEach(async () => {
  await Promise.all(connections.map((connection) => connection.leave()));
  connections = [];
});

function connect(name: string, room: string, options: ConnectionOptions = {}): RTCMultiConnection {
  const connection = new RTCMultiConnection(undefined, {
    socketURL: server.url,
    userid: `${name}-${room}`,
    extra: { fullName: name },
    session: { data: true },
    ...options,
  });
  connections.push(connection);
  return connection;
}

function errorCodes(connection: RTCMultiConnection): RtcErrorCode[] {
  const codes: RtcErrorCode[] = [];
  connection.addEventListener('error', (event) => codes.push(event.code));
  return codes;
}

/** Two participants in one room, each seeing the other. */
async function pair(): Promise<{ alice: RTCMultiConnection; bob: RTCMultiConnection }> {
  const room = uniqueRoom();
  const alice = connect('alice', room, { requestTimeout: 1000 });
  const bob = connect('bob', room);
  await alice.openOrJoin(room);
  await bob.openOrJoin(room);
  await until(() => alice.participants.length === 2 && bob.participants.length === 2, 'both see each other');
  return { alice, bob };
}

/** With the server honest again: alice is back in the room and her rename reaches bob, both within 5 s. */
async function recovers(alice: RTCMultiConnection, bob: RTCMultiConnection): Promise<void> {
  server.setFault(alice.userid, undefined);
  await until(() => alice.connectionState === 'joined', 'alice is back in the room', 5000);
  const name = `renamed ${Math.random()}`;
  void alice.updateExtraData({ fullName: name });
  await until(
    () => bob.participants.some((p) => p.userid === alice.userid && p.extra['fullName'] === name),
    'the rename reaches bob',
    5000,
  );
}

describe('a server that misbehaves', () => {
  it('a stray userid refusal while joined is an error and nothing more: newcomers are still admitted', async () => {
    const { alice, bob } = await pair();
    const codes = errorCodes(alice);
    server.socketOf(alice.userid)!.emit('userid-already-taken', alice.userid, 'someone-else');
    await until(() => codes.includes('invalid-input'), 'alice reports the stray refusal');
    const carol = connect('carol', alice.sessionid);
    await carol.openOrJoin(alice.sessionid);
    await until(() => alice.participants.some((p) => p.userid === carol.userid), 'alice lists the newcomer');
    assert.equal(alice.connectionState, 'joined');
    await recovers(alice, bob);
  });

  for (const kind of ['disconnect-storm', 'transport-storm'] as const) {
    it(`backs off under a ${kind} of 200 ms (at most 5 attempts in 5 s), then rejoins within 5 s`, async () => {
      const { alice, bob } = await pair();
      const scheduled: number[] = [];
      alice.addEventListener('reconnect-scheduled', (event) => scheduled.push(event.delay));
      server.setFault(alice.userid, { kind, afterMs: 200 });
      const before = server.connects(alice.userid);
      server.socketOf(alice.userid)!.disconnect(true);
      // The figure is attempts per 5 s of storm: this wait is the measurement window, not a stand-in for a condition.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const attempts = server.connects(alice.userid) - before;
      assert.ok(attempts >= 2, `alice kept trying (${attempts} attempts)`);
      assert.ok(attempts <= 5, `${attempts} reconnect attempts in 5 s`);
      assert.ok(
        scheduled.every((delay, index) => index === 0 || delay >= scheduled[index - 1]! / 2),
        `delays grow: ${scheduled.join(', ')}`,
      );
      // A rejoin can succeed between drops (the storm drops it 200 ms later): still in the loop, never left.
      await until(() => alice.connectionState === 'reconnecting', 'alice is reconnecting', 1000);
      assert.ok(alice.nextReconnectAt !== undefined && alice.nextReconnectAt > Date.now() - 1000);
      await recovers(alice, bob);
    });
  }

  it('a rejoin the server does not answer in time is retried, never turned into a leave', async () => {
    const { alice, bob } = await pair();
    const codes = errorCodes(alice);
    server.setFault(alice.userid, { kind: 'room-answers' });
    server.socketOf(alice.userid)!.disconnect(true);
    await until(() => codes.filter((code) => code === 'timeout').length >= 2, 'two rejoins timed out', 10000);
    assert.equal(alice.connectionState, 'reconnecting');
    await recovers(alice, bob);
  });

  const garbage: Array<[string, Fault]> = [
    ['null', { kind: 'room-answers', answer: [null] }],
    ['wrong types', { kind: 'room-answers', answer: [42, { not: 'a string' }] }],
    ['nothing at all', { kind: 'room-answers', answer: [] }],
  ];
  for (const [what, fault] of garbage) {
    it(`a rejoin answered with ${what} is retried`, async () => {
      const { alice, bob } = await pair();
      const codes = errorCodes(alice);
      server.setFault(alice.userid, fault);
      server.socketOf(alice.userid)!.disconnect(true);
      await until(() => codes.length >= 1, 'alice reports the odd answer');
      assert.equal(alice.connectionState, 'reconnecting');
      await recovers(alice, bob);
    });
  }

  it('a 1 MB answer to an extra lookup is refused as invalid input; the known extra stands and renames reach us', async () => {
    const { alice, bob } = await pair();
    const known = alice.participants.find((participant) => participant.userid === bob.userid)?.extra;
    const codes = errorCodes(alice);
    server.setFault(alice.userid, { kind: 'extra-answers', answer: { blob: 'x'.repeat(1_000_000) } });
    const answered = await new Promise((resolve) => alice.getExtraData(bob.userid, resolve));
    assert.ok(codes.includes('invalid-input'));
    assert.deepEqual(answered, known);
    server.setFault(alice.userid, undefined);
    void bob.updateExtraData({ fullName: 'Bob renamed' });
    await until(
      () => alice.participants.some((p) => p.userid === bob.userid && p.extra['fullName'] === 'Bob renamed'),
      'bob’s rename reaches alice',
      5000,
    );
    assert.equal(bob.connectionState, 'joined');
  });
});
