/**
 * Every refusal reaches the app as a clear error (event, rejected promise,
 * stock callback), and bad input, ours or a hostile peer's, loses nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RtcError, type RTCMultiConnection, type RtcErrorEvent } from '../../src/index.js';
import { nextEvent, uniqueRoom, until } from '../support/conditions.js';
import { useSignalingServer } from '../support/node-server.js';
import { ofType, recordEvents, rosterOf } from '../support/recorder.js';

const { harness } = useSignalingServer();

/** Runs a failing room call; returns the rejection, the error event and the stock callback's arguments. */
async function refusal(
  connection: RTCMultiConnection,
  call: (callback: (...args: unknown[]) => void) => Promise<unknown>,
) {
  const errorEvent = nextEvent(connection, 'error');
  let callbackArgs: unknown[] | undefined;
  const rejection = await call((...args) => (callbackArgs = args)).then(
    () => assert.fail('expected the call to fail'),
    (error: unknown) => error,
  );
  assert.ok(rejection instanceof RtcError);
  return { error: rejection, event: await errorEvent, callbackArgs };
}

describe('room refusals', () => {
  it('Room full', async () => {
    const alice = harness().connection('alice', {}, { maxParticipantsAllowed: 2 });
    const bob = harness().connection('bob');
    const carol = harness().connection('carol');
    const room = uniqueRoom();
    await alice.open(room);
    await bob.join(room);
    const { error, event, callbackArgs } = await refusal(carol, (callback) => carol.join(room, callback));
    assert.equal(error.code, 'room-full');
    assert.equal(event.error, error);
    assert.deepEqual(callbackArgs, [false, room, 'Room full']);
    assert.equal(carol.connectionState, 'idle');
    assert.equal(carol.socket, null);
    assert.deepEqual(carol.participants, []);
  });

  it('Invalid password, then the right one', async () => {
    const alice = harness().connection('alice', {}, { password: 'open sesame' });
    const bob = harness().connection('bob');
    const room = uniqueRoom();
    await alice.open(room);
    const presence = await bob.checkPresence(room);
    assert.equal(presence.isPasswordProtected, true);
    const { error, callbackArgs } = await refusal(bob, (callback) => bob.join(room, callback));
    assert.equal(error.code, 'invalid-password');
    assert.deepEqual(callbackArgs, [false, room, 'Invalid password']);
    bob.password = 'open sesame';
    await bob.join(room);
    await until(() => bob.participants.length === 2, 'bob is in');
  });

  it('Room not available', async () => {
    const bob = harness().connection('bob');
    const room = uniqueRoom();
    const { error, callbackArgs } = await refusal(bob, (callback) => bob.join(room, callback));
    assert.equal(error.code, 'room-not-available');
    assert.deepEqual(callbackArgs, [false, room, 'Room not available']);
    const alice = harness().connection('alice');
    await alice.open(room);
    const second = harness().connection('alice2', {}, { userid: harness().id('other') });
    const opening = await refusal(second, (callback) => second.open(room, callback));
    assert.equal(opening.error.code, 'room-not-available', 'opening a room someone else holds');
  });

  it('userid already taken', async () => {
    const alice = harness().connection('alice');
    await alice.openOrJoin(uniqueRoom());
    const impostor = harness().connection('impostor', {}, { userid: alice.userid });
    const taken: unknown[] = [];
    impostor.onUserIdAlreadyTaken = (...args) => taken.push(...args);
    const { error } = await refusal(impostor, (callback) => impostor.openOrJoin(uniqueRoom(), callback));
    assert.equal(error.code, 'userid-already-taken');
    assert.equal(taken[0], alice.userid);
    assert.equal(typeof taken[1], 'string');
    assert.equal(impostor.connectionState, 'idle');
    assert.equal(alice.connectionState, 'joined', 'the holder is undisturbed');
  });

  it('openOrJoin races end with one opener and one joiner in the same room', async () => {
    const room = uniqueRoom();
    const racers = ['a', 'b', 'c'].map((name) => harness().connection(name, { name }));
    const results = await Promise.all(racers.map((racer) => racer.openOrJoin(room)));
    assert.equal(results.filter((result) => result.isInitiator).length, 1);
    await until(() => racers.every((racer) => racer.participants.length === 3), 'everyone sees everyone');
  });

  it('refuses room ids and userids the stock server would mishandle, without connecting', async () => {
    const alice = harness().connection('alice');
    for (const room of ['', '__proto__', 'constructor', 'x'.repeat(300)]) {
      const { error } = await refusal(alice, () => alice.openOrJoin(room));
      assert.equal(error.code, 'invalid-room-id', JSON.stringify(room));
    }
    const admin = harness().connection('admin', {}, { userid: 'hasOwnProperty' });
    assert.equal((await refusal(admin, () => admin.openOrJoin(uniqueRoom()))).error.code, 'invalid-userid');
    assert.equal(alice.socket, null);
  });

  it('reports a malformed or unreachable socketURL', async () => {
    const lost = harness().connection('lost', {}, { socketURL: 'not a url' });
    assert.equal((await refusal(lost, () => lost.openOrJoin(uniqueRoom()))).error.code, 'invalid-socket-url');
    const ftp = harness().connection('ftp', {}, { socketURL: 'ftp://127.0.0.1/' });
    assert.equal((await refusal(ftp, () => ftp.openOrJoin(uniqueRoom()))).error.code, 'invalid-socket-url');
    const nowhere = harness().connection('nowhere', {}, { socketURL: 'http://127.0.0.1:9/' });
    const { error } = await refusal(nowhere, () => nowhere.openOrJoin(uniqueRoom()));
    assert.equal(error.code, 'connection-failed');
    assert.equal(nowhere.socket, null);
  });
});

