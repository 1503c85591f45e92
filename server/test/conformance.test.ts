/**
 * The stock protocol's semantics, as stock RTCMultiConnection 3.7.1 clients
 * rely on them, one raw client per user, where stock's server was right;
 * where it was wrong (no extra on join requests, echoed and doubled extra
 * updates, `_room` written into the owner's extra, a number for
 * isPasswordProtected, user-disconnected twice, close-entire-session that
 * never worked, changed-uuid leaving the room behind) what it meant.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  connect,
  joined,
  joinRequest,
  joinRoom,
  MSG,
  openRoom,
  syncAll,
  unique,
  type Envelope,
  useServer,
} from './support.js';

const served = useServer();

const isJoinRequestFrom = (sender: string) => (args: unknown[]) => {
  const envelope = args[0] as Envelope;
  return envelope.sender === sender && envelope.message['newParticipationRequest'] === true;
};

test('open-room and join-room answer as stock: (true), Room not available, Invalid password, Room full', async () => {
  const roomid = unique('room');
  // maxParticipantsAllowed counts the owner: 3 is the owner and two more.
  const owner = await connect(served.url, unique('owner'), { query: { maxParticipantsAllowed: '3' } });
  const [first, second, third, intruder] = await Promise.all(
    ['first', 'second', 'third', 'intruder'].map((name) => connect(served.url, unique(name))),
  );
  assert.deepEqual(await joinRoom(first!, roomid), [false, 'Room not available']);
  await openRoom(owner, roomid, { password: 'secret' });
  await openRoom(owner, roomid, { password: 'secret' }); // the sole member may open it again
  assert.deepEqual(await intruder!.request('open-room', { sessionid: roomid, extra: {} }), [
    false,
    'Room not available',
  ]);
  assert.deepEqual(await joinRoom(first!, roomid, { password: 'wrong' }), [false, 'Invalid password']);
  assert.deepEqual(await joinRoom(first!, roomid, { password: 'secret' }), [true]);
  assert.deepEqual(await joinRoom(second!, roomid, { password: 'secret' }), [true]);
  assert.deepEqual(await joinRoom(third!, roomid, { password: 'secret' }), [false, 'Room full']);
});

test('check-presence: (false, roomid, {_room}) for no room; (true, roomid, {...ownerExtra, _room}) without touching the owner’s extra', async () => {
  const [owner, member, asker] = await Promise.all([
    connect(served.url, unique('owner')),
    connect(served.url, unique('member')),
    connect(served.url, unique('asker')),
  ]);
  const missing = unique('missing');
  assert.deepEqual(await asker.request('check-presence', missing), [
    false,
    missing,
    { _room: { isFull: false, isPasswordProtected: false } },
  ]);
  const open = unique('open');
  await openRoom(owner, open, { extra: { name: 'Olga' } });
  assert.deepEqual(await asker.request('check-presence', open), [
    true,
    open,
    { name: 'Olga', _room: { isFull: false, isPasswordProtected: false } },
  ]);
  await owner.request('set-password', 'pw');
  assert.deepEqual(await asker.request('check-presence', open), [
    true,
    open,
    { name: 'Olga', _room: { isFull: false, isPasswordProtected: true } },
  ]);
  await joined(member, open, { password: 'pw' });
  assert.deepEqual(await member.request('get-remote-user-extra-data', owner.userid), [{ name: 'Olga' }]);
});

test('a join request reaches every member of a mesh room addressed to each, with the joiner’s extra', async () => {
  const roomid = unique('mesh');
  const [owner, a, b, joiner] = await Promise.all(
    ['owner', 'a', 'b', 'joiner'].map((name) => connect(served.url, unique(name))),
  );
  await openRoom(owner!, roomid);
  await joined(a!, roomid);
  await joined(b!, roomid);
  await joined(joiner!, roomid, { extra: { name: 'Jo' } });
  joinRequest(joiner!, roomid);
  await syncAll(joiner!, owner!, a!, b!);
  for (const member of [owner!, a!, b!]) {
    const requests = member.relays((envelope) => envelope.message['newParticipationRequest'] === true);
    assert.equal(requests.length, 1, `${member.userid} gets the request once`);
    assert.equal(requests[0]!.remoteUserId, member.userid);
    assert.equal(requests[0]!.sender, joiner!.userid);
    assert.deepEqual(requests[0]!.extra, { name: 'Jo' });
  }
  assert.equal(joiner!.relays().length, 0, 'the joiner is not asked to connect to itself');
});

for (const session of [{ oneway: true }, { broadcast: true }]) {
  test(`a join request in a ${JSON.stringify(session)} room reaches the owner only`, async () => {
    const roomid = unique('oneway');
    const [owner, viewer, joiner] = await Promise.all(
      ['owner', 'viewer', 'joiner'].map((name) => connect(served.url, unique(name))),
    );
    await openRoom(owner!, roomid, { session: { audio: true, video: true, ...session } });
    await joined(viewer!, roomid);
    await joined(joiner!, roomid, { extra: { name: 'Jo' } });
    joinRequest(joiner!, roomid);
    const [envelope] = (await owner!.next(MSG, isJoinRequestFrom(joiner!.userid))) as [Envelope];
    assert.equal(envelope.remoteUserId, owner!.userid);
    assert.deepEqual(envelope.extra, { name: 'Jo' });
    await syncAll(joiner!, viewer!);
    assert.equal(viewer!.relays().length, 0, 'other viewers are not asked');
  });
}

test('a relay carries the sender’s current extra; user-connected goes once to each side of a pair', async () => {
  const roomid = unique('relay');
  const [a, b] = await Promise.all([connect(served.url, unique('a')), connect(served.url, unique('b'))]);
  await openRoom(a, roomid, { extra: { v: 1 } });
  await joined(b, roomid, { extra: { w: 1 } });
  a.relay(b.userid, { n: 1 });
  a.emit('extra-data-updated', { v: 2 });
  a.relay(b.userid, { n: 2 });
  b.relay(a.userid, { m: 1 });
  b.relay(a.userid, { m: 2 });
  await syncAll(a, b);
  await a.next(MSG, ([envelope]) => (envelope as Envelope).message['m'] === 2);
  assert.deepEqual(
    b.relays().map((envelope) => [envelope.message, envelope.extra, envelope.sender, envelope.remoteUserId]),
    [
      [{ n: 1 }, { v: 1 }, a.userid, b.userid],
      [{ n: 2 }, { v: 2 }, a.userid, b.userid],
    ],
  );
  assert.deepEqual(
    a.relays().map((envelope) => envelope.extra),
    [{ w: 1 }, { w: 1 }],
  );
  await syncAll(a, b);
  assert.deepEqual(a.events('user-connected'), [[b.userid]]);
  assert.deepEqual(b.events('user-connected'), [[a.userid]]);
});

test('extra-data-updated reaches every other member once, linked or not, and never the sender', async () => {
  const roomid = unique('extra');
  const [owner, a, b] = await Promise.all(['owner', 'a', 'b'].map((name) => connect(served.url, unique(name))));
  await openRoom(owner!, roomid);
  await joined(a!, roomid);
  await joined(b!, roomid);
  // Linked to b (stock sent linked members a second copy).
  a!.relay(b!.userid, { hello: true });
  a!.emit('extra-data-updated', { mood: 'happy' });
  await syncAll(a!, owner!, b!);
  for (const other of [owner!, b!])
    assert.deepEqual(other.events('extra-data-updated'), [[a!.userid, { mood: 'happy' }]]);
  assert.deepEqual(a!.events('extra-data-updated'), [], 'no echo');
});

test('get-public-rooms lists rooms by identifier with stock’s fields; without one: publicRoomIdentifier is required', async () => {
  const identifier = unique('public');
  const [owner, member, asker] = await Promise.all(
    ['owner', 'member', 'asker'].map((name) => connect(served.url, unique(name))),
  );
  const roomid = unique('listed');
  await openRoom(owner!, roomid, { identifier, password: 'pw', extra: { topic: 'cats' }, session: { data: true } });
  await joined(member!, roomid, { password: 'pw' });
  await openRoom(asker!, unique('unlisted'));
  assert.deepEqual(await asker!.request('get-public-rooms', identifier), [
    [
      {
        maxParticipantsAllowed: 1000,
        owner: owner!.userid,
        participants: [owner!.userid, member!.userid],
        extra: { topic: 'cats' },
        session: { data: true },
        sessionid: roomid,
        isRoomFull: false,
        isPasswordProtected: true,
      },
    ],
  ]);
  assert.deepEqual(await asker!.request('get-public-rooms', ''), [null, 'publicRoomIdentifier is required']);
  assert.deepEqual(await asker!.request('get-public-rooms', null), [null, 'publicRoomIdentifier is required']);
  // A request that leaves its argument out altogether is answered too (stock's handler took the ack for it).
  assert.deepEqual(await asker!.request('get-public-rooms'), [null, 'publicRoomIdentifier is required']);
});

test('set-password answers the owner (true, roomid, null), others Room permission denied; is-valid-password’s strings', async () => {
  const roomid = unique('pw');
  const [owner, member, outsider] = await Promise.all(
    ['owner', 'member', 'outsider'].map((name) => connect(served.url, unique(name))),
  );
  assert.deepEqual(await outsider!.request('set-password', 'x'), [null, null, 'Did not join any room yet']);
  await openRoom(owner!, roomid);
  await joined(member!, roomid);
  assert.deepEqual(await outsider!.request('is-valid-password', 'x', roomid), [
    false,
    roomid,
    'This room do not have any password.',
  ]);
  assert.deepEqual(await member!.request('set-password', 'x'), [false, roomid, 'Room permission denied']);
  assert.deepEqual(await owner!.request('set-password', 'secret'), [true, roomid, null]);
  assert.deepEqual(await joinRoom(outsider!, roomid), [false, 'Invalid password']);
  const ask = (password: unknown, room: unknown) => outsider!.request('is-valid-password', password, room);
  assert.deepEqual(await ask('', roomid), [false, roomid, 'You did not enter the password.']);
  assert.deepEqual(await ask('secret', ''), [false, '', 'You did not enter the room-id.']);
  assert.deepEqual(await ask('secret', 'no-such-room'), [false, 'no-such-room', 'Room not available']);
  assert.deepEqual(await ask('wrong', roomid), [false, roomid, 'Invalid password']);
  assert.deepEqual(await ask('secret', roomid), [true, roomid, false]);
});

test('a leaver is announced once (stock: twice) to the stock members it had relayed with, and to no one else', async () => {
  const roomid = unique('leave');
  const [owner, linked, unlinked, leaver] = await Promise.all(
    ['owner', 'linked', 'unlinked', 'leaver'].map((name) => connect(served.url, unique(name))),
  );
  await openRoom(owner!, roomid);
  for (const member of [linked!, unlinked!, leaver!]) await joined(member, roomid);
  leaver!.relay(linked!.userid, { hi: 1 });
  await linked!.next(MSG);
  leaver!.close();
  await linked!.next('user-disconnected');
  await syncAll(linked!, unlinked!, owner!);
  assert.deepEqual(linked!.events('user-disconnected'), [[leaver!.userid]]);
  assert.deepEqual(unlinked!.events('user-disconnected'), []);
  assert.deepEqual(owner!.events('user-disconnected'), []);
});

test('the owner leaving hands the room to the member present longest; it stays joinable', async () => {
  const roomid = unique('shift');
  const [owner, eldest, younger, latecomer] = await Promise.all(
    ['owner', 'eldest', 'younger', 'late'].map((name) => connect(served.url, unique(name))),
  );
  await openRoom(owner!, roomid);
  await joined(eldest!, roomid);
  await joined(younger!, roomid);
  owner!.close();
  assert.deepEqual(await eldest!.next('set-isInitiator-true'), [roomid]);
  await syncAll(younger!);
  assert.deepEqual(younger!.events('set-isInitiator-true'), []);
  const [exists] = await latecomer!.request('check-presence', roomid);
  assert.equal(exists, true);
  await joined(latecomer!, roomid);
  assert.deepEqual(await eldest!.request('set-password', 'new'), [true, roomid, null], 'the new owner owns it');
});

test('autoCloseEntireSession=true: the owner leaving closes the room and tells everyone closed-entire-session', async () => {
  const roomid = unique('autoclose');
  const owner = await connect(served.url, unique('owner'), { query: { autoCloseEntireSession: 'true' } });
  const [a, b] = await Promise.all([connect(served.url, unique('a')), connect(served.url, unique('b'))]);
  await openRoom(owner, roomid, { extra: { name: 'Olga' } });
  await joined(a, roomid);
  await joined(b, roomid);
  owner.close();
  for (const member of [a, b]) assert.deepEqual(await member.next('closed-entire-session'), [roomid, { name: 'Olga' }]);
  const [exists] = await a.request('check-presence', roomid);
  assert.equal(exists, false);
});

test('close-entire-session: the owner gets (true) and the others are told; a non-owner gets Room permission denied', async () => {
  const roomid = unique('close');
  const [owner, a, b] = await Promise.all(['owner', 'a', 'b'].map((name) => connect(served.url, unique(name))));
  assert.deepEqual(await a!.request('close-entire-session'), [false, 'Room not available']);
  await openRoom(owner!, roomid, { extra: { name: 'Olga' } });
  await joined(a!, roomid);
  await joined(b!, roomid);
  assert.deepEqual(await a!.request('close-entire-session'), [false, 'Room permission denied']);
  assert.deepEqual(await owner!.request('close-entire-session'), [true]);
  for (const member of [a!, b!])
    assert.deepEqual(await member.next('closed-entire-session'), [roomid, { name: 'Olga' }]);
  assert.deepEqual(owner!.events('closed-entire-session'), []);
  assert.equal((await a!.request('check-presence', roomid))[0], false);
});

test('changed-uuid to a free id renames: the room and relays follow; to the same id it acks', async () => {
  const roomid = unique('rename');
  const [owner, member, joiner] = await Promise.all(
    ['owner', 'member', 'joiner'].map((name) => connect(served.url, unique(name))),
  );
  await openRoom(owner!, roomid, { identifier: roomid });
  await joined(member!, roomid);
  assert.deepEqual(await owner!.request('changed-uuid', owner!.userid), []);
  const renamed = unique('renamed');
  assert.deepEqual(await owner!.request('changed-uuid', renamed), []);
  owner!.userid = renamed;
  const [[listed]] = (await joiner!.request('get-public-rooms', roomid)) as [
    [{ owner: string; participants: string[] }],
  ];
  assert.equal(listed.owner, renamed);
  assert.deepEqual(listed.participants, [renamed, member!.userid]);
  member!.relay(renamed, { to: 'renamed' });
  const [envelope] = (await owner!.next(MSG)) as [Envelope];
  assert.equal(envelope.remoteUserId, renamed);
  await joined(joiner!, roomid);
  joinRequest(joiner!, roomid);
  const [request] = (await owner!.next(MSG, isJoinRequestFrom(joiner!.userid))) as [Envelope];
  assert.equal(request.remoteUserId, renamed);
  owner!.relay(member!.userid, { from: 'renamed' });
  const [back] = (await member!.next(MSG, ([sent]) => (sent as Envelope).message['from'] === 'renamed')) as [Envelope];
  assert.equal(back.sender, renamed);
});

test('userid=admin gets the admin event with an error and is disconnected', async () => {
  const admin = await connect(served.url, 'admin');
  const [answer] = (await admin.next('admin')) as [{ error: string }];
  assert.equal(typeof answer.error, 'string');
  await new Promise<void>((resolve) =>
    admin.socket.disconnected ? resolve() : admin.socket.once('disconnect', () => resolve()),
  );
  assert.equal(admin.disconnectReason, 'io server disconnect');
});

test('a duplicate userid gets userid-already-taken(taken, suggestion)', async () => {
  const userid = unique('dup');
  await connect(served.url, userid);
  const second = await connect(served.url, userid);
  const [taken, suggestion] = await second.next('userid-already-taken');
  assert.equal(taken, userid);
  assert.equal(typeof suggestion, 'string');
  assert.notEqual(suggestion, userid);
});
