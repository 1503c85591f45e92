/** The in-memory state: links between users, and the room directory's rules. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Links } from '../src/rooms/links.js';
import { ROOM_LIMIT_REACHED, RoomDirectory, type RoomRequest, type User } from '../src/rooms/room-directory.js';

test('Links: a link is made once, both ways, and ended once', () => {
  const links = new Links();
  assert.equal(links.link('a', 'b'), true);
  assert.equal(links.link('a', 'b'), false);
  assert.equal(links.link('b', 'a'), false, 'the same link seen from the other side');
  assert.equal(links.linked('b', 'a'), true);
  assert.equal(links.unlink('b', 'a'), true);
  assert.equal(links.linked('a', 'b'), false);
  assert.equal(links.unlink('a', 'b'), false);
});

test('Links: unlinkAll returns whom a user was linked with and leaves the others’ links alone', () => {
  const links = new Links();
  links.link('a', 'b');
  links.link('a', 'c');
  links.link('b', 'c');
  assert.deepEqual(links.unlinkAll('a').sort(), ['b', 'c']);
  assert.equal(links.linked('b', 'a'), false);
  assert.equal(links.linked('b', 'c'), true);
  assert.deepEqual(links.unlinkAll('a'), []);
});

test('Links: a renamed user keeps its links under its new id', () => {
  const links = new Links();
  links.link('old', 'b');
  links.link('c', 'old');
  links.rename('old', 'new');
  assert.equal(links.linked('b', 'new'), true);
  assert.equal(links.linked('new', 'c'), true);
  assert.equal(links.linked('b', 'old'), false);
  assert.equal(links.link('new', 'b'), false);
});

function directory(maxRooms = 100) {
  const rooms = new RoomDirectory(maxRooms);
  const users = (...names: string[]): User[] =>
    names.map((userid) => {
      const closeRoomOnLeave = userid.startsWith('closer');
      const user = rooms.claim({
        userid,
        socketId: `socket-${userid}`,
        kit: false,
        msgEvent: 'm',
        closeRoomOnLeave,
        extra: {},
      });
      assert.ok(user, `${userid} is claimed`);
      return user;
    });
  return { rooms, users };
}

function request(roomid: string, fields: Partial<RoomRequest> = {}): RoomRequest {
  return { roomid, session: {}, extra: {}, password: '', identifier: '', maxParticipants: 1000, ...fields };
}

const members = (rooms: RoomDirectory, roomid: string) => [...(rooms.room(roomid)?.members.keys() ?? [])];

test('RoomDirectory: one socket per userid; a released userid is free again', () => {
  const { rooms, users } = directory();
  users('a');
  assert.equal(
    rooms.claim({ userid: 'a', socketId: 's2', kit: false, msgEvent: 'm', closeRoomOnLeave: false, extra: {} }),
    undefined,
  );
  rooms.release('a');
  assert.equal(rooms.userCount, 0);
  users('a');
});

test('RoomDirectory: open, join, the errors of join, and the counts', () => {
  const { rooms, users } = directory();
  const [owner, b, c, d] = users('owner', 'b', 'c', 'd');
  assert.deepEqual(rooms.join('b', request('r')), { ok: false, error: 'Room not available' });
  assert.deepEqual(rooms.open('owner', request('r', { password: 'pw', maxParticipants: 3, extra: { o: 1 } })), {
    ok: true,
    left: undefined,
  });
  assert.deepEqual(owner!.extra, { o: 1 });
  assert.deepEqual(rooms.open('b', request('r')), { ok: false, error: 'Room not available' });
  assert.deepEqual(rooms.join('b', request('r', { password: 'no' })), { ok: false, error: 'Invalid password' });
  assert.equal(rooms.join('b', request('r', { password: 'pw', extra: { b: 1 } })).ok, true);
  assert.equal(rooms.join('c', request('r', { password: 'pw' })).ok, true);
  assert.deepEqual(rooms.join('d', request('r', { password: 'pw' })), { ok: false, error: 'Room full' });
  assert.deepEqual(members(rooms, 'r'), ['owner', 'b', 'c']);
  assert.equal(b!.roomid, 'r');
  assert.equal(c!.roomid, 'r');
  assert.equal(d!.roomid, undefined);
  assert.deepEqual(b!.extra, { b: 1 });
  assert.equal(rooms.roomCount, 1);
  assert.equal(rooms.participantCount, 3);
  assert.equal(rooms.passwordMatches('r', 'pw'), true);
  assert.equal(rooms.passwordMatches('r', 'pW'), false);
});

test('RoomDirectory: a refused request leaves its sender where it was, extra untouched (stock left the room first)', () => {
  const { rooms, users } = directory();
  const [, , b] = users('owner', 'other', 'b');
  rooms.open('owner', request('r'));
  rooms.open('other', request('locked', { password: 'pw' }));
  rooms.join('b', request('r', { extra: { in: 'r' } }));
  assert.equal(rooms.join('b', request('locked', { password: 'no', extra: { bad: 1 } })).ok, false);
  assert.equal(rooms.join('b', request('missing')).ok, false);
  assert.equal(rooms.open('b', request('locked')).ok, false);
  assert.equal(b!.roomid, 'r');
  assert.deepEqual(b!.extra, { in: 'r' });
  assert.deepEqual(members(rooms, 'r'), ['owner', 'b']);
});

test('RoomDirectory: joining another room leaves the first; the last to leave removes it', () => {
  const { rooms, users } = directory();
  users('a', 'b');
  rooms.open('a', request('one'));
  rooms.open('b', request('two'));
  const result = rooms.join('a', request('two'));
  assert.equal(result.ok, true);
  assert.deepEqual(result.ok && result.left && { roomid: result.left.roomid, user: result.left.user.userid }, {
    roomid: 'one',
    user: 'a',
  });
  assert.equal(rooms.room('one'), undefined);
  assert.deepEqual(members(rooms, 'two'), ['b', 'a']);
  rooms.release('a');
  rooms.release('b');
  assert.equal(rooms.roomCount, 0);
});

test('RoomDirectory: an owner leaving hands the room to the member present longest', () => {
  const { rooms, users } = directory();
  users('owner', 'first', 'second');
  rooms.open('owner', request('r'));
  rooms.join('first', request('r'));
  rooms.join('second', request('r'));
  const departure = rooms.release('owner');
  assert.equal(departure?.newOwner?.userid, 'first');
  assert.deepEqual(departure?.evicted, []);
  assert.equal(rooms.room('r')?.owner, 'first');
  assert.deepEqual(rooms.leave('second')?.newOwner, undefined, 'a member leaving hands nothing on');
});

test('RoomDirectory: a room closes with an owner who asked for it, and always in one-way and broadcast rooms', () => {
  for (const [owner, session] of [
    ['closer', {}],
    ['plain', { oneway: true }],
    ['plain', { broadcast: true }],
  ] as const) {
    const { rooms, users } = directory();
    const [, a, b] = users(owner, 'a', 'b');
    rooms.open(owner, request('r', { session }));
    rooms.join('a', request('r'));
    rooms.join('b', request('r'));
    const departure = rooms.leave(owner);
    assert.deepEqual(
      departure?.evicted.map((user) => user.userid),
      ['a', 'b'],
    );
    assert.equal(rooms.room('r'), undefined);
    assert.equal(a!.roomid, undefined);
    assert.equal(b!.roomid, undefined);
  }
});

test('RoomDirectory: the new owner’s own wish decides whether the room closes when it leaves', () => {
  const { rooms, users } = directory();
  users('owner', 'closer-next', 'last');
  rooms.open('owner', request('r'));
  rooms.join('closer-next', request('r'));
  rooms.join('last', request('r'));
  rooms.leave('owner');
  assert.equal(rooms.room('r')?.closesWithOwner, true);
  assert.deepEqual(
    rooms.leave('closer-next')?.evicted.map((user) => user.userid),
    ['last'],
  );
});

test('RoomDirectory: close puts everyone out and forgets the room', () => {
  const { rooms, users } = directory();
  const [a, b] = users('a', 'b');
  rooms.open('a', request('r'));
  rooms.join('b', request('r'));
  assert.deepEqual(
    rooms.close('r').map((user) => user.userid),
    ['a', 'b'],
  );
  assert.equal(a!.roomid, undefined);
  assert.equal(b!.roomid, undefined);
  assert.equal(rooms.roomCount, 0);
  assert.deepEqual(rooms.close('r'), []);
});

test('RoomDirectory: rename keeps the member’s place and ownership; a taken id is refused', () => {
  const { rooms, users } = directory();
  const [owner] = users('owner', 'b', 'c');
  rooms.open('owner', request('r', { identifier: 'pub' }));
  rooms.join('b', request('r'));
  rooms.join('c', request('r'));
  assert.equal(rooms.rename('owner', 'b'), 'taken');
  assert.equal(rooms.rename('nobody', 'x'), 'unknown');
  assert.equal(rooms.rename('owner', 'boss'), 'renamed');
  assert.equal(owner!.userid, 'boss');
  assert.equal(rooms.user('owner'), undefined);
  assert.equal(rooms.user('boss'), owner);
  assert.equal(rooms.room('r')?.owner, 'boss');
  assert.deepEqual(members(rooms, 'r'), ['boss', 'b', 'c']);
  assert.equal(rooms.rename('c', 'owner'), 'renamed', 'the old id is free');
  assert.deepEqual(members(rooms, 'r'), ['boss', 'b', 'owner']);
  assert.deepEqual(
    rooms.publicRooms('pub').map((room) => room.id),
    ['r'],
  );
});

test('RoomDirectory: at maxRooms no room opens (an owner may still reopen its own); joining still works', () => {
  const { rooms, users } = directory(1);
  users('a', 'b');
  rooms.open('a', request('r'));
  assert.deepEqual(rooms.open('b', request('another')), { ok: false, error: ROOM_LIMIT_REACHED });
  assert.equal(rooms.open('a', request('r', { password: 'new' })).ok, true);
  assert.equal(rooms.join('b', request('r', { password: 'new' })).ok, true);
});

test('RoomDirectory: at maxRooms the only member of a room may still move to a new one (its room goes)', () => {
  const { rooms, users } = directory(1);
  users('a');
  rooms.open('a', request('r'));
  const moved = rooms.open('a', request('elsewhere'));
  assert.equal(moved.ok, true);
  assert.equal(rooms.room('r'), undefined);
  assert.deepEqual(members(rooms, 'elsewhere'), ['a']);
});

test('RoomDirectory: joining the room one is in again only replaces one’s extra', () => {
  const { rooms, users } = directory();
  const [, b] = users('a', 'b');
  rooms.open('a', request('r', { password: 'pw', maxParticipants: 2 }));
  rooms.join('b', request('r', { password: 'pw' }));
  assert.deepEqual(rooms.join('b', request('r', { extra: { again: true } })), { ok: true, left: undefined });
  assert.deepEqual(b!.extra, { again: true });
  assert.deepEqual(members(rooms, 'r'), ['a', 'b']);
  rooms.setPassword('r', '');
  assert.equal(rooms.passwordMatches('r', 'anything'), true, 'an empty password removes it');
});
