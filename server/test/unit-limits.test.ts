/** The rate limits, on a clock that moves only when the test says so. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SocketLimits } from '../src/clients/socket-limits.js';
import { TokenBucket } from '../src/clients/token-bucket.js';
import { DEFAULT_LIMITS, type Limits } from '../src/settings.js';

/** A fake clock in milliseconds. */
function clock(start = 1000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function takes(bucket: { take(cost?: number): boolean }, count: number, cost = 1): number {
  let taken = 0;
  for (let index = 0; index < count; index++) if (bucket.take(cost)) taken++;
  return taken;
}

test('TokenBucket lets a burst through at once, then refuses until time refills it', () => {
  const time = clock();
  const bucket = new TokenBucket(10, 5, time.now);
  assert.equal(takes(bucket, 8), 5);
  time.advance(100); // 10 a second: one token
  assert.equal(takes(bucket, 3), 1);
  time.advance(250); // two and a half tokens
  assert.equal(takes(bucket, 3), 2);
  time.advance(50); // the half left and another half
  assert.equal(takes(bucket, 1), 1);
});

test('TokenBucket never holds more than its burst, however long it waited', () => {
  const time = clock();
  const bucket = new TokenBucket(100, 3, time.now);
  time.advance(60_000);
  assert.equal(takes(bucket, 10), 3);
});

test('TokenBucket charges a cost; a take that does not fit costs nothing', () => {
  const time = clock();
  const bucket = new TokenBucket(1000, 1000, time.now);
  assert.equal(bucket.take(600), true);
  assert.equal(bucket.take(600), false);
  assert.equal(bucket.take(400), true);
  assert.equal(bucket.take(1), false);
  time.advance(1);
  assert.equal(bucket.take(1), true);
});

function limits(overrides: Partial<Limits>): Limits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

test('SocketLimits admits events within the message rate and its burst', () => {
  const time = clock();
  const socket = new SocketLimits(limits({ messagesPerSecond: 10, burstMessages: 20 }), time.now);
  assert.equal(takes({ take: () => socket.admitEvent() }, 30), 20);
  time.advance(500);
  assert.equal(takes({ take: () => socket.admitEvent() }, 30), 5);
});

test('SocketLimits charges the bytes of the frames received before an event to that event', () => {
  const time = clock();
  const socket = new SocketLimits(limits({ bytesPerSecond: 1000, burstBytes: 3000 }), time.now);
  socket.received(2000);
  assert.equal(socket.admitEvent(), true);
  socket.received(600);
  socket.received(600); // a frame and its binary attachment: one event
  assert.equal(socket.admitEvent(), false);
  time.advance(1000);
  socket.received(1500);
  assert.equal(socket.admitEvent(), true, 'the refused bytes were not charged');
  assert.equal(socket.admitEvent(), true, 'bytes are charged once');
});

test('SocketLimits: a socket dropped floodDisconnectAfter times within 10 s is flooding', () => {
  const time = clock();
  const socket = new SocketLimits(
    limits({ messagesPerSecond: 1, burstMessages: 1, floodDisconnectAfter: 5 }),
    time.now,
  );
  assert.equal(socket.admitEvent(), true);
  for (let drop = 0; drop < 4; drop++) assert.equal(socket.admitEvent(), false);
  assert.equal(socket.flooding, false);
  assert.equal(socket.admitEvent(), false);
  assert.equal(socket.flooding, true);
});

test('SocketLimits: drops spread over more than 10 s never add up to flooding', () => {
  const time = clock();
  const socket = new SocketLimits(
    limits({ messagesPerSecond: 0, burstMessages: 0, floodDisconnectAfter: 5 }),
    time.now,
  );
  for (let round = 0; round < 10; round++) {
    for (let drop = 0; drop < 3; drop++) assert.equal(socket.admitEvent(), false);
    time.advance(10_001);
  }
  assert.equal(socket.flooding, false);
});

test('SocketLimits: join requests per 10 s and password attempts per minute', () => {
  const time = clock();
  const socket = new SocketLimits(limits({ joinRequestsPer10s: 4, passwordAttemptsPerMinute: 3 }), time.now);
  assert.equal(takes({ take: () => socket.admitJoinRequest() }, 10), 4);
  time.advance(2500); // 0.4 a second: one more
  assert.equal(takes({ take: () => socket.admitJoinRequest() }, 10), 1);
  assert.equal(takes({ take: () => socket.admitPasswordAttempt() }, 10), 3);
  time.advance(20_000); // 3 a minute: one more
  assert.equal(takes({ take: () => socket.admitPasswordAttempt() }, 10), 1);
});
