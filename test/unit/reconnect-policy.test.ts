/** The reconnect policy: exponential delays with jitter that start over only after a stable connection. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReconnectPolicy } from '../../src/core/session/reconnect-policy.js';

function setup(random = 1) {
  let now = 0;
  const policy = new ReconnectPolicy(
    () => ({ baseDelay: 500, maxDelay: 4000, stableAfter: 10000 }),
    () => now,
    () => random,
  );
  return { policy, advance: (ms: number) => (now += ms) };
}

describe('ReconnectPolicy', () => {
  it('doubles the delay with every attempt up to the cap', () => {
    const { policy } = setup();
    assert.deepEqual(
      Array.from({ length: 6 }, () => policy.nextDelay()),
      [500, 1000, 2000, 4000, 4000, 4000],
    );
    assert.equal(policy.attempt, 6);
  });

  it('jitters between half and all of each step', () => {
    assert.deepEqual([setup(0).policy.nextDelay(), setup(0.5).policy.nextDelay()], [250, 375]);
  });

  it('keeps growing across connections that do not last, and starts over after one that does', () => {
    const { policy, advance } = setup();
    policy.nextDelay();
    policy.connected();
    advance(200); // a server that drops us again after 200 ms
    assert.equal(policy.nextDelay(), 1000);
    policy.connected();
    advance(9999);
    assert.equal(policy.nextDelay(), 2000);
    policy.connected();
    advance(10000);
    assert.equal(policy.nextDelay(), 500);
  });

  it('under a 200 ms disconnect storm makes at most 5 attempts in 5 s, whatever the jitter', () => {
    for (const random of [0, 0.5, 1]) {
      const { policy, advance } = setup(random);
      let elapsed = 0;
      let attempts = 0;
      for (;;) {
        const delay = policy.nextDelay();
        if (elapsed + delay > 5000) break;
        elapsed += delay + 200;
        advance(delay);
        policy.connected();
        advance(200);
        attempts++;
      }
      assert.ok(attempts <= 5, `${attempts} attempts with random ${random}`);
    }
  });

  it('reset starts over at once', () => {
    const { policy } = setup();
    policy.nextDelay();
    policy.nextDelay();
    policy.reset();
    assert.equal(policy.nextDelay(), 500);
  });
});
