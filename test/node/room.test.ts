/**
 * Rooms, roster and extra between our connections, in Node (signaling only),
 * against the real stock signaling server.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RTCMultiConnection } from '../../src/index.js';
import { nextEvent, uniqueRoom, until } from '../support/conditions.js';
import { useSignalingServer } from '../support/node-server.js';
import { ofType, recordEvents, rosterOf } from '../support/recorder.js';

const { harness } = useSignalingServer();

/** Joins everyone into one room, in order, and waits until every roster lists everyone. */
async function joinAll(room: string, ...connections: RTCMultiConnection[]): Promise<void> {
  for (const connection of connections) await connection.openOrJoin(room);
  await until(
    () => connections.every((connection) => connection.participants.length === connections.length),
    `all ${connections.length} rosters are complete`,
  );
}

/**
 * Proves a receiver has seen everything a sender emitted so far: the sender's
 * next update travels the same server-to-receiver socket, after anything before it.
 */
async function flush(sender: RTCMultiConnection, receivers: RTCMultiConnection[]): Promise<void> {
  const marker = Math.random();
  const seen = receivers.map((receiver) =>
    nextEvent(receiver, 'extra-updated', (event) => event.extra?.['flush'] === marker),
  );
  await sender.updateExtraData({ flush: marker });
  await Promise.all(seen);
}

describe('two participants', () => {
  it('each sees the other with the extra set before joining, in the join event itself', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice', photo: 'https://example.com/a.png' });
    const bob = harness().connection('bob', { fullName: 'Bob' });
    const aliceEvents = recordEvents(alice);
    const bobEvents = recordEvents(bob);
    const room = uniqueRoom();

    const opened = await alice.openOrJoin(room);
    assert.deepEqual(opened, { roomid: room, isInitiator: true });
    const aliceSeesBob = nextEvent(alice, 'participant-joined', (event) => event.userid === bob.userid);
    const bobSeesAlice = nextEvent(bob, 'participant-joined', (event) => event.userid === alice.userid);
    const joined = await bob.openOrJoin(room);
    assert.deepEqual(joined, { roomid: room, isInitiator: false });
    assert.equal(bob.isInitiator, false);
    assert.equal(alice.isInitiator, true);

    assert.deepEqual((await aliceSeesBob).participant, {
      userid: bob.userid,
      extra: { fullName: 'Bob' },
      status: 'online',
      isLocal: false,
      streams: [],
    });
    assert.deepEqual((await bobSeesAlice).participant.extra, { fullName: 'Alice', photo: 'https://example.com/a.png' });
    // The extra came with the join: no follow-up update was needed to fill it in.
    assert.equal(ofType(aliceEvents, 'extra-updated').length, 0);
    assert.equal(ofType(bobEvents, 'extra-updated').length, 0);

    assert.deepEqual(rosterOf(alice), {
      [alice.userid]: { fullName: 'Alice', photo: 'https://example.com/a.png' },
      [bob.userid]: { fullName: 'Bob' },
    });
    assert.deepEqual(
      alice.participants.map((participant) => participant.isLocal),
      [true, false],
      'self first, marked local',
    );
    assert.deepEqual(alice.getAllParticipants(), [bob.userid], 'stock semantics: yourself excluded');
    assert.deepEqual(bob.peers[alice.userid]?.extra, { fullName: 'Alice', photo: 'https://example.com/a.png' });
    assert.equal(bob.peers.getLength(), 1);
    assert.deepEqual(bob.getExtraData(alice.userid), { fullName: 'Alice', photo: 'https://example.com/a.png' });
    assert.deepEqual(
      ofType(bobEvents, 'connection-state-changed').map((event) => event.state),
      ['connecting', 'joined'],
    );
  });

  it('gives exactly one extra-updated per real change, with previous and changed keys, and none for self-echo', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice', status: 'here' });
    const bob = harness().connection('bob', { fullName: 'Bob' });
    await joinAll(uniqueRoom(), alice, bob);
    const aliceEvents = recordEvents(alice);
    const bobEvents = recordEvents(bob);
    const stockCallbacks: unknown[] = [];
    bob.onExtraDataUpdated = (event) => stockCallbacks.push(event);

    await alice.updateExtraData({ status: 'away', mood: 'ok' });
    // Same value again, mutated in place and sent the stock way: no change, so nothing to announce.
    alice.extra['status'] = 'away';
    await alice.updateExtraData();
    await flush(alice, [bob]);

    const remoteUpdates = ofType(bobEvents, 'extra-updated').filter((event) => event.extra['flush'] === undefined);
    assert.equal(remoteUpdates.length, 1, 'the server delivers each update twice; we announce it once');
    const [update] = remoteUpdates;
    assert.equal(update!.userid, alice.userid);
    assert.equal(update!.isLocal, false);
    assert.deepEqual(update!.previous, { fullName: 'Alice', status: 'here' });
    assert.deepEqual(update!.extra, { fullName: 'Alice', status: 'away', mood: 'ok' });
    assert.deepEqual([...update!.changed].sort(), ['mood', 'status']);
    assert.deepEqual(stockCallbacks[0], {
      userid: alice.userid,
      extra: { fullName: 'Alice', status: 'away', mood: 'ok' },
    });
    assert.equal(stockCallbacks.length, 2, 'the update and the flush marker, nothing else');

    const localUpdates = ofType(aliceEvents, 'extra-updated');
    assert.equal(
      localUpdates.length,
      2,
      'the update and the flush marker, each once, despite the server echoing both back',
    );
    assert.equal(localUpdates[0]!.isLocal, true);
    assert.deepEqual(alice.extra, {
      fullName: 'Alice',
      status: 'away',
      mood: 'ok',
      flush: localUpdates[1]!.extra['flush'],
    });
  });

  it('updates the local roster at once, before anything reaches the server', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' });
    await alice.openOrJoin(uniqueRoom());
    const pending = alice.updateExtraData({ fullName: 'Ada' });
    assert.deepEqual(alice.participants[0]!.extra, { fullName: 'Ada' });
    await pending;
  });

  it('removes keys patched to undefined and keeps extra as JSON peers see it', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice', status: 'busy' });
    const bob = harness().connection('bob');
    await joinAll(uniqueRoom(), alice, bob);
    const when = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    const seen = nextEvent(bob, 'extra-updated');
    await alice.updateExtraData({ status: undefined, since: when });
    const event = await seen;
    assert.deepEqual(event.extra, { fullName: 'Alice', since: '2026-01-02T03:04:05.000Z' });
    assert.deepEqual([...event.changed].sort(), ['since', 'status']);
  });
});

