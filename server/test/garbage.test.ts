/**
 * Garbage in every argument of every event the server handles, from several
 * sockets in rooms and out of them: the process stays up and serving,
 * Object.prototype stays clean, and no handler fails (stock's process threw
 * on many of these, and its tables keyed by ids were open to `__proto__`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertLegitPairWorks,
  connect,
  connectKit,
  httpGet,
  joined,
  MSG,
  openRoom,
  unique,
  type Client,
  useServer,
} from './support.js';

const served = useServer();

/** Every client event the server handles, the relay event, and the custom event every raw socket declares. */
const EVENTS = [
  'open-room',
  'join-room',
  'check-presence',
  'extra-data-updated',
  'get-remote-user-extra-data',
  'changed-uuid',
  'set-password',
  'is-valid-password',
  'get-public-rooms',
  'disconnect-with',
  'close-entire-session',
  'set-custom-socket-event-listener',
  MSG,
  'custom-message',
];

/** Events whose argument is an object: their fields get the garbage too. */
const OBJECT_EVENTS = new Set(['open-room', 'join-room', 'extra-data-updated', MSG]);

function nested(depth: number): unknown {
  let value: unknown = [];
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

/** Argument lists: each is sent as is, once without and once with an acknowledgement. */
const SHAPES: Array<[name: string, args: () => unknown[]]> = [
  ['no argument', () => []],
  ['null', () => [null]],
  ['undefined', () => [undefined]],
  ['0', () => [0]],
  ['NaN', () => [NaN]],
  ['-Infinity', () => [-Infinity]],
  ['1e308', () => [1e308]],
  ['empty string', () => ['']],
  ['long string', () => ['x'.repeat(20_000)]],
  ['empty array', () => [[]]],
  ['arrays nested 100 deep', () => [nested(100)]],
  ['own __proto__ key', () => [JSON.parse('{"__proto__":{"polluted":1},"sessionid":"__proto__"}')]],
  ['__proto__ as JSON text', () => ['{"__proto__":{"polluted":1}}']],
  ['constructor.prototype', () => [{ constructor: { prototype: { polluted: 1 } } }]],
  ['binary attachment', () => [Buffer.from([0, 1, 2, 255])]],
  ['several arguments', () => [null, 'constructor', { toString: 'x' }, [1], -0]],
];

/** The same values in every field of an envelope or a room request. */
function inFields(args: unknown[]): unknown[] {
  const value = args[0];
  const fields = ['sessionid', 'session', 'extra', 'password', 'identifier', 'remoteUserId', 'sender', 'message'];
  return [Object.fromEntries(fields.map((field) => [field, value]))];
}

function sendGarbage(client: Client): void {
  for (const event of EVENTS) {
    for (const [, shape] of SHAPES) {
      const variants = OBJECT_EVENTS.has(event) ? [shape(), inFields(shape())] : [shape()];
      for (const args of variants) {
        client.emit(event, ...args);
        client.emit(event, ...args, () => {});
      }
    }
  }
}

test('garbage in every event from sockets in and out of rooms: the server stays up, clean and serving', async () => {
  const roomid = unique('garbage-room');
  const owner = await connect(served.url, unique('owner'));
  const member = await connect(served.url, unique('member'));
  const kit = await connectKit(served.url, unique('kit'));
  const loner = await connect(served.url, unique('loner'));
  const observer = await connect(served.url, unique('observer'));
  await openRoom(owner, roomid);
  for (const client of [member, kit, observer]) await joined(client, roomid);
  owner.relay(member.userid, { hello: true });

  const senders = [member, kit, loner, owner];
  for (const sender of senders) sendGarbage(sender);
  // Every frame sent has been handled once each sender has had an answer after them.
  await Promise.all([...senders, observer].map((client) => client.sync()));
  for (const sender of senders) {
    assert.ok(sender.socket.connected, `${sender.userid} is still connected`);
    assert.deepEqual(
      sender.refusals().filter((refusal) => refusal.reason === 'rate-limited'),
      [],
      'every frame reached its handler',
    );
  }

  // A frame over socket.io's 1 MB closes its connection before any handler sees it, as on stock.
  const big = { sessionid: unique('big'), extra: 'x'.repeat(2_000_000) };
  for (const event of EVENTS) {
    const client = await connect(served.url, unique('big'));
    if (EVENTS.indexOf(event) % 2 === 0) await openRoom(client, unique('big-room'));
    const gone = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    client.emit(event, big, () => {});
    assert.equal(await gone, 'transport close');
  }

  const health = await httpGet(`${served.url}healthz`);
  assert.equal(health.status, 200);
  await assertLegitPairWorks(served.url);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype is not polluted');
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  assert.deepEqual(served.errors(), [], 'no handler error was logged');
});
