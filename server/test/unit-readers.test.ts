/** Reading what clients send: the handshake and every payload, never throwing. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readHandshake, eventNameProblem, type ClientProfile } from '../src/clients/handshake.js';
import {
  readCustomMessage,
  readEnvelope,
  readExtra,
  readId,
  readRoomRequest,
  readText,
} from '../src/clients/payloads.js';
import { DEFAULT_LIMITS, type Limits } from '../src/settings.js';

const limits: Limits = { ...DEFAULT_LIMITS, maxExtraSize: 1000, maxMessageSize: 2000, maxDepth: 8 };

function profile(query: Record<string, unknown>, auth: unknown = {}): ClientProfile {
  const reading = readHandshake(query, auth, limits);
  assert.ok(reading.ok, `accepted: ${JSON.stringify(query)}`);
  return reading.profile;
}

function refusal(query: Record<string, unknown>): string {
  const reading = readHandshake(query, {}, limits);
  assert.equal(reading.ok, false, `refused: ${JSON.stringify(query)}`);
  return (reading as { reason: string }).reason;
}

test('handshake: stock’s defaults for what is left out', () => {
  const read = profile({});
  assert.match(read.userid, /^[0-9a-z]+$/, 'a userid in stock’s token format');
  assert.notEqual(profile({}).userid, read.userid);
  assert.deepEqual(
    { ...read, userid: 'x' },
    {
      userid: 'x',
      msgEvent: 'RTCMultiConnection-Message',
      customEvent: 'custom-message',
      closeRoomOnLeave: false,
      maxParticipants: 1000,
      extra: {},
      kit: false,
      admin: false,
    },
  );
  assert.notEqual(profile({ userid: '' }).userid, '');
});

test('handshake: what a stock client sends is read as stock reads it', () => {
  const read = profile({
    userid: 'alice',
    msgEvent: 'my-event',
    socketCustomEvent: 'my-custom',
    autoCloseEntireSession: 'true',
    maxParticipantsAllowed: '4',
    extra: '{"name":"Alice"}',
  });
  assert.deepEqual(read, {
    userid: 'alice',
    msgEvent: 'my-event',
    customEvent: 'my-custom',
    closeRoomOnLeave: true,
    maxParticipants: 4,
    extra: { name: 'Alice' },
    kit: false,
    admin: false,
  });
  assert.equal(profile({ autoCloseEntireSession: 'false' }).closeRoomOnLeave, false);
  assert.equal(profile({ autoCloseEntireSession: 'TRUE' }).closeRoomOnLeave, false);
});

test('handshake: maxParticipantsAllowed is parsed as stock does, at least 1 and capped by the server', () => {
  const max = (value: unknown) => profile({ maxParticipantsAllowed: value }).maxParticipants;
  assert.equal(max('12abc'), 12);
  assert.equal(max('nope'), 1000);
  assert.equal(max('0'), 1000, 'stock: parseInt(x) || 1000');
  assert.equal(max('-5'), 1);
  assert.equal(max(String(DEFAULT_LIMITS.maxParticipantsPerRoom * 10)), DEFAULT_LIMITS.maxParticipantsPerRoom);
  assert.equal(max(['2', '3']), 1000, 'a repeated parameter is no value');
});

test('handshake: extra that is unreadable, too big or too deep is {}; a repeated one is its last copy', () => {
  const extra = (value: unknown) => profile({ extra: value }).extra;
  assert.deepEqual(extra('{"a":'), {});
  assert.deepEqual(extra(''), {});
  assert.deepEqual(extra(JSON.stringify({ photo: 'x'.repeat(2000) })), {});
  assert.deepEqual(extra(JSON.stringify([[[[[[[[[[[]]]]]]]]]]])), {});
  assert.deepEqual(extra(['{"first":1}', '{"last":1}']), { last: 1 });
  assert.equal(extra('"just text"'), 'just text');
});

test('handshake: userids and event names that would break the server are refused', () => {
  assert.match(refusal({ userid: '__proto__' }), /userid/);
  assert.match(refusal({ userid: 'constructor' }), /userid/);
  assert.match(refusal({ userid: 'x'.repeat(257) }), /userid/);
  for (const msgEvent of ['extra-data-updated', 'open-room', 'disconnect', 'rtc-elements:welcome', 'join-broadcast']) {
    assert.match(refusal({ msgEvent }), /msgEvent/, msgEvent);
  }
  assert.match(refusal({ msgEvent: 'm'.repeat(300) }), /msgEvent/);
  assert.equal(
    profile({ socketCustomEvent: 'user-connected' }).customEvent,
    undefined,
    'a reserved custom event is dropped',
  );
  assert.equal(eventNameProblem('chat'), undefined);
  assert.ok(eventNameProblem(42));
  assert.ok(eventNameProblem(''));
});

test('handshake: the kit announces itself in auth; userid=admin is marked', () => {
  assert.equal(profile({}, { rtcElements: 1 }).kit, true);
  assert.equal(profile({}, { rtcElements: 2 }).kit, true);
  for (const auth of [{ rtcElements: '1' }, { rtcElements: 0 }, null, undefined, 'rtcElements', {}]) {
    assert.equal(profile({}, auth).kit, false, JSON.stringify(auth));
  }
  assert.equal(profile({ userid: 'admin' }).admin, true);
});

test('readId: strings and finite numbers (as text) within the bounds', () => {
  assert.deepEqual(readId('room', 'room id'), { ok: true, value: 'room' });
  assert.deepEqual(readId(42, 'room id'), { ok: true, value: '42' });
  for (const bad of [NaN, Infinity, '', null, undefined, {}, [], 'hasOwnProperty', 'x'.repeat(300)]) {
    const read = readId(bad, 'userid');
    assert.equal(read.ok, false, JSON.stringify(bad) ?? 'undefined');
    assert.equal(!read.ok && read.reason, 'invalid-payload');
  }
});

test('readExtra: plain JSON within the size and depth, refused with the right reason otherwise', () => {
  assert.deepEqual(readExtra({ a: [1, 'b', null, true] }, limits), { ok: true, value: { a: [1, 'b', null, true] } });
  assert.deepEqual(readExtra('text', limits), { ok: true, value: 'text' });
  const big = readExtra({ photo: 'x'.repeat(1000) }, limits);
  assert.equal(!big.ok && big.reason, 'too-large');
  let deep: unknown = 1;
  for (let level = 0; level < 20; level++) deep = { deep };
  const tooDeep = readExtra(deep, limits);
  assert.equal(!tooDeep.ok && tooDeep.reason, 'invalid-payload');
  for (const notJson of [Buffer.from('x'), new Date(), () => {}, undefined, Symbol('s')]) {
    const read = readExtra(notJson, limits);
    assert.equal(!read.ok && read.reason, 'invalid-payload');
  }
});

test('readRoomRequest: stock’s room request, with a missing extra keeping the current one', () => {
  const read = readRoomRequest(
    {
      sessionid: 'r',
      session: { audio: 'two-way', video: true, data: 'yes', oneway: true, evil: true },
      extra: { n: 1 },
      password: 12345,
      identifier: 'pub',
      mediaConstraints: { whatever: true },
    },
    { current: true },
    7,
    limits,
  );
  assert.deepEqual(read, {
    ok: true,
    value: {
      roomid: 'r',
      session: { audio: 'two-way', video: true, oneway: true },
      extra: { n: 1 },
      password: '12345',
      identifier: 'pub',
      maxParticipants: 7,
    },
  });
  const kept = readRoomRequest({ sessionid: 'r' }, { current: true }, 7, limits);
  assert.deepEqual(kept.ok && kept.value.extra, { current: true });
  assert.deepEqual(kept.ok && kept.value.session, {});
  for (const bad of [null, 'r', [], { sessionid: '' }, { sessionid: '__proto__' }]) {
    assert.equal(readRoomRequest(bad, {}, 7, limits).ok, false, JSON.stringify(bad));
  }
  const big = readRoomRequest({ sessionid: 'r', extra: 'x'.repeat(2000) }, {}, 7, limits);
  assert.equal(!big.ok && big.reason, 'too-large');
});

test('readEnvelope: {remoteUserId, message, sender} with an object or string message within the size', () => {
  assert.deepEqual(readEnvelope({ remoteUserId: 'b', sender: 'a', message: { sdp: 'x' }, extra: 'dropped' }, limits), {
    ok: true,
    value: { remoteUserId: 'b', sender: 'a', message: { sdp: 'x' } },
  });
  assert.equal(readEnvelope({ remoteUserId: 'b', sender: 'a', message: 'text' }, limits).ok, true);
  for (const bad of [
    null,
    'envelope',
    { remoteUserId: 'b', sender: 'a' },
    { remoteUserId: 'b', sender: 'a', message: 5 },
    { remoteUserId: 'b', sender: 'a', message: ['x'] },
    { remoteUserId: '', sender: 'a', message: {} },
    { remoteUserId: 'b', sender: 'a', message: Buffer.from('x') },
  ]) {
    const read = readEnvelope(bad, limits);
    assert.equal(!read.ok && read.reason, 'invalid-payload', JSON.stringify(bad));
  }
  const big = readEnvelope({ remoteUserId: 'b', sender: 'a', message: { sdp: 'x'.repeat(3000) } }, limits);
  assert.equal(!big.ok && big.reason, 'too-large');
});

test('readCustomMessage and readText', () => {
  assert.deepEqual(readCustomMessage(undefined, limits), { ok: true, value: null });
  assert.deepEqual(readCustomMessage({ text: 'hi' }, limits), { ok: true, value: { text: 'hi' } });
  assert.equal(readCustomMessage(Buffer.from('x'), limits).ok, false);
  assert.equal(readText('pw'), 'pw');
  assert.equal(readText(42), '42');
  assert.equal(readText(NaN), '');
  assert.equal(readText({ toString: () => 'pw' }), '');
  assert.equal(readText('x'.repeat(5000)).length, 1024);
});