describe('three participants', () => {
  it('every roster lists all three with their extra, and one update reaches both others exactly once', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' });
    const bob = harness().connection('bob', { fullName: 'Bob' });
    const carol = harness().connection('carol', { fullName: 'Carol' });
    await joinAll(uniqueRoom(), alice, bob, carol);
    const expected = {
      [alice.userid]: { fullName: 'Alice' },
      [bob.userid]: { fullName: 'Bob' },
      [carol.userid]: { fullName: 'Carol' },
    };
    for (const connection of [alice, bob, carol]) assert.deepEqual(rosterOf(connection), expected);

    const bobEvents = recordEvents(bob);
    const carolEvents = recordEvents(carol);
    await bob.updateExtraData({ fullName: 'Robert' });
    await flush(bob, [alice, carol]);
    const aliceSaw = rosterOf(alice)[bob.userid] as Record<string, unknown>;
    assert.equal(aliceSaw['fullName'], 'Robert');
    const carolUpdates = ofType(carolEvents, 'extra-updated').filter(
      (event) => event.userid === bob.userid && event.extra['flush'] === undefined,
    );
    assert.equal(carolUpdates.length, 1);
    assert.deepEqual(carolUpdates[0]!.previous, { fullName: 'Bob' });
    assert.deepEqual(carolUpdates[0]!.changed, ['fullName']);
    assert.equal(ofType(bobEvents, 'extra-updated').filter((event) => event.isLocal).length, 2);
  });

  it('a burst of 100 updates ends on the last value everywhere with far fewer than 100 messages sent', async () => {
    const alice = harness().connection('alice', { counter: 0 });
    const bob = harness().connection('bob');
    const carol = harness().connection('carol');
    const room = uniqueRoom();
    await joinAll(room, alice, bob, carol);
    // A bare client in the room sees exactly what the server fans out for each update alice sends.
    const observer = await harness().raw('observer');
    const [joined] = await observer.request('join-room', {
      sessionid: room,
      session: { data: true },
      extra: {},
      password: '',
    });
    assert.equal(joined, true);
    const sent: number[] = [];
    observer.socket.on('extra-data-updated', (userid: string, extra: { counter?: number }) => {
      if (userid === alice.userid && typeof extra.counter === 'number') sent.push(extra.counter);
    });
    const bobSaw: number[] = [];
    bob.addEventListener('extra-updated', (event) => {
      if (event.userid === alice.userid) bobSaw.push(event.extra['counter'] as number);
    });

    const updates: Array<Promise<void>> = [];
    for (let counter = 1; counter <= 100; counter++) updates.push(alice.updateExtraData({ counter }));
    await Promise.all(updates);
    await until(
      () =>
        [bob, carol].every((connection) => (rosterOf(connection)[alice.userid] as { counter: number }).counter === 100),
      'bob and carol both hold counter 100',
    );
    await flush(alice, [bob, carol]);

    assert.equal(sent.at(-1), 100, 'the last value went out');
    assert.ok(sent.length >= 1 && sent.length <= 5, `expected a handful of sends for 100 updates, got ${sent.length}`);
    assert.deepEqual(
      bobSaw,
      [...bobSaw].sort((a, b) => a - b),
      'never rolled back',
    );
    assert.equal(bobSaw.at(-1), 100);
  });
});

