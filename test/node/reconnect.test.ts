/**
 * Losing the signaling server or one socket: everyone comes back with current
 * extra, without leave/join flicker, and only the truly gone are dropped.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import type { Socket } from 'socket.io-client';
import type { SignalingServer } from '../../demo/signaling-server.mjs';
import type { RTCMultiConnection } from '../../src/index.js';
import { nextEvent, uniqueRoom, until } from '../support/conditions.js';
import { Harness } from '../support/harness.js';
import { ofType, recordEvents, rosterOf } from '../support/recorder.js';
import { startServerUnderTest } from '../support/server-under-test.mjs';

let server: SignalingServer;
let harness: Harness;

// Each test kills servers, so each gets its own.
beforeEach(async () => {
  server = await startServerUnderTest();
  harness = new Harness(server.url);
});
afterEach(async () => {
  await harness.cleanup();
  await server.stop();
});

/** Everyone joined, listing everyone online with the extra each one holds for itself. */
function everyoneSees(connections: RTCMultiConnection[]): boolean {
  const truth = new Map(
    connections.map((connection) => [connection.userid, connection.participants.find((p) => p.isLocal)?.extra]),
  );
  return connections.every(
    (connection) =>
      connection.connectionState === 'joined' &&
      connection.participants.length === connections.length &&
      connection.participants.every((p) => p.status === 'online' && isDeepStrictEqual(p.extra, truth.get(p.userid))),
  );
}

describe('signaling server restart', () => {
  it('brings everyone back with current extra, delivers edits made while it was down, with no leave or join events', async () => {
    const connections = ['alice', 'bob', 'carol'].map((name) => harness.connection(name, { fullName: name }));
    const [alice, bob, carol] = connections as [RTCMultiConnection, RTCMultiConnection, RTCMultiConnection];
    const room = uniqueRoom();
    for (const connection of connections) await connection.openOrJoin(room);
    await until(() => everyoneSees(connections), 'everyone sees everyone');
    const recorded = connections.map((connection) => recordEvents(connection));

    for (let round = 1; round <= 3; round++) {
      await server.kill();
      await until(
        () => connections.every((connection) => connection.connectionState === 'reconnecting'),
        'all notice the loss',
      );
      assert.ok(
        connections.every((connection) =>
          connection.participants.filter((p) => !p.isLocal).every((p) => p.status === 'stale'),
        ),
        'the others are shown stale, not gone',
      );
      // Edits made while the server is down: local at once, sent (and their promises settled) once it returns.
      const offlineEdits = Promise.all([
        bob.updateExtraData({ status: `offline edit ${round}` }),
        carol.updateExtraData({ round }),
      ]);
      assert.equal((bob.participants[0]!.extra as { status?: string }).status, `offline edit ${round}`);
      await server.restart();
      await offlineEdits;
      await until(() => everyoneSees(connections), `round ${round}: everyone is back with current extra`);
      assert.equal((rosterOf(alice)[bob.userid] as { status?: string }).status, `offline edit ${round}`);
      assert.equal((rosterOf(alice)[carol.userid] as { round?: number }).round, round);
    }

    for (const events of recorded) {
      assert.equal(ofType(events, 'participant-joined').length, 0, 'no join flicker');
      assert.equal(ofType(events, 'participant-left').length, 0, 'no leave flicker');
      assert.ok(ofType(events, 'participant-status-changed').some((event) => event.status === 'stale'));
    }
    for (const connection of connections) assert.equal(connection.participants.length, 3, 'no duplicate rows');
    assert.equal(
      connections.filter((connection) => connection.isInitiator).length,
      1,
      'exactly one of them re-opened the room',
    );
  });

  it('drops, once, a participant that does not come back within the grace period', async () => {
    const alice = harness.connection('alice', { fullName: 'Alice' }, { participantGracePeriod: 300 });
    const bob = harness.connection('bob', { fullName: 'Bob' });
    const room = uniqueRoom();
    await alice.openOrJoin(room);
    await bob.openOrJoin(room);
    await until(() => alice.participants.length === 2, 'alice sees bob');
    const events = recordEvents(alice);
    const left = nextEvent(alice, 'participant-left');
    // Bob's transport vanishes without a goodbye and he never gets back: his network is gone.
    const socket = bob.socket!;
    socket.connect = () => socket;
    socket.io.engine.close();
    assert.equal((await left).userid, bob.userid);
    assert.deepEqual(
      ofType(events, 'participant-status-changed').map((event) => [event.userid, event.status]),
      [[bob.userid, 'stale']],
    );
    // A second or later user-disconnected must not make it leave twice: prove the next events reach alice first.
    const carol = harness.connection('carol');
    await carol.openOrJoin(room);
    await until(() => alice.participants.length === 2, 'carol arrived');
    assert.equal(ofType(events, 'participant-left').length, 1);
  });

  it('a short blip of one socket is only a stale spell for the others', async () => {
    const alice = harness.connection('alice', { fullName: 'Alice' });
    const bob = harness.connection('bob', { fullName: 'Bob' });
    const room = uniqueRoom();
    await alice.openOrJoin(room);
    await bob.openOrJoin(room);
    await until(() => alice.participants.length === 2 && bob.participants.length === 2, 'both in');
    const aliceEvents = recordEvents(alice);
    const bobEvents = recordEvents(bob);
    const back = nextEvent(bob, 'connection-state-changed', (event) => event.state === 'joined');
    bob.socket!.io.engine.close();
    await back;
    await until(
      () =>
        alice.participants.every((p) => p.status === 'online') && bob.participants.every((p) => p.status === 'online'),
      'all online again',
    );
    for (const events of [aliceEvents, bobEvents]) {
      assert.equal(ofType(events, 'participant-left').length + ofType(events, 'participant-joined').length, 0);
    }
    assert.deepEqual(
      ofType(aliceEvents, 'participant-status-changed').map((event) => event.status),
      ['stale', 'online'],
    );
    const seen = nextEvent(alice, 'extra-updated');
    await bob.updateExtraData({ fullName: 'Bob again' });
    assert.deepEqual((await seen).extra, { fullName: 'Bob again' });
  });
});

