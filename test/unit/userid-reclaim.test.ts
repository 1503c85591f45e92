/** The userid-reclaim policy: when a refusal of our userid is worth waiting out, and for how long. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECENT_OWN_DISCONNECT_MS, UseridReclaim } from '../../src/core/session/userid-reclaim.js';

function setup(timeout = 60_000) {
  let now = 1_000_000;
  const reclaim = new UseridReclaim(
    () => timeout,
    () => now,
  );
  return { reclaim, advance: (ms: number) => (now += ms) };
}

describe('UseridReclaim', () => {
  it('does not wait out a clash nothing suggests is ours', () => {
    const { reclaim } = setup();
    assert.equal(reclaim.shouldRetry(false), false);
  });

  it('blames a clash on our own socket only shortly after we closed one', () => {
    const { reclaim, advance } = setup();
    reclaim.ownSocketClosed();
    advance(RECENT_OWN_DISCONNECT_MS - 1);
    assert.equal(reclaim.shouldRetry(false), true);
    const late = setup();
    late.reclaim.ownSocketClosed();
    late.advance(RECENT_OWN_DISCONNECT_MS);
    assert.equal(late.reclaim.shouldRetry(false), false);
  });

  it('retries until the deadline set by the first retry, then gives up and starts afresh', () => {
    const { reclaim, advance } = setup(10_000);
    assert.equal(reclaim.shouldRetry(true), true);
    advance(9_999);
    assert.equal(reclaim.shouldRetry(false), true, 'within the deadline, whatever we know now');
    advance(1);
    assert.equal(reclaim.shouldRetry(false), false);
    assert.equal(reclaim.shouldRetry(true), true, 'a new clash starts a new deadline');
  });

  it('backs off from 250 ms, doubling up to 4 s, and starts over after a reset', () => {
    const { reclaim } = setup();
    assert.equal(reclaim.shouldRetry(true), true);
    const delays = Array.from({ length: 7 }, () => reclaim.nextDelay());
    assert.deepEqual(delays, [250, 500, 1000, 2000, 4000, 4000, 4000]);
    reclaim.reset();
    assert.equal(reclaim.nextDelay(), 250);
  });
});