describe('our own bad extra', () => {
  it('is refused with a clear error and the last good extra stays in force', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' }, { extraSizeLimit: 200 });
    const bob = harness().connection('bob');
    const room = uniqueRoom();
    await alice.openOrJoin(room);
    await bob.openOrJoin(room);
    await until(() => bob.participants.length === 2, 'bob sees alice');
    const bobEvents = recordEvents(bob);

    const circular: Record<string, unknown> = { fullName: 'Loop' };
    circular['self'] = circular;
    const cases: Array<[string, () => Promise<void>]> = [
      ['extra-not-serializable', () => alice.updateExtraData({ self: circular })],
      ['extra-not-serializable', () => alice.updateExtraData({ big: 10n })],
      ['extra-too-large', () => alice.updateExtraData({ bio: 'x'.repeat(500) })],
      ['extra-not-object', () => alice.updateExtraData(['not', 'an', 'object'] as unknown as Record<string, unknown>)],
      ['extra-forbidden-key', () => alice.updateExtraData(JSON.parse('{"__proto__": {"admin": true}}'))],
    ];
    for (const [code, update] of cases) {
      const { error } = await refusal(alice, update);
      assert.equal(error.code, code);
      assert.deepEqual(alice.extra, { fullName: 'Alice' }, `${code}: connection.extra is back to the last good value`);
      assert.deepEqual(alice.participants[0]!.extra, { fullName: 'Alice' });
    }
    // Mutated in place, the stock way, then refused: the mutation is undone too.
    alice.extra['bio'] = 'y'.repeat(500);
    assert.equal((await refusal(alice, () => alice.updateExtraData())).error.code, 'extra-too-large');
    assert.deepEqual(alice.extra, { fullName: 'Alice' });

    await alice.updateExtraData({ fullName: 'Ada' });
    await until(
      () => (rosterOf(bob)[alice.userid] as { fullName: string }).fullName === 'Ada',
      'the next good update arrives',
    );
    assert.deepEqual(
      ofType(bobEvents, 'extra-updated').map((event) => event.extra),
      [{ fullName: 'Ada' }],
      'nothing bad ever reached bob',
    );
    assert.equal(({} as Record<string, unknown>)['admin'], undefined);
  });

  it('refuses a bad extra before joining, and keeps extra with & # % intact through the handshake', async () => {
    const alice = harness().connection('alice', { when: new Date(0) as unknown as string });
    alice.extra = { fine: true, tooBig: 'z'.repeat(5000) };
    assert.equal((await refusal(alice, () => alice.openOrJoin(uniqueRoom()))).error.code, 'extra-too-large');
    assert.equal((await refusal(alice, () => alice.updateExtraData())).error.code, 'extra-too-large');
    assert.equal(alice.extra['fine'], true, 'nothing was ever accepted, so nothing of the page’s extra is thrown away');
    assert.equal(alice.socket, null);

    const tricky = { fullName: 'Tom & Jerry #1', discount: '100%', query: 'a=1&b=%41' };
    const bob = harness().connection('bob', tricky);
    // checkPresence connects without joining: the server holds the handshake extra alone (and tells it to its holder).
    await bob.checkPresence(uniqueRoom());
    const held = await new Promise((resolve) => bob.getExtraData(bob.userid, resolve));
    assert.deepEqual(held, tricky);
  });
});