describe('a userid clash on a fast reload', () => {
  it('waits for the old socket to let go, then is in the room exactly once, with its extra', async () => {
    const room = uniqueRoom();
    const observer = harness.connection('observer', { fullName: 'Observer' });
    await observer.openOrJoin(room);
    const before = harness.connection('page', { fullName: 'Before reload' });
    await before.openOrJoin(room);
    await until(() => observer.participants.length === 2, 'the page is in');
    // The reloaded page comes with the same userid while the old page's socket is still on the server.
    const after = harness.connection(
      'reloaded',
      { fullName: 'After reload' },
      { userid: before.userid, reclaimUserid: true },
    );
    // See the server's refusal arrive on the new page's socket before the old page lets go.
    let refused!: () => void;
    const refusal = new Promise<void>((resolve) => (refused = resolve));
    let socket: Socket | null = null;
    Object.defineProperty(after, 'socket', {
      get: () => socket,
      set: (value: Socket | null) => {
        socket = value;
        value?.on('userid-already-taken', () => refused());
      },
    });
    const entering = after.openOrJoin(room);
    await refusal;
    const left = before.leave();
    await entering;
    await left;
    await until(
      () =>
        observer.participants.length === 2 &&
        rosterOf(observer)[before.userid] !== undefined &&
        (rosterOf(observer)[before.userid] as { fullName: string }).fullName === 'After reload',
      'the observer lists the reloaded page once, with its extra',
    );
    assert.equal(observer.participants.filter((participant) => participant.userid === before.userid).length, 1);
    assert.equal(after.connectionState, 'joined');
  });

  it('without reclaimUserid, a clash is an error at once', async () => {
    const first = harness.connection('first');
    await first.openOrJoin(uniqueRoom());
    const second = harness.connection('second', {}, { userid: first.userid });
    await assert.rejects(second.openOrJoin(uniqueRoom()), /already in use/);
  });
});
