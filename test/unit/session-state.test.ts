/** The room session's state machine, its per-attempt abort signals, and the abortable pause. */
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { RtcError } from '../../src/core/errors.js';
import type { ConnectionState } from '../../src/core/events.js';
import { pause, SessionState } from '../../src/core/session/session-state.js';
import { useMockTimers } from './support.js';

function setup() {
  const changes: string[] = [];
  const state = new SessionState((next, previous) => changes.push(`${previous}→${next}`));
  return { state, changes };
}

describe('SessionState', () => {
  it('goes through a whole life: join, drop, rejoin, leave, and again', () => {
    const { state, changes } = setup();
    state.begin();
    for (const next of ['joined', 'reconnecting', 'joined', 'closed'] as const) state.to(next);
    state.begin();
    state.to('idle');
    assert.deepEqual(changes, [
      'idle→connecting',
      'connecting→joined',
      'joined→reconnecting',
      'reconnecting→joined',
      'joined→closed',
      'closed→connecting',
      'connecting→idle',
    ]);
  });

  it('refuses impossible moves as a bug of ours, and ignores a move to the same state', () => {
    const impossible: Array<[ConnectionState, ConnectionState]> = [
      ['idle', 'joined'],
      ['idle', 'reconnecting'],
      ['connecting', 'reconnecting'],
      ['closed', 'joined'],
    ];
    for (const [from, to] of impossible) {
      const { state, changes } = setup();
      if (from !== 'idle') state.begin();
      if (from === 'closed') state.to('closed');
      const before = changes.length;
      assert.throws(
        () => state.to(to),
        (error: unknown) => error instanceof RtcError && error.code === 'internal',
      );
      assert.equal(state.current, from);
      state.to(from);
      assert.equal(changes.length, before);
    }
  });

  it('gives each attempt its own signal, aborted when the attempt ends or the next begins', () => {
    const { state } = setup();
    assert.equal(state.signal.aborted, true, 'no attempt yet');
    const first = state.begin();
    assert.equal(first.aborted, false);
    state.to('joined');
    const reason = new RtcError('left', 'bye');
    state.end(reason);
    assert.equal(first.aborted, true);
    assert.equal(first.reason, reason);
    state.to('closed');
    const second = state.begin();
    assert.notEqual(second, first);
    assert.equal(second.aborted, false);
    state.to('idle');
    const third = state.begin();
    assert.equal(second.aborted, true, 'beginning again aborts what the previous attempt left running');
    assert.equal(third.aborted, false);
  });
});

describe('pause', () => {
  useMockTimers();

  it('resolves after its time, or at once when the signal aborts', async () => {
    const resolved: string[] = [];
    const attempt = new AbortController();
    void pause(250, attempt.signal).then(() => resolved.push('timed'));
    const aborted = new AbortController();
    void pause(10_000, aborted.signal).then(() => resolved.push('aborted'));
    mock.timers.tick(249);
    await Promise.resolve();
    assert.deepEqual(resolved, []);
    aborted.abort();
    mock.timers.tick(1);
    await Promise.resolve();
    await Promise.resolve();
    assert.deepEqual(resolved.sort(), ['aborted', 'timed']);
    const late = new AbortController();
    late.abort();
    await pause(10_000, late.signal);
  });
});