describe('many at once', () => {
  it('100 presence participants entering one room at the same moment all end up listing all, with their extra', async () => {
    const room = uniqueRoom();
    const connections = Array.from({ length: 100 }, (_, index) =>
      harness().connection(`p${index}`, { n: index }, { session: {} }),
    );
    // A member's own answer and a later joiner's request can reach it in one read: the request must not be lost.
    await Promise.all(connections.map((connection) => connection.openOrJoin(room)));
    await until(
      () => connections.every((connection) => connection.participants.length === connections.length),
      'every roster lists all 100',
    );
    const truth = Object.fromEntries(connections.map((connection, index) => [connection.userid, { n: index }]));
    for (const connection of connections) assert.deepEqual(rosterOf(connection), truth);
    assert.equal(connections.filter((connection) => connection.isInitiator).length, 1, 'one opened, the rest joined');
  });
});

describe('leaving', () => {
  it('tells the others at once, with the last extra, and leaves no zombie on the server', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' });
    const bob = harness().connection('bob', { fullName: 'Bob' });
    const room = uniqueRoom();
    await joinAll(room, alice, bob);
    await bob.updateExtraData({ fullName: 'Bobby' });
    await flush(bob, [alice]);
    const leaves: unknown[] = [];
    alice.onleave = (event) => leaves.push(event);
    const aliceEvents = recordEvents(alice);
    const bobLastExtra = rosterOf(alice)[bob.userid];

    const left = nextEvent(alice, 'participant-left');
    await bob.leave();
    const event = await left;
    assert.equal(event.userid, bob.userid);
    assert.deepEqual(event.extra, bobLastExtra);
    assert.deepEqual(leaves, [{ userid: bob.userid, extra: bobLastExtra }]);
    assert.equal(bob.connectionState, 'closed');
    assert.deepEqual(bob.participants, []);
    assert.equal(bob.socket, null);
    assert.deepEqual(alice.getExtraData(bob.userid), bobLastExtra, 'the last extra outlives the participant');

    // The server no longer knows bob, and once alice leaves the room is gone (stock leave() keeps both alive).
    const probe = await harness().raw('probe');
    assert.deepEqual(await probe.request('get-remote-user-extra-data', bob.userid), ['User ID does not exist']);
    await alice.leave();
    let exists: unknown = true;
    for (const deadline = Date.now() + 5000; exists === true && Date.now() < deadline;)
      [exists] = await probe.request('check-presence', room);
    assert.equal(exists, false, 'the room is gone once its last participant left');
    assert.equal(
      ofType(aliceEvents, 'participant-left').filter((entry) => entry.userid === bob.userid).length,
      1,
      'bob left once',
    );
  });

  it('never lists a joiner the server does not know: gone before our answer, or a spoofed sender', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' });
    const room = uniqueRoom();
    await alice.open(room);
    const joiner = await harness().raw('joiner');
    await joiner.request('join-room', {
      sessionid: room,
      session: { data: true },
      extra: { fullName: 'Real' },
      password: '',
    });
    const joinRequest = { newParticipationRequest: true, isDataOnly: true };
    // A join request in the name of someone who does not exist (or no longer does), then a real one behind it:
    // alice answers and fetches both in order, so once the real one is listed the other was decided.
    joiner.socket.emit('RTCMultiConnection-Message', {
      remoteUserId: room,
      sender: harness().id('ghost'),
      message: joinRequest,
    });
    joiner.socket.emit('RTCMultiConnection-Message', {
      remoteUserId: room,
      sender: joiner.userid,
      message: joinRequest,
    });
    await nextEvent(alice, 'participant-joined', (event) => event.userid === joiner.userid);
    assert.deepEqual(Object.keys(rosterOf(alice)).sort(), [alice.userid, joiner.userid].sort());
  });

  it('can join another room after leaving, and moving rooms leaves the first one', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' });
    const bob = harness().connection('bob', { fullName: 'Bob' });
    const first = uniqueRoom('first');
    const second = uniqueRoom('second');
    await joinAll(first, alice, bob);
    const bobLeft = nextEvent(bob, 'participant-left', (event) => event.userid === alice.userid);
    await alice.openOrJoin(second);
    await bobLeft;
    assert.deepEqual(Object.keys(rosterOf(alice)), [alice.userid]);
    assert.equal(alice.sessionid, second);
    const carol = harness().connection('carol', { fullName: 'Carol' });
    await carol.join(second);
    await until(() => alice.participants.length === 2, 'alice sees carol in the second room');
    assert.deepEqual(rosterOf(alice)[carol.userid], { fullName: 'Carol' });
  });
});

