/**
 * What a hostile socket tries against the stock server, each refused here:
 * nothing forged or foreign reaches anyone, the one who tried is told why
 * (`rtc-elements:refused`), and the server keeps serving.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import {
  assertLegitPairWorks,
  closeAll,
  connect,
  connectRefused,
  joined,
  joinRequest,
  joinRoom,
  MSG,
  openRoom,
  sawText,
  syncAll,
  unique,
  type Client,
  type Envelope,
  useServer,
} from './support.js';

const served = useServer();
afterEach(async () => {
  await assertLegitPairWorks(served.url);
  closeAll();
});

/** A room of the given members (the first opens it); returns the room id. */
async function room(members: Client[], fields: Record<string, unknown> = {}): Promise<string> {
  const roomid = unique('room');
  await openRoom(members[0]!, roomid, fields);
  for (const member of members.slice(1)) await joined(member, roomid, fields);
  return roomid;
}

const people = (...names: string[]) => Promise.all(names.map((name) => connect(served.url, unique(name))));

test('a relay in another member’s name reaches nobody and is refused as sender-mismatch', async () => {
  const [alice, bob, mallory] = await people('alice', 'bob', 'mallory');
  const roomid = await room([alice!, bob!, mallory!]);
  mallory!.relay(alice!.userid, { forged: 'as bob' }, bob!.userid);
  mallory!.relay(roomid, { newParticipationRequest: true, forged: 'join as bob' }, bob!.userid);
  await syncAll(mallory!, alice!, bob!);
  for (const victim of [alice!, bob!]) assert.equal(sawText(victim, 'forged'), false);
  assert.deepEqual(
    mallory!.refusals().map((refusal) => refusal.reason),
    ['sender-mismatch'],
  );
});

test('a socket in no room reaches no member of a password room (not-in-room)', async () => {
  const [owner, member, outsider] = await people('owner', 'member', 'outsider');
  await room([owner!, member!], { password: 'pw' });
  outsider!.relay(member!.userid, { forged: 'from outside' });
  await syncAll(outsider!, owner!, member!);
  for (const victim of [owner!, member!]) assert.equal(sawText(victim, 'forged'), false);
  assert.deepEqual(outsider!.refusals()[0]?.reason, 'not-in-room');
});

test('a join request sent after the password refused it reaches no member', async () => {
  const [owner, member, guesser] = await people('owner', 'member', 'guesser');
  const roomid = await room([owner!, member!], { password: 'pw' });
  assert.deepEqual(await joinRoom(guesser!, roomid, { password: 'nope' }), [false, 'Invalid password']);
  joinRequest(guesser!, roomid, { forged: 'to the room' });
  // Stock relayed a join request addressed to a member's userid straight through: a password bypass.
  joinRequest(guesser!, owner!.userid, { forged: 'to the owner' });
  await syncAll(guesser!, owner!, member!);
  for (const victim of [owner!, member!]) assert.equal(sawText(victim, 'forged'), false);
  assert.deepEqual(guesser!.refusals()[0]?.reason, 'not-in-room');
});

test('password guesses past 10 a minute are refused, the right one too, and is-valid-password counts with them', async () => {
  const [owner, guesser] = await people('owner', 'guesser');
  const roomid = await room([owner!], { password: 'right' });
  for (let guess = 0; guess < 9; guess++) {
    assert.deepEqual(await joinRoom(guesser!, roomid, { password: `wrong ${guess}` }), [false, 'Invalid password']);
  }
  assert.deepEqual(await guesser!.request('is-valid-password', 'wrong 9', roomid), [false, roomid, 'Invalid password']);
  assert.deepEqual(guesser!.refusals(), [], 'ten guesses: no refusal yet');
  assert.deepEqual(await joinRoom(guesser!, roomid, { password: 'right' }), [false, 'Invalid password']);
  assert.equal(guesser!.refusals()[0]?.reason, 'rate-limited');
  // Another socket with the right password is not held back by the guesser's.
  const [friend] = await people('friend');
  assert.deepEqual(await joinRoom(friend!, roomid, { password: 'right' }), [true]);
});

test('a member relaying to a userid in another room reaches nobody (not-a-member)', async () => {
  const [a, b, x, y] = await people('a', 'b', 'x', 'y');
  await room([a!, b!]);
  await room([x!, y!]);
  a!.relay(x!.userid, { forged: 'across rooms' });
  await syncAll(a!, x!, y!, b!);
  for (const other of [b!, x!, y!]) assert.equal(sawText(other, 'forged'), false);
  assert.deepEqual(a!.refusals()[0]?.reason, 'not-a-member');
});

