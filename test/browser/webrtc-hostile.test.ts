/**
 * Bad input on the WebRTC side: garbage data-channel frames, unknown message
 * shapes, candidates for peers that do not exist, a storm of bogus
 * renegotiations (some with a spoofed sender). Clear errors, no crash, and
 * the room keeps working.
 */
import { expect } from '@open-wc/testing';
import type { RtcErrorEvent } from '../../src/index.js';
import { nextEvent, uniqueRoom, until } from '../support/conditions.js';
import { useHarness } from '../support/browser-setup.js';

describe('hostile WebRTC input', () => {
  // Through the stock server, which relays anything (a spoofed sender too): ours refuses such frames before they reach
  // anyone (server/test), so only stock lets the kit's own defences be seen.
  const { harness } = useHarness('stock');

  it('survives garbage frames, unknown messages, stray candidates and a renegotiation storm', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' }, { session: { data: true } });
    const bob = harness().connection('bob', { fullName: 'Bob' }, { session: { data: true } });
    const bobsChannel = nextEvent(bob, 'open');
    const room = uniqueRoom();
    await alice.open(room);
    await bob.join(room);
    const channel = (await bobsChannel).channel!;
    await until(() => alice.participants[1]?.peerState === 'connected', 'alice and bob are connected');
    const errors: RtcErrorEvent[] = [];
    alice.addEventListener('error', (event) => errors.push(event));

    // Garbage straight into alice's data channel.
    channel.send('not json at all');
    channel.send(new Uint8Array([1, 2, 3]));
    channel.send('{"type":"text"}');
    channel.send('{"type":"text","uuid":"u","message":"{broken","last":true,"isobject":true}');
    channel.send('[1,2,3]');
    for (let index = 0; index < 100; index++)
      channel.send(JSON.stringify({ type: 'text', uuid: `never-finished-${index}`, message: 'x' }));

    // A raw client in the room sends what no honest peer would.
    const hostile = await harness().raw('hostile');
    await hostile.request('join-room', { sessionid: room, session: { data: true }, extra: {}, password: '' });
    const send = (message: unknown, sender = hostile.userid) =>
      hostile.socket.emit('RTCMultiConnection-Message', { remoteUserId: alice.userid, sender, message });
    send({ something: 'unknown' });
    send({ type: 'answer', sdp: 'v=0' });
    for (let index = 0; index < 20; index++)
      send({
        candidate: `candidate:${index} 1 udp 1 127.0.0.1 ${9000 + index} typ host`,
        sdpMid: '0',
        sdpMLineIndex: 0,
      });
    for (let index = 0; index < 50; index++) {
      send({ type: 'offer', sdp: `v=0\r\nbogus ${index}`, renegotiatingPeer: index > 0 });
      // The same storm with bob's name on it, aimed at the live peer connection.
      send({ type: 'offer', sdp: `v=0\r\nbogus ${index}`, renegotiatingPeer: true }, bob.userid);
    }

    await until(
      () => errors.filter((event) => event.code === 'peer-failed').length >= 100,
      'every bogus offer is reported',
    );
    expect(errors.filter((event) => event.code === 'invalid-input').length).to.be.greaterThan(5);
    expect(errors.every((event) => ['invalid-input', 'peer-failed'].includes(event.code))).to.equal(true);

    // The room still works: the real peer connection still carries messages both ways.
    const atAlice = nextEvent(alice, 'message', (event) => event.data === 'still here');
    bob.send('still here');
    expect((await atAlice).userid).to.equal(bob.userid);
    const atBob = nextEvent(bob, 'message');
    alice.send({ ok: true });
    expect((await atBob).data).to.deep.equal({ ok: true });
    expect(alice.participants.find((p) => p.userid === bob.userid)?.peerState).to.equal('connected');
  });
});
