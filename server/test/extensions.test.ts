/**
 * What kit sockets (handshake `auth: {rtcElements: 1}`) get beyond the stock
 * protocol, and that stock sockets never get it: the member list in the join
 * answer, one join request frame per room, departures by room,
 * and extra updates batched per tick in big rooms.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  connect,
  connectKit,
  EXTRAS,
  joined,
  joinRequest,
  joinRoom,
  openRoom,
  syncAll,
  unique,
  until,
  type Client,
  useServer,
} from './support.js';

const served = useServer({ extraBatchMinMembers: 3, extraBatchInterval: 50 });

test('a kit joiner’s join-room answer lists everyone else with their current extra', async () => {
  const roomid = unique('room');
  const owner = await connect(served.url, unique('owner'));
  const member = await connectKit(served.url, unique('member'));
  const joiner = await connectKit(served.url, unique('joiner'));
  assert.deepEqual(
    await openRoom(owner, roomid, { extra: { name: 'Olga' } }),
    [true],
    'a stock opener: stock’s answer',
  );
  // A kit opener learns it is on this server from its answer too: the room is its own.
  assert.deepEqual(await openRoom(member, unique('elsewhere')), [true, null, { members: [] }]);
  await joined(member, roomid, { extra: { name: 'Max' } });
  member.emit('extra-data-updated', { name: 'Max', away: true });
  await member.sync();
  const answer = await joinRoom(joiner, roomid, { extra: { name: 'Jo' } });
  assert.deepEqual(answer, [
    true,
    null,
    {
      members: [
        { userid: owner.userid, extra: { name: 'Olga' } },
        { userid: member.userid, extra: { name: 'Max', away: true } },
      ],
    },
  ]);
  // A stock joiner gets stock's answer.
  const stock = await connect(served.url, unique('stock'));
  assert.deepEqual(await joinRoom(stock, roomid), [true]);
});

test('a kit member gets a join request as one frame addressed to the room, with the joiner’s extra', async () => {
  const roomid = unique('room');
  const kitOwner = await connectKit(served.url, unique('kit-owner'));
  const kitMember = await connectKit(served.url, unique('kit-member'));
  const stockMember = await connect(served.url, unique('stock-member'));
  const joiner = await connect(served.url, unique('joiner'));
  await openRoom(kitOwner, roomid);
  for (const member of [kitMember, stockMember]) await joined(member, roomid);
  await joined(joiner, roomid, { extra: { name: 'Jo' } });
  joinRequest(joiner, roomid);
  await syncAll(joiner, kitOwner, kitMember, stockMember);
  const requests = (client: Client) =>
    client.relays(
      (envelope) => envelope.message['newParticipationRequest'] === true && envelope.sender === joiner.userid,
    );
  for (const kit of [kitOwner, kitMember]) {
    assert.equal(requests(kit).length, 1, `${kit.userid} gets one frame`);
    assert.equal(requests(kit)[0]!.remoteUserId, roomid);
    assert.deepEqual(requests(kit)[0]!.extra, { name: 'Jo' });
  }
  assert.equal(requests(stockMember).length, 1);
  assert.equal(requests(stockMember)[0]!.remoteUserId, stockMember.userid, 'a stock member gets its own copy');
});

test('kit members hear user-disconnected for every member who leaves, once, without a link', async () => {
  const roomid = unique('room');
  const kitA = await connectKit(served.url, unique('kit-a'));
  const kitB = await connectKit(served.url, unique('kit-b'));
  const stockLeaver = await connect(served.url, unique('stock-leaver'));
  const kitLeaver = await connectKit(served.url, unique('kit-leaver'));
  await openRoom(kitA, roomid);
  for (const member of [kitB, stockLeaver, kitLeaver]) await joined(member, roomid);
  stockLeaver.close();
  kitLeaver.close();
  for (const kit of [kitA, kitB]) {
    await until(() => kit.events('user-disconnected').length >= 2, `${kit.userid} hears both leave`);
  }
  await syncAll(kitA, kitB);
  for (const kit of [kitA, kitB]) {
    assert.deepEqual(kit.events('user-disconnected'), [[stockLeaver.userid], [kitLeaver.userid]]);
  }
});

test('in a room of at least extraBatchMinMembers kit members, extra updates come batched per tick', async () => {
  const roomid = unique('big-room');
  const [k1, k2, k3, k4] = await Promise.all(
    ['k1', 'k2', 'k3', 'k4'].map((name) => connectKit(served.url, unique(name))),
  );
  const stock = await connect(served.url, unique('stock'));
  await openRoom(k1!, roomid);
  for (const member of [k2!, k3!, k4!, stock]) await joined(member, roomid);
  // All within one tick: k1 three times (only its last counts), k2 once, k3 once and then it leaves.
  k1!.emit('extra-data-updated', { n: 1 });
  k1!.emit('extra-data-updated', { n: 2 });
  k2!.emit('extra-data-updated', { m: 1 });
  k3!.emit('extra-data-updated', { gone: true });
  k1!.emit('extra-data-updated', { n: 3 });
  // (socket.io drops an event that arrives together with its socket's disconnect: the update is in first.)
  await k3!.sync();
  k3!.close();
  await until(() => [k1!, k2!, k4!].every((kit) => kit.events(EXTRAS).length > 0), 'every kit member has a batch');
  await syncAll(k1!, k2!, k4!);
  assert.deepEqual(k4!.events(EXTRAS), [
    [
      [
        [k1!.userid, { n: 3 }],
        [k2!.userid, { m: 1 }],
      ],
    ],
  ]);
  assert.deepEqual(k1!.events(EXTRAS), [[[[k2!.userid, { m: 1 }]]]], 'never one’s own');
  assert.deepEqual(k2!.events(EXTRAS), [[[[k1!.userid, { n: 3 }]]]]);
  for (const kit of [k1!, k2!, k4!])
    assert.deepEqual(kit.events('extra-data-updated'), [], 'kit members get batches only');
  // Stock members keep stock's event, one per update.
  await until(() => stock.events('extra-data-updated').length === 5, 'the stock member hears every update');
  assert.deepEqual(
    stock
      .events('extra-data-updated')
      .map((args) => JSON.stringify(args))
      .sort(),
    [
      [k1!.userid, { n: 1 }],
      [k1!.userid, { n: 2 }],
      [k1!.userid, { n: 3 }],
      [k2!.userid, { m: 1 }],
      [k3!.userid, { gone: true }],
    ]
      .map((args) => JSON.stringify(args))
      .sort(),
  );
});
