/** Coalescer: leading-and-trailing runs on mocked timers. */
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { Coalescer } from '../../src/core/extra/coalescer.js';
import { useMockTimers } from './support.js';

/** A coalescer whose runs are recorded as `state S at T` (the state when it ran, and the mocked time). */
function setup(initialInterval = 100) {
  let interval = initialInterval;
  let intervalReads = 0;
  let state = 0;
  const runs: string[] = [];
  const times: number[] = [];
  const coalescer = new Coalescer(
    () => {
      intervalReads += 1;
      return interval;
    },
    () => {
      runs.push(`state ${state} at ${Date.now()}`);
      times.push(Date.now());
    },
  );
  return {
    coalescer,
    runs,
    times,
    /** Changes the state, then asks for a run, as a caller of the coalescer would. */
    set: (value: number) => {
      state = value;
      coalescer.request();
    },
    changeInterval: (ms: number) => (interval = ms),
    intervalReads: () => intervalReads,
  };
}

describe('Coalescer', () => {
  useMockTimers();

  it('runs the first request at once, synchronously', () => {
    const { runs, set } = setup();
    set(1);
    assert.deepEqual(runs, ['state 1 at 0']);
  });

  it('collapses requests inside the window into one run at its end (99 ms vs 100 ms), with the last state', () => {
    const { runs, set } = setup();
    set(1);
    // Requests at 10, 50 and 50 ms again, all inside the first window.
    for (const [wait, value] of [
      [10, 2],
      [40, 3],
      [0, 4],
    ] as const) {
      mock.timers.tick(wait);
      set(value);
    }
    mock.timers.tick(49);
    assert.deepEqual(runs, ['state 1 at 0']);
    mock.timers.tick(1);
    assert.deepEqual(runs, ['state 1 at 0', 'state 4 at 100']);
  });

  it('does not run at the window end when nothing was requested, and then runs the next request at once', () => {
    const { runs, set } = setup();
    set(1);
    mock.timers.tick(100);
    assert.deepEqual(runs, ['state 1 at 0']);
    set(2);
    assert.deepEqual(runs, ['state 1 at 0', 'state 2 at 100']);
  });

  it('opens a new window after a trailing run, so a request right after it waits for that window', () => {
    const { runs, set } = setup();
    set(1);
    mock.timers.tick(50);
    set(2);
    mock.timers.tick(50);
    set(3);
    mock.timers.tick(99);
    assert.deepEqual(runs, ['state 1 at 0', 'state 2 at 100']);
    mock.timers.tick(1);
    assert.deepEqual(runs, ['state 1 at 0', 'state 2 at 100', 'state 3 at 200']);
    mock.timers.tick(100);
    set(4);
    assert.equal(runs.at(-1), 'state 4 at 300', 'the window after the last trailing run closed empty');
  });

  it('runs at most once per window under a steady stream of requests, and always runs the last state', () => {
    const { runs, times, set } = setup();
    for (let value = 1; value <= 100; value += 1) {
      set(value);
      mock.timers.tick(10);
    }
    mock.timers.tick(1000);
    assert.deepEqual(times, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    assert.equal(runs.at(-1), 'state 100 at 1000');
  });

  it('cancel() drops the pending run and closes the window, so the next request runs at once', () => {
    const { coalescer, runs, set } = setup();
    set(1);
    mock.timers.tick(10);
    set(2);
    coalescer.cancel();
    mock.timers.tick(1000);
    assert.deepEqual(runs, ['state 1 at 0']);
    set(3);
    mock.timers.tick(1000);
    assert.deepEqual(
      runs,
      ['state 1 at 0', 'state 3 at 1010'],
      'the dropped request does not come back as a trailing run of the next window',
    );
  });

  it('cancel() inside a window without pending runs lets a request in that window run at once', () => {
    const { coalescer, runs, set } = setup();
    set(1);
    mock.timers.tick(10);
    coalescer.cancel();
    set(2);
    assert.deepEqual(runs, ['state 1 at 0', 'state 2 at 10']);
  });

  it('cancel() before any request, or twice, is harmless', () => {
    const { coalescer, runs, set } = setup();
    coalescer.cancel();
    coalescer.cancel();
    set(1);
    assert.deepEqual(runs, ['state 1 at 0']);
  });

  it('reads the interval once per window it opens, never per request', () => {
    const { runs, set, changeInterval, intervalReads } = setup(100);
    set(1);
    assert.equal(intervalReads(), 1);
    changeInterval(30);
    set(2);
    set(3);
    assert.equal(intervalReads(), 1);
    mock.timers.tick(99);
    assert.equal(runs.length, 1, 'the open window keeps the interval read when it opened');
    mock.timers.tick(1);
    assert.equal(runs.at(-1), 'state 3 at 100');
    assert.equal(intervalReads(), 2);
    set(4);
    mock.timers.tick(29);
    assert.equal(runs.length, 2);
    mock.timers.tick(1);
    assert.equal(runs.at(-1), 'state 4 at 130', 'the next window used the new interval');
    assert.equal(intervalReads(), 3);
  });

  it('with an interval of 0 still runs a burst as one leading and one trailing run', () => {
    const { runs, set } = setup(0);
    set(1);
    set(2);
    set(3);
    assert.deepEqual(runs, ['state 1 at 0']);
    mock.timers.tick(0);
    assert.deepEqual(runs, ['state 1 at 0', 'state 3 at 0']);
  });
});

describe('Coalescer re-entered from its own run', () => {
  useMockTimers();

  it('a run that requests again is coalesced into the next window, not run inside itself', () => {
    const times: number[] = [];
    let again = 3;
    const coalescer: Coalescer = new Coalescer(
      () => 100,
      () => {
        times.push(Date.now());
        if (again-- > 0) coalescer.request();
      },
    );
    coalescer.request();
    assert.deepEqual(times, [0]);
    mock.timers.tick(100);
    mock.timers.tick(100);
    mock.timers.tick(100);
    mock.timers.tick(100);
    assert.deepEqual(times, [0, 100, 200, 300]);
  });
});
