/** AwayTimer: away after a while without input, back at once on input or when shown again; one lazy timer. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwayTimer } from '../../src/elements/room/away.js';
import { ManualClock } from '../support/manual-clock.js';

const AFTER = 60_000;

function setup() {
  const clock = new ManualClock(0);
  const changes: boolean[] = [];
  const timer = new AwayTimer(AFTER, (away) => changes.push(away), clock);
  return { clock, changes, timer };
}

describe('AwayTimer', () => {
  it('goes away exactly when the time without input runs out, once', () => {
    const { clock, changes, timer } = setup();
    timer.start();
    clock.advance(AFTER - 1);
    assert.deepEqual(changes, []);
    clock.advance(1);
    assert.deepEqual(changes, [true]);
    assert.equal(timer.away, true);
    clock.advance(10 * AFTER);
    assert.deepEqual(changes, [true], 'away is said once');
    assert.equal(clock.pending, 0, 'no timer runs while away');
  });

  it('counts from the last input, however many there were, with one timer at a time', () => {
    const { clock, changes, timer } = setup();
    timer.start();
    for (let step = 0; step < 100; step += 1) {
      clock.advance(500);
      timer.activity();
    }
    assert.equal(clock.delays.length, 1, 'input moves a time stamp, not a timer');
    assert.equal(clock.pending, 1);
    clock.advance(AFTER - 1);
    assert.deepEqual(changes, []);
    clock.advance(1);
    assert.deepEqual(changes, [true]);
    assert.deepEqual(clock.delays, [AFTER, 50_000], 'the one timer was moved on by what remained');
  });

  it('comes back at once on input (or the page shown again), and can go away again', () => {
    const { clock, changes, timer } = setup();
    timer.start();
    clock.advance(AFTER);
    clock.advance(5000);
    timer.activity();
    assert.deepEqual(changes, [true, false]);
    assert.equal(timer.away, false);
    clock.advance(AFTER);
    assert.deepEqual(changes, [true, false, true]);
  });

  it('says nothing for input while present', () => {
    const { changes, timer } = setup();
    timer.start();
    timer.activity();
    timer.activity();
    assert.deepEqual(changes, []);
  });

  it('stops: no timer left, input ignored, the state kept', () => {
    const { clock, changes, timer } = setup();
    timer.start();
    clock.advance(AFTER);
    timer.stop();
    timer.activity();
    clock.advance(10 * AFTER);
    assert.deepEqual(changes, [true]);
    assert.equal(clock.pending, 0);
    assert.equal(timer.away, true);
  });

  it('waits out a delay longer than setTimeout can hold (30 days) in steps, not in a tight loop', () => {
    const clock = new ManualClock(0);
    const changes: boolean[] = [];
    const month = 30 * 24 * 3600 * 1000;
    const timer = new AwayTimer(month, (away) => changes.push(away), clock);
    timer.start();
    assert.ok(
      clock.delays.every((delay) => delay <= 2 ** 31 - 1),
      'no delay setTimeout would fire at once',
    );
    clock.advance(month - 1);
    assert.deepEqual(changes, []);
    assert.ok(clock.delays.length <= 3, `${clock.delays.length} timers over the month`);
    clock.advance(1);
    assert.deepEqual(changes, [true]);
  });
});
