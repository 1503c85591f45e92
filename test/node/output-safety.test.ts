/**
 * Everything our code sends to the stock server, recorded over a session that
 * goes through every path (open, join, presence, updates good and bad, a
 * server restart, leaving): never a payload that crashes the stock server (it
 * dies on a null open-room/join-room payload or a missing message payload).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Socket } from 'socket.io-client';
import type { RTCMultiConnection } from '../../src/index.js';
import { isPlainObject } from '../../src/protocol/extra.js';
import { uniqueRoom, until } from '../support/conditions.js';
import { useSignalingServer } from '../support/node-server.js';

const { server, harness } = useSignalingServer();

/** Records every event the connection's sockets emit, whichever socket it is at the time. */
function recordEmits(connection: RTCMultiConnection): Array<{ event: string; args: unknown[] }> {
  const emitted: Array<{ event: string; args: unknown[] }> = [];
  let current: Socket | null = null;
  Object.defineProperty(connection, 'socket', {
    get: () => current,
    set: (socket: Socket | null) => {
      current = socket;
      socket?.onAnyOutgoing((event: string, ...args: unknown[]) => emitted.push({ event, args }));
    },
  });
  return emitted;
}

function assertSafe({ event, args }: { event: string; args: unknown[] }): void {
  const [first] = args;
  switch (event) {
    case 'open-room':
    case 'join-room':
      assert.ok(isPlainObject(first), `${event} payload must be an object`);
      assert.equal(typeof first['sessionid'], 'string');
      assert.ok(isPlainObject(first['extra']), `${event} extra must be an object`);
      assert.equal(typeof first['password'], 'string');
      break;
    case 'RTCMultiConnection-Message':
      assert.ok(isPlainObject(first), 'a relayed message must be an object');
      assert.equal(typeof first['remoteUserId'], 'string');
      assert.equal(typeof first['sender'], 'string');
      assert.ok(typeof first['message'] === 'string' || isPlainObject(first['message']));
      break;
    case 'extra-data-updated':
      assert.ok(isPlainObject(first), 'extra must be an object');
      break;
    case 'check-presence':
    case 'get-remote-user-extra-data':
      assert.equal(typeof first, 'string');
      break;
    default:
      assert.fail(`an event we never meant to send: ${event}`);
  }
}

describe('what we send to the stock server', () => {
  it('is always a well-formed payload, on every path', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' });
    const bob = harness().connection('bob', { fullName: 'Bob' });
    const emitted = [...[alice, bob].map(recordEmits)];
    const room = uniqueRoom();
    await alice.checkPresence(room);
    await alice.openOrJoin(room);
    await bob.join(room);
    await until(() => alice.participants.length === 2 && bob.participants.length === 2, 'both in');
    await alice.updateExtraData({ status: 'here' });
    await alice.updateExtraData({ big: 'x'.repeat(10_000) }).catch(() => {});
    await alice.updateExtraData(null as unknown as Record<string, unknown>).catch(() => {});
    await bob.join(uniqueRoom()).catch(() => {});
    await bob.openOrJoin(room);
    await server().kill();
    await until(() => alice.connectionState === 'reconnecting', 'alice notices');
    const edit = alice.updateExtraData({ status: 'offline edit' });
    await server().restart();
    await edit;
    await until(
      () => alice.participants.length === 2 && alice.participants.every((p) => p.status === 'online'),
      'back together',
    );
    await bob.leave();
    await alice.leave();

    const all = emitted.flat();
    assert.ok(all.length > 20, `a real session was recorded (${all.length} emits)`);
    for (const entry of all) assertSafe(entry);
    assert.ok(server().running, 'the stock server is still up');
    const events = new Set(all.map((entry) => entry.event));
    for (const event of [
      'open-room',
      'join-room',
      'check-presence',
      'get-remote-user-extra-data',
      'extra-data-updated',
      'RTCMultiConnection-Message',
    ]) {
      assert.ok(events.has(event), `the session covered ${event}`);
    }
  });
});