describe('stock-style API', () => {
  it('calls open/join callbacks in stock argument order and fetches extra from the server', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' });
    const bob = harness().connection('bob', { fullName: 'Bob' });
    const room = uniqueRoom();
    const opened = await new Promise<unknown[]>((resolve) => alice.open(room, (...args) => resolve(args)));
    assert.deepEqual(opened, [true, room]);
    const presence = await new Promise<unknown[]>((resolve) => bob.checkPresence(room, (...args) => resolve(args)));
    assert.deepEqual(presence, [
      true,
      room,
      { fullName: 'Alice', _room: { isFull: false, isPasswordProtected: false } },
    ]);
    const joined = await new Promise<unknown[]>((resolve) => bob.join(room, (...args) => resolve(args)));
    assert.deepEqual(joined, [true, room]);
    const fetched = await new Promise((resolve) => bob.getExtraData(alice.userid, resolve));
    assert.deepEqual(fetched, { fullName: 'Alice' }, 'the server-injected _room is stripped');
    const missing = await new Promise((resolve) => bob.getExtraData('nobody-here', resolve));
    assert.equal(missing, 'User ID does not exist');
  });

  it('passes the joiner’s real extra to onNewParticipant', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' });
    const bob = harness().connection('bob', { fullName: 'Bob' });
    const requests: Array<{ userid: string; extra: unknown; isDataOnly: boolean }> = [];
    alice.onNewParticipant = (userid, preferences) => {
      requests.push({ userid, extra: preferences.extra, isDataOnly: preferences.isDataOnly });
      alice.acceptParticipationRequest(userid, preferences);
    };
    await joinAll(uniqueRoom(), alice, bob);
    assert.deepEqual(requests, [{ userid: bob.userid, extra: { fullName: 'Bob' }, isDataOnly: true }]);
  });
});