describe('hostile input', () => {
  // Through the stock server, which relays anything: ours refuses these frames before they reach anyone
  // (server/test/hostile.test.ts), so only stock lets the kit's own defences be seen.
  const { harness } = useSignalingServer('stock');

  it('malformed frames from a raw client in the room change nothing and break nothing', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' });
    const bob = harness().connection('bob', { fullName: 'Bob' });
    const room = uniqueRoom();
    await alice.openOrJoin(room);
    await bob.openOrJoin(room);
    await until(() => alice.participants.length === 2 && bob.participants.length === 2, 'both in');
    const errors: RtcErrorEvent[] = [];
    bob.addEventListener('error', (event) => errors.push(event));

    const hostile = await harness().raw('hostile');
    const [joined] = await hostile.request('join-room', {
      sessionid: room,
      session: { data: true },
      extra: { fullName: 'Mallory' },
      password: '',
    });
    assert.equal(joined, true);
    const send = (message: unknown, remoteUserId = bob.userid, sender = hostile.userid) =>
      hostile.socket.emit('RTCMultiConnection-Message', { remoteUserId, sender, message });
    // Announce ourselves like a joiner so bob admits the hostile peer to its roster.
    send({ newParticipationRequest: true, isOneWay: false, isDataOnly: true });
    await until(() => bob.participants.length === 3, 'bob lists the hostile peer');

    let deep: unknown = 'bottom';
    for (let level = 0; level < 200; level++) deep = { deep };
    const badExtras: unknown[] = [
      JSON.parse('{"__proto__": {"polluted": "yes"}, "fullName": "Proto"}'),
      { constructor: { prototype: { polluted: 'yes' } } },
      deep,
      { huge: 'x'.repeat(200_000) },
      { binary: new Uint8Array([1, 2, 3]) },
      'a bare string',
      42,
      null,
      ['an', 'array'],
    ];
    for (const extra of badExtras) hostile.socket.emit('extra-data-updated', extra);
    // (A null envelope would crash the stock server itself, so even a hostile test leaves it out.)
    for (const envelope of [
      'text',
      42,
      [],
      { remoteUserId: bob.userid },
      { remoteUserId: 5, sender: 'x', message: {} },
      { remoteUserId: bob.userid, sender: {}, message: {} },
    ]) {
      hostile.socket.emit('RTCMultiConnection-Message', envelope);
    }
    // A spoofed sender: the server relays it with the hostile socket's extra; it must not become alice's extra.
    send({ rtcElementsPresence: { roomid: room } }, bob.userid, alice.userid);
    send({ candidate: 'candidate:0 1 UDP 1 127.0.0.1 9 typ host', sdpMid: '0' });
    send('dropPeerConnection');
    // Finally a well-formed update, which must apply after all that noise.
    hostile.socket.emit('extra-data-updated', {
      fullName: '<img src=x onerror=alert(1)>',
      photo: 'javascript:alert(1)',
    });
    await until(
      () => (rosterOf(bob)[hostile.userid] as { fullName?: string }).fullName?.startsWith('<img') ?? false,
      'the last update lands',
    );

    assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'no prototype touched');
    assert.equal(Object.getPrototypeOf(rosterOf(bob)[hostile.userid]), Object.prototype);
    assert.deepEqual(rosterOf(bob)[alice.userid], { fullName: 'Alice' }, 'a spoofed sender cannot rewrite alice');
    assert.deepEqual(
      rosterOf(bob)[hostile.userid],
      { fullName: '<img src=x onerror=alert(1)>', photo: 'javascript:alert(1)' },
      'stored as inert text',
    );
    assert.ok(errors.length >= 5, `clear error events for the malformed frames (got ${errors.length})`);
    assert.ok(errors.every((event) => event.code === 'invalid-input'));

    // Accepted odd-but-valid shapes along the way were sanitised, never thrown on; the room still works.
    const seen = nextEvent(bob, 'extra-updated', (event) => event.userid === alice.userid);
    await alice.updateExtraData({ fullName: 'Alice 2' });
    await seen;
    assert.equal(bob.connectionState, 'joined');
  });
});

describe('ordering', () => {
  it('duplicate, delayed and interleaved sources of extra never roll a participant back', async () => {
    const alice = harness().connection('alice', { counter: 0 }, { extraUpdateInterval: 0 });
    const bob = harness().connection('bob');
    const room = uniqueRoom();
    await alice.openOrJoin(room);
    await bob.openOrJoin(room);
    await until(() => bob.participants.length === 2, 'bob lists alice');
    const seen: number[] = [];
    bob.addEventListener('extra-updated', (event) => {
      if (event.userid === alice.userid) seen.push(event.extra['counter'] as number);
    });
    // A raw client keeps making bob re-fetch alice's extra from the server (join requests in her name),
    // so server pushes, duplicate deliveries and fetch answers all interleave.
    const meddler = await harness().raw('meddler');
    await meddler.request('join-room', { sessionid: room, session: { data: true }, extra: {}, password: '' });
    let meddling = true;
    const meddle = (async () => {
      while (meddling) {
        meddler.socket.emit('RTCMultiConnection-Message', {
          remoteUserId: bob.userid,
          sender: alice.userid,
          message: { newParticipationRequest: true, isDataOnly: true },
        });
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let counter = 1; counter <= 300; counter++) {
      await alice.updateExtraData({ counter });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(
      () => (rosterOf(bob)[alice.userid] as { counter: number }).counter === 300,
      'bob ends on the last value',
    );
    meddling = false;
    await meddle;
    assert.ok(seen.length >= 20, `bob saw a stream of updates (${seen.length})`);
    for (let index = 1; index < seen.length; index++)
      assert.ok(seen[index]! > seen[index - 1]!, `no rollback or repeat: ${seen[index - 1]} then ${seen[index]}`);
  });
});