test('changed-uuid to a live userid is refused; relays and extra of that userid stay with its holder', async () => {
  const [alice, bob, mallory] = await people('alice', 'bob', 'mallory');
  await room([alice!, bob!, mallory!]);
  alice!.emit('extra-data-updated', { name: 'Alice' });
  await alice!.sync();
  const [ok, message] = await mallory!.request('changed-uuid', alice!.userid);
  assert.equal(ok, false);
  assert.equal(typeof message, 'string');
  assert.deepEqual(mallory!.refusals()[0]?.reason, 'userid-taken');
  bob!.relay(alice!.userid, { secret: 'for alice' });
  const [envelope] = (await alice!.next(MSG)) as [Envelope];
  assert.deepEqual(envelope.message, { secret: 'for alice' });
  assert.deepEqual(await bob!.request('get-remote-user-extra-data', alice!.userid), [{ name: 'Alice' }]);
  await syncAll(mallory!);
  assert.equal(sawText(mallory!, 'for alice'), false);
});

for (const name of [
  'RTCMultiConnection-Message',
  'extra-data-updated',
  'open-room',
  'disconnect',
  'rtc-elements:welcome',
]) {
  test(`set-custom-socket-event-listener("${name}") is refused and a forged envelope on it reaches nobody`, async () => {
    const [alice, bob, bystander, mallory] = await people('alice', 'bob', 'bystander', 'mallory');
    await room([alice!, bob!]);
    mallory!.emit('set-custom-socket-event-listener', name);
    const forged = { remoteUserId: bob!.userid, sender: alice!.userid, message: { forged: name }, extra: {} };
    // socket.io's own events cannot even be emitted by a client.
    if (name !== 'disconnect') mallory!.emit(name, forged);
    await syncAll(mallory!, alice!, bob!, bystander!);
    for (const victim of [alice!, bob!, bystander!]) assert.equal(sawText(victim, 'forged'), false);
    assert.ok(mallory!.refusals().some((refusal) => refusal.reason === 'reserved-event-name'));
  });
}

test('a custom event reaches exactly the sockets that declared its name, once each', async () => {
  const sender = await connect(served.url, unique('sender'), { query: { socketCustomEvent: 'chat' } });
  const byHandshake = await connect(served.url, unique('handshake'), { query: { socketCustomEvent: 'chat' } });
  const [byRequest, other, silent] = await people('request', 'other', 'silent');
  const both = await connect(served.url, unique('both'), { query: { socketCustomEvent: 'chat' } });
  await room([byRequest!, other!]);
  byRequest!.emit('set-custom-socket-event-listener', 'chat');
  both.emit('set-custom-socket-event-listener', 'chat');
  other!.emit('set-custom-socket-event-listener', 'news');
  await syncAll(byRequest!, both, other!);
  sender.emit('chat', { text: 'hello' });
  await syncAll(sender, byHandshake, byRequest!, both, other!, silent!);
  for (const listener of [byHandshake, byRequest!, both])
    assert.deepEqual(listener.events('chat'), [[{ text: 'hello' }]]);
  for (const stranger of [other!, silent!, sender]) assert.equal(sawText(stranger, 'hello'), false);
});

test('get-remote-user-extra-data answers about members of one’s own room only', async () => {
  const [a, b, x, outsider] = await people('a', 'b', 'x', 'outsider');
  await room([a!, b!]);
  await room([x!]);
  b!.emit('extra-data-updated', { name: 'Bea' });
  await b!.sync();
  assert.deepEqual(await a!.request('get-remote-user-extra-data', b!.userid), [{ name: 'Bea' }]);
  assert.deepEqual(await x!.request('get-remote-user-extra-data', b!.userid), ['User ID does not exist']);
  assert.deepEqual(await outsider!.request('get-remote-user-extra-data', b!.userid), ['User ID does not exist']);
});

test('a 900 KB extra is refused (too-large) in extra-data-updated and join-room, and reaches nobody', async () => {
  const [owner, member, joiner] = await people('owner', 'member', 'joiner');
  const roomid = await room([owner!, member!]);
  const huge = { photo: `huge:${'x'.repeat(900_000)}` };
  member!.emit('extra-data-updated', huge);
  await syncAll(member!);
  assert.deepEqual(member!.refusals()[0]?.reason, 'too-large');
  const [ok] = await joinRoom(joiner!, roomid, { extra: huge });
  assert.equal(ok, false);
  assert.deepEqual(joiner!.refusals()[0]?.reason, 'too-large');
  await syncAll(owner!);
  for (const other of [owner!, member!, joiner!]) assert.equal(sawText(other, 'huge:'), false);
  assert.deepEqual(await owner!.request('get-remote-user-extra-data', member!.userid), [{}]);
});

test('a handshake whose msgEvent is an event of the protocol is refused at connect', async () => {
  for (const msgEvent of ['extra-data-updated', 'user-disconnected', 'rtc-elements:refused', 'connect']) {
    const error = await connectRefused(served.url, { msgEvent });
    assert.match(error.message, /msgEvent/);
  }
});
