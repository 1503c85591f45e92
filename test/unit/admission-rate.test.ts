/** AdmissionRate: new participants admitted at a rate, with a one-second burst. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdmissionRate } from '../../src/core/participants/admission-rate.js';

describe('AdmissionRate', () => {
  it('admits a second’s worth at once, then one every 1/rate seconds', () => {
    const rate = new AdmissionRate(() => 10);
    const delays = Array.from({ length: 13 }, () => rate.delay(0));
    assert.deepEqual(delays.slice(0, 10), Array(10).fill(0));
    assert.deepEqual(
      delays.slice(10).map((delay) => Math.round(delay)),
      [100, 200, 300],
    );
  });

  it('an even pace within the rate never waits', () => {
    const rate = new AdmissionRate(() => 10);
    for (let t = 0; t < 5000; t += 100) assert.equal(rate.delay(t), 0, `at ${t} ms`);
  });

  it('a flood of 500 at a rate of 50 takes about 9 s to admit, not 500 at once', () => {
    const rate = new AdmissionRate(() => 50);
    const last = Array.from({ length: 500 }, () => rate.delay(0)).at(-1)!;
    assert.equal(Math.round(last), 9000);
  });
});
