/** LocalExtra: our own extra, validated, committed, and sent coalesced. */
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { LocalExtra } from '../../src/core/extra/local-extra.js';
import type { Extra } from '../../src/protocol/extra.js';
import { useMockTimers } from './support.js';

function setup() {
  const sent: Extra[] = [];
  let online = true;
  const local = new LocalExtra(
    () => 4096,
    () => 100,
    { send: (extra) => online && sent.push(extra) > 0 },
  );
  /** Checks and commits a candidate, as the connection does before publishing. */
  const accept = (candidate: unknown) => {
    const check = local.check(candidate);
    assert.ok(check.ok, 'the candidate is valid');
    local.commit(check.extra, check.json);
  };
  return { local, sent, accept, setOnline: (value: boolean) => (online = value) };
}

/** Whether a promise settled by now (after pending microtasks ran). */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await Promise.resolve();
  await Promise.resolve();
  return settled;
}

describe('LocalExtra', () => {
  useMockTimers();

  it('refuses what is not an object, too large or not JSON, and keeps the last good extra', () => {
    const { local, accept } = setup();
    accept({ fullName: 'Ada' });
    assert.equal(local.check('a string').ok, false);
    assert.equal(local.check({ big: 'x'.repeat(5000) }).ok, false);
    assert.equal(local.check({ n: 1n }).ok, false);
    assert.deepEqual(local.value, { fullName: 'Ada' });
    assert.equal(local.json, '{"fullName":"Ada"}');
  });

  it('tells equal extra apart from a change, whatever the key order', () => {
    const { local, accept } = setup();
    assert.equal(local.everCommitted, false);
    accept({ a: 1, b: 2 });
    assert.equal(local.everCommitted, true);
    assert.equal(local.equals({ b: 2, a: 1 }), true);
    assert.equal(local.equals({ a: 1, b: 3 }), false);
  });

  it('sends the first edit at once, the rest of a burst once at the window’s end, with the last value', async () => {
    const { local, sent, accept } = setup();
    accept({ n: 1 });
    const first = local.publish();
    assert.deepEqual(sent, [{ n: 1 }]);
    assert.equal(await isSettled(first), true);
    const later: Array<Promise<void>> = [];
    for (let n = 2; n <= 50; n++) {
      accept({ n });
      later.push(local.publish());
    }
    assert.equal(sent.length, 1);
    assert.equal(await isSettled(Promise.all(later)), false, 'not sent yet, not resolved yet');
    mock.timers.tick(99);
    assert.equal(sent.length, 1);
    mock.timers.tick(1);
    assert.deepEqual(sent, [{ n: 1 }, { n: 50 }]);
    assert.equal(await isSettled(Promise.all(later)), true);
  });

  it('keeps an edit made offline and sends it when the room is back', async () => {
    const { local, sent, accept, setOnline } = setup();
    setOnline(false);
    accept({ status: 'offline edit' });
    const published = local.publish();
    mock.timers.tick(1000);
    assert.equal(sent.length, 0);
    assert.equal(await isSettled(published), false);
    assert.equal(local.unsent, true);
    setOnline(true);
    local.sendNow();
    assert.deepEqual(sent, [{ status: 'offline edit' }]);
    assert.equal(local.unsent, false);
    assert.equal(await isSettled(published), true);
  });

  it('knows when a room request carried the extra, and when an edit came after it', () => {
    const { local, accept } = setup();
    accept({ n: 1 });
    assert.equal(local.unsent, true);
    local.carried();
    assert.equal(local.unsent, false);
    accept({ n: 2 });
    assert.equal(local.unsent, true);
  });

  it('cancel drops the pending send and releases everyone waiting for it', async () => {
    const { local, sent, accept } = setup();
    accept({ n: 1 });
    void local.publish();
    accept({ n: 2 });
    const pending = local.publish();
    local.cancel();
    assert.equal(await isSettled(pending), true);
    mock.timers.tick(500);
    assert.deepEqual(sent, [{ n: 1 }]);
  });
});
