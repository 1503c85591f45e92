/** The pure protocol layer: validators, sanitisers and builders, without any server. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import {
  changedKeys,
  checkOwnExtra,
  isPlainObject,
  handshakeExtraJson,
  jsonEquals,
  mergeExtraPatch,
  sanitizeIncomingExtra,
} from '../../src/protocol/extra.js';
import { idProblem, randomToken } from '../../src/protocol/ids.js';
import {
  buildHandshakeQuery,
  buildJoinRequest,
  buildRoomRequest,
  classifyMessage,
  parseEnvelope,
  parseRoomPresence,
} from '../../src/protocol/messages.js';

describe('own extra', () => {
  it('takes plain objects from another window (an iframe’s realm), and no class instance from anywhere', () => {
    const fromFrame = runInNewContext('({ fullName: "Ada", tags: ["a"] })') as unknown;
    assert.equal(isPlainObject(fromFrame), true);
    assert.ok(checkOwnExtra(fromFrame, 4096).ok);
    assert.equal(isPlainObject(runInNewContext('Object.create(null)')), true);
    for (const instance of [runInNewContext('new (class Person {})()'), new (class Person {})(), new Map(), []])
      assert.equal(isPlainObject(instance), false);
    assert.equal(isPlainObject(runInNewContext('new Map()')), false);
  });

  it('returns the JSON copy peers will see and its size in UTF-8 bytes', () => {
    const check = checkOwnExtra({ name: 'Zoë', at: new Date(0), skip: undefined }, 4096);
    assert.ok(check.ok);
    assert.deepEqual(check.extra, { name: 'Zoë', at: '1970-01-01T00:00:00.000Z' });
    assert.equal(check.bytes, Buffer.byteLength(check.json));
  });

  it('counts bytes, not characters, against the limit', () => {
    assert.equal(checkOwnExtra({ s: 'é'.repeat(10) }, 25).ok, false, '28 bytes');
    assert.ok(checkOwnExtra({ s: 'e'.repeat(10) }, 25).ok, '18 bytes');
  });

  it('refuses non-objects, cycles, BigInt, forbidden keys and excessive depth', () => {
    const problem = (value: unknown) => {
      const check = checkOwnExtra(value, 100000);
      return check.ok ? 'ok' : check.problem;
    };
    const cycle: Record<string, unknown> = {};
    cycle['me'] = cycle;
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    assert.equal(problem(null), 'extra-not-object');
    assert.equal(problem('text'), 'extra-not-object');
    assert.equal(problem([1]), 'extra-not-object');
    assert.equal(problem(new Date()), 'extra-not-object');
    assert.equal(problem(cycle), 'extra-not-serializable');
    assert.equal(problem({ n: 1n }), 'extra-not-serializable');
    assert.equal(problem(JSON.parse('{"a": {"__proto__": 1}}')), 'extra-forbidden-key');
    assert.equal(problem({ deep }), 'extra-too-deep');
    assert.equal(problem(Object.create(null)), 'ok');
  });
});

describe('incoming extra', () => {
  it('strips the server-injected _room and forbidden keys, and never shares prototypes', () => {
    const result = sanitizeIncomingExtra(
      JSON.parse('{"name":"A","_room":{"isFull":false},"__proto__":{"x":1},"nested":{"constructor":1,"ok":true}}'),
    );
    assert.ok(result.ok);
    assert.deepEqual(result.extra, { name: 'A', nested: { ok: true } });
    assert.equal(Object.getPrototypeOf(result.extra), Object.prototype);
  });

  it('treats null and undefined as no information, and wraps non-objects as stock check-presence does', () => {
    assert.deepEqual(sanitizeIncomingExtra(null), { ok: true, extra: undefined });
    assert.deepEqual(sanitizeIncomingExtra(undefined), { ok: true, extra: undefined });
    assert.deepEqual(sanitizeIncomingExtra('hi'), { ok: true, extra: { value: 'hi' } });
    assert.deepEqual(sanitizeIncomingExtra([1, 'a']), { ok: true, extra: { value: [1, 'a'] } });
    assert.deepEqual(sanitizeIncomingExtra({ n: Number.NaN }), { ok: true, extra: { n: null } });
  });

  it('refuses binary, functions, class instances, over-deep and oversize values without throwing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10000; i++) deep = { deep };
    for (const value of [
      { b: new Uint8Array(2) },
      { f: () => 1 },
      { d: new Date() },
      deep,
      { s: 'x'.repeat(70000) },
      { a: Array.from({ length: 70000 }, () => 0) },
    ]) {
      assert.equal(sanitizeIncomingExtra(value).ok, false);
    }
    assert.equal(sanitizeIncomingExtra({ s: 'x'.repeat(100) }, 50).ok, false);
  });
});

describe('comparisons and patches', () => {
  it('compares JSON deeply regardless of key order', () => {
    assert.ok(jsonEquals({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] }));
    assert.ok(!jsonEquals({ a: [1, 2] }, { a: [2, 1] }));
    assert.ok(!jsonEquals({ a: 1 }, { a: 1, b: 2 }));
    assert.ok(!jsonEquals([], {}));
    assert.ok(!jsonEquals({ a: null }, {}));
  });

  it('lists added, removed and changed top-level keys', () => {
    assert.deepEqual(changedKeys({ a: 1, b: { c: 1 }, d: 1 }, { a: 1, b: { c: 2 }, e: 1 }).sort(), ['b', 'd', 'e']);
  });

  it('merges patches, deleting undefined keys, without touching the base', () => {
    const base = { a: 1, b: 2 };
    assert.deepEqual(mergeExtraPatch(base, { b: undefined, c: 3 }), { a: 1, c: 3 });
    assert.deepEqual(base, { a: 1, b: 2 });
    const merged = mergeExtraPatch({}, JSON.parse('{"__proto__": {"polluted": 1}}'));
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.getPrototypeOf(merged), Object.prototype);
    assert.ok(Object.hasOwn(merged, '__proto__'), 'kept as an own key, for validation to refuse');
  });
});

describe('ids', () => {
  it('refuses ids that would resolve to built-ins in the server tables', () => {
    assert.equal(idProblem('room-1', 'room id'), undefined);
    assert.equal(idProblem('a/b?c#d&e%', 'room id'), undefined, 'odd characters are fine: they travel as JSON');
    for (const bad of ['', '__proto__', 'toString', 'x'.repeat(257), 7, null]) assert.ok(idProblem(bad, 'userid'));
  });

  it('makes stock-shaped random tokens', () => {
    const token = randomToken();
    assert.match(token, /^[0-9a-z]{3,21}$/);
    assert.notEqual(token, randomToken());
  });
});

describe('messages', () => {
  it('builds the stock open/join payload: never null, extra always an object, password as a string', () => {
    const request = buildRoomRequest({ roomid: 'r', session: { data: true }, extra: { a: 1 }, password: null });
    assert.equal(request.sessionid, 'r');
    assert.deepEqual(request.extra, { a: 1 });
    assert.equal(request.password, '');
    assert.equal('identifier' in request, false);
    assert.equal(
      buildRoomRequest({ roomid: 'r', session: {}, extra: {}, password: 'p', identifier: 'pub' }).identifier,
      'pub',
    );
  });

  it('builds the stock join request, plus what our joiners add', () => {
    assert.deepEqual(buildJoinRequest({ data: true }), {
      newParticipationRequest: true,
      isOneWay: false,
      isDataOnly: true,
      localPeerSdpConstraints: { OfferToReceiveAudio: true, OfferToReceiveVideo: true },
      remotePeerSdpConstraints: { OfferToReceiveAudio: true, OfferToReceiveVideo: true },
      rtcElementsJoin: { extraFollows: true, presenceOnly: false },
    });
    assert.deepEqual(buildJoinRequest({ audio: true, oneway: true }).localPeerSdpConstraints, {
      OfferToReceiveAudio: true,
      OfferToReceiveVideo: false,
    });
    // Presence only: stock members answer a request that is neither data-only nor one-way with the media
    // handshake (`enableMedia`), which creates no peer connection on their side.
    const presence = buildJoinRequest({});
    assert.deepEqual(
      [presence.isDataOnly, presence.isOneWay, presence.rtcElementsJoin.presenceOnly],
      [false, false, true],
    );
  });

  it('builds the handshake query as separate values, in stock order', () => {
    const query = buildHandshakeQuery({
      userid: 'u',
      roomid: 'r',
      socketMessageEvent: 'm',
      socketCustomEvent: 'c',
      autoCloseEntireSession: false,
      maxParticipantsAllowed: 1000,
      extraJson: '{"a":"&#%"}',
    });
    assert.deepEqual(Object.keys(query), [
      'userid',
      'sessionid',
      'msgEvent',
      'socketCustomEvent',
      'autoCloseEntireSession',
      'maxParticipantsAllowed',
      'extra',
    ]);
    assert.equal(query['extra'], '{"a":"&#%"}');
    assert.equal(
      handshakeExtraJson(JSON.stringify({ s: '"'.repeat(3000) })),
      '{}',
      'an extra that would overflow the URL waits for open/join',
    );
  });

  it('parses envelopes defensively and classifies room signals', () => {
    assert.equal(parseEnvelope(null), undefined);
    assert.equal(parseEnvelope({ remoteUserId: 'a', sender: 'b' }), undefined);
    assert.equal(parseEnvelope({ remoteUserId: 'a', sender: '__proto__', message: {} }), undefined);
    assert.deepEqual(parseEnvelope({ remoteUserId: 'a', sender: 'b', message: 'dropPeerConnection', extra: 1 }), {
      remoteUserId: 'a',
      sender: 'b',
      message: 'dropPeerConnection',
      extra: 1,
    });
    assert.deepEqual(classifyMessage({ newParticipationRequest: true }), { kind: 'join-request', traits: {} });
    assert.deepEqual(classifyMessage({ ...buildJoinRequest({}) }), {
      kind: 'join-request',
      traits: { extraFollows: true, presenceOnly: true },
    });
    assert.deepEqual(
      classifyMessage({ newParticipationRequest: true, rtcElementsJoin: { extraFollows: 'yes', presenceOnly: 1 } }),
      { kind: 'join-request', traits: {} },
    );
    assert.deepEqual(classifyMessage({ userLeft: true }), { kind: 'user-left' });
    assert.deepEqual(classifyMessage({ rtcElementsPresence: { roomid: 'r' } }), { kind: 'presence', roomid: 'r' });
    assert.deepEqual(classifyMessage({ rtcElementsPresence: 'r' }), { kind: 'other' });
    assert.deepEqual(classifyMessage({ type: 'offer', sdp: '' }), { kind: 'other' });
  });

  it('reads check-presence answers, whose password flag is a length or absent', () => {
    assert.equal(
      parseRoomPresence('r', true, { _room: { isFull: true, isPasswordProtected: 6 } }).isPasswordProtected,
      true,
    );
    assert.equal(parseRoomPresence('r', true, { _room: { isFull: true } }).isFull, true);
    assert.deepEqual(parseRoomPresence('r', 'yes', 'junk'), {
      exists: false,
      roomid: 'r',
      isFull: false,
      isPasswordProtected: false,
      extra: {},
    });
  });
});
