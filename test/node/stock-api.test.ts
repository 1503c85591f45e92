/**
 * Stock 3.7.1 members that upstream demo pages use, in Node (signaling only), against the real stock server:
 * connectSocket() and one socket across checkPresence/open/join, public rooms and passwords, sdpConstraints in the
 * join request, closeEntireSession(), errors and token().
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextEvent, uniqueRoom, until } from '../support/conditions.js';
import { useSignalingServer } from '../support/node-server.js';
import { serverUnderTest } from '../support/server-under-test.mjs';

const { harness } = useSignalingServer();

describe('one socket (connectSocket, checkPresence, open, join)', () => {
  it("connectSocket() hands the page its socket; open() keeps it, with the page's listeners on it", async () => {
    const alice = harness().connection('alice');
    const raw = await harness().raw('observer', { socketCustomEvent: alice.socketCustomEvent });
    let fromCallback: unknown;
    const socket = await alice.connectSocket((given) => (fromCallback = given));
    await until(() => fromCallback !== undefined, 'the callback ran');
    assert.equal(fromCallback, socket);
    assert.equal(alice.socket, socket);
    const heard: unknown[] = [];
    socket.on(alice.socketCustomEvent, (message: unknown) => heard.push(message));

    await alice.open(uniqueRoom());
    assert.equal(alice.socket, socket, 'open() used the socket the page listens on');
    // The stock server broadcasts the custom event to every other socket.
    raw.socket.emit(alice.socketCustomEvent, { hello: 1 });
    await until(() => heard.length === 1, 'the custom event reached the listener');
    assert.deepEqual(heard, [{ hello: 1 }]);
  });

  it('checkPresence() then open() and join(): no clash with our own userid, and no error', async () => {
    const alice = harness().connection('alice');
    const bob = harness().connection('bob');
    const errors: string[] = [];
    for (const connection of [alice, bob])
      connection.addEventListener('error', (event) => errors.push(`${event.code}: ${event.message}`));
    const room = uniqueRoom();
    assert.equal((await alice.checkPresence(room)).exists, false);
    const socket = alice.socket;
    await alice.open(room);
    assert.equal(alice.socket, socket);
    assert.equal((await bob.checkPresence(room)).exists, true);
    await bob.join(room);
    await until(() => alice.getAllParticipants().includes(bob.userid), 'alice lists bob');
    assert.deepEqual(errors, []);
  });
});

describe('public rooms and passwords (the calls of upstream demos/video-conference)', () => {
  it('a room opened with publicRoomIdentifier and a password is listed, its password checked, and joined only with it', async () => {
    const identifier = uniqueRoom('public');
    const room = uniqueRoom();
    const owner = harness().connection('owner', { userFullName: 'Owner' }, { publicRoomIdentifier: identifier });
    owner.password = 'sesame';
    const socket = await owner.connectSocket();
    await owner.open(room);
    type Listed = { sessionid: string; owner: string; isPasswordProtected: boolean; extra: Record<string, unknown> };
    const rooms = await new Promise<Listed[]>((resolve) => socket.emit('get-public-rooms', identifier, resolve));
    assert.deepEqual(
      rooms.map(({ sessionid, owner: by, isPasswordProtected, extra }) => [sessionid, by, isPasswordProtected, extra]),
      [[room, owner.userid, true, { userFullName: 'Owner' }]],
    );
    const guest = harness().connection('guest');
    const guestSocket = await guest.connectSocket();
    const check = (password: string) =>
      new Promise<boolean>((resolve) => guestSocket.emit('is-valid-password', password, room, resolve));
    assert.equal(await check('wrong'), false);
    assert.equal(await check('sesame'), true);
    guest.password = 'wrong';
    await assert.rejects(guest.join(room), { code: 'invalid-password' });
    guest.password = 'sesame';
    await guest.join(room);
    await until(() => owner.getAllParticipants().includes(guest.userid), 'the owner lists the guest');
  });
});

describe('sdpConstraints', () => {
  it("the join request asks the members for what sdpConstraints.mandatory says, as stock's does", async () => {
    const room = uniqueRoom();
    const owner = await harness().raw('owner');
    const [opened] = await owner.request('open-room', {
      sessionid: room,
      session: { audio: true },
      extra: {},
      password: '',
    });
    assert.equal(opened, true);
    const request = new Promise<Record<string, unknown>>((resolve) =>
      owner.socket.on('RTCMultiConnection-Message', (envelope: { message: Record<string, unknown> }) => {
        if (envelope.message['newParticipationRequest']) resolve(envelope.message);
      }),
    );
    const joiner = harness().connection('joiner', {}, { session: { audio: true, video: false } });
    joiner.sdpConstraints.mandatory = { OfferToReceiveAudio: true, OfferToReceiveVideo: false };
    await joiner.join(room);
    const message = await request;
    assert.deepEqual(message['remotePeerSdpConstraints'], { OfferToReceiveAudio: true, OfferToReceiveVideo: false });
    assert.deepEqual(message['localPeerSdpConstraints'], { OfferToReceiveAudio: true, OfferToReceiveVideo: false });
  });
});

describe('closeEntireSession', () => {
  it('tells everyone to leave with stock’s message, leaves, then onEntireSessionClosed and the callback run', async () => {
    const room = uniqueRoom();
    const owner = harness().connection('owner', { fullName: 'Owner' });
    const member = harness().connection('member');
    await owner.open(room);
    await member.join(room);
    await until(() => owner.getAllParticipants().includes(member.userid), 'the owner lists the member');
    const stockMember = await harness().raw('stock');
    const [joined] = await stockMember.request('join-room', { sessionid: room, session: {}, extra: {}, password: '' });
    assert.equal(joined, true);
    const toldToLeave = new Promise<unknown>((resolve) =>
      stockMember.socket.on('RTCMultiConnection-Message', (envelope: { message: Record<string, unknown> }) => {
        if (envelope.message['userLeft']) resolve(envelope.message);
      }),
    );
    stockMember.socket.emit('RTCMultiConnection-Message', {
      remoteUserId: room,
      sender: stockMember.userid,
      message: { newParticipationRequest: true, isOneWay: false, isDataOnly: true },
    });
    await until(() => owner.getAllParticipants().includes(stockMember.userid), 'the owner lists the stock member');

    const closed: unknown[] = [];
    owner.onEntireSessionClosed = (event) => closed.push(event);
    const memberClosed: unknown[] = [];
    member.onEntireSessionClosed = (event) => memberClosed.push(event);
    const memberErrors: string[] = [];
    member.addEventListener('error', (event) => memberErrors.push(event.code));
    const stockClosed = new Promise<unknown[]>((resolve) =>
      stockMember.socket.on('closed-entire-session', (...args: unknown[]) => resolve(args)),
    );
    const memberSawOwnerLeave = nextEvent(member, 'participant-left', (event) => event.userid === owner.userid);
    let calledBack = false;
    await owner.closeEntireSession(() => (calledBack = true));

    assert.deepEqual(await toldToLeave, { userLeft: true, autoCloseEntireSession: true });
    assert.equal((await memberSawOwnerLeave).reason, 'goodbye');
    assert.deepEqual(closed, [{ sessionid: room, userid: room, extra: { fullName: 'Owner' } }]);
    assert.equal(calledBack, true);
    assert.equal(owner.connectionState, 'closed');
    if (serverUnderTest() === 'ours') {
      // Ours closes the room itself: everyone is put out, stock clients with the event stock 3.7.1 listens to.
      assert.deepEqual(await stockClosed, [room, { fullName: 'Owner' }]);
      await until(() => member.connectionState === 'closed', 'the member is out of the room');
      assert.deepEqual(memberErrors, ['room-closed']);
      assert.deepEqual(memberClosed, [{ sessionid: room, userid: room, extra: { fullName: 'Owner' } }]);
      const [exists] = await stockMember.request('check-presence', room);
      assert.equal(exists, false);
    }
  });
});

describe('plain stock members', () => {
  it("errors holds the server's strings, and a full room's callback error equals errors.ROOM_FULL", async () => {
    const owner = harness().connection('owner', {}, { maxParticipantsAllowed: 1 });
    const late = harness().connection('late');
    const room = uniqueRoom();
    await owner.open(room);
    const failure = await new Promise<string | undefined>((resolve) =>
      late.join(room, (ok, _roomid, error) => resolve(ok ? undefined : error)).catch(() => {}),
    );
    assert.equal(failure, late.errors.ROOM_FULL);
    assert.equal(late.errors.ROOM_NOT_AVAILABLE, 'Room not available');
  });

  it('token() gives a new random id each call', () => {
    const connection = harness().connection('tokens');
    const tokens = new Set(Array.from({ length: 100 }, () => connection.token()));
    assert.equal(tokens.size, 100);
    for (const token of tokens) assert.match(token, /^[a-z0-9]+$/);
  });
});
