/** "just now", "1 minute ago": the steps a relative time moves in, when each next changes, and their wording. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRelativeStep, relativeStep } from '../../src/elements/shared/relative-time.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('relativeStep', () => {
  it('is "now" for the first minute, changing when the minute is up', () => {
    assert.deepEqual(relativeStep(0), { unit: 'now', value: 0, nextChangeIn: MINUTE });
    assert.deepEqual(relativeStep(59_999), { unit: 'now', value: 0, nextChangeIn: 1 });
  });

  it('counts whole minutes, then hours, then days, each changing on the next whole unit', () => {
    assert.deepEqual(relativeStep(MINUTE), { unit: 'minute', value: 1, nextChangeIn: MINUTE });
    assert.deepEqual(relativeStep(2 * MINUTE + 30 * SECOND), { unit: 'minute', value: 2, nextChangeIn: 30 * SECOND });
    assert.deepEqual(relativeStep(HOUR - 1), { unit: 'minute', value: 59, nextChangeIn: 1 });
    assert.deepEqual(relativeStep(HOUR), { unit: 'hour', value: 1, nextChangeIn: HOUR });
    assert.deepEqual(relativeStep(5 * HOUR + MINUTE), { unit: 'hour', value: 5, nextChangeIn: HOUR - MINUTE });
    assert.deepEqual(relativeStep(DAY), { unit: 'day', value: 1, nextChangeIn: DAY });
    assert.deepEqual(relativeStep(3 * DAY + HOUR), { unit: 'day', value: 3, nextChangeIn: DAY - HOUR });
  });

  it('takes a time in the future (a clock set back) as now', () => {
    assert.deepEqual(relativeStep(-5000), { unit: 'now', value: 0, nextChangeIn: MINUTE });
  });

  it('changes at most once a minute in the first hour and once an hour after: 83 texts in a day', () => {
    let elapsed = 0;
    let changes = 0;
    while (elapsed < DAY) {
      elapsed += relativeStep(elapsed).nextChangeIn;
      changes += 1;
    }
    assert.equal(changes, 1 + 59 + 23);
  });
});

describe('formatRelativeStep', () => {
  it('says the caller’s own words for now, and Intl’s for the rest, in the language given', () => {
    assert.equal(formatRelativeStep(relativeStep(0), 'en', 'just now'), 'just now');
    assert.equal(formatRelativeStep(relativeStep(MINUTE), 'en', 'just now'), '1 minute ago');
    assert.equal(formatRelativeStep(relativeStep(3 * HOUR), 'en', 'just now'), '3 hours ago');
    assert.equal(formatRelativeStep(relativeStep(DAY), 'en', 'just now'), '1 day ago', 'exact, not "yesterday"');
    assert.equal(formatRelativeStep(relativeStep(2 * MINUTE), 'de', 'gerade eben'), 'vor 2 Minuten');
  });

  it('falls back to English for a language tag Intl refuses', () => {
    assert.equal(formatRelativeStep(relativeStep(MINUTE), 'not a tag!', 'just now'), '1 minute ago');
  });
});
