/** "Changed when": the per-key record a change leaves, and the latest change among chosen keys. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lastExtraChange, recordExtraChange } from '../../src/core/participants/extra-changes.js';

describe('recordExtraChange', () => {
  it('starts a record from nothing with the changed keys at the given time', () => {
    assert.deepEqual(recordExtraChange(undefined, ['name'], { name: 'Ada' }, 7), { name: 7 });
  });

  it('returns a new frozen record and leaves the previous one as it was', () => {
    const first = recordExtraChange(undefined, ['a'], { a: 1, b: 1 }, 1);
    const second = recordExtraChange(first, ['b'], { a: 1, b: 2 }, 2);
    assert.deepEqual(first, { a: 1 });
    assert.deepEqual(second, { a: 1, b: 2 });
    assert.equal(Object.isFrozen(second), true);
  });

  it('keeps a removed key only until the next change', () => {
    const removed = recordExtraChange({ a: 1, b: 1 }, ['b'], { a: 1 }, 2);
    assert.deepEqual(removed, { a: 1, b: 2 });
    assert.deepEqual(recordExtraChange(removed, ['a'], { a: 2 }, 3), { a: 3 });
  });

  it('treats keys such as toString and hasOwnProperty as plain keys', () => {
    const record = recordExtraChange(undefined, ['toString', 'hasOwnProperty'], { toString: 1, hasOwnProperty: 2 }, 9);
    assert.deepEqual(record, { toString: 9, hasOwnProperty: 9 });
    assert.deepEqual(recordExtraChange(record, [], { toString: 1 }, 10), { toString: 9 });
  });
});

describe('lastExtraChange', () => {
  const participant = { extraChangedAt: { name: 100, status: 300, mood: 300, team: 200 } };

  it('is undefined for a participant without a record', () => {
    assert.equal(lastExtraChange({}), undefined);
  });

  it('gives the latest time and every key changed then', () => {
    assert.deepEqual(lastExtraChange(participant), { at: 300, keys: ['status', 'mood'] });
  });

  it('looks only at the keys asked for, in the order asked', () => {
    assert.deepEqual(lastExtraChange(participant, ['team', 'name']), { at: 200, keys: ['team'] });
    assert.deepEqual(lastExtraChange(participant, ['mood', 'status']), { at: 300, keys: ['mood', 'status'] });
  });

  it('is undefined when none of the keys asked for changed', () => {
    assert.equal(lastExtraChange(participant, ['photo']), undefined);
    assert.equal(lastExtraChange(participant, []), undefined);
  });
});
