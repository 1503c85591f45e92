/**
 * Announcer: batching into one live-region text on mocked timers. The region is a plain object with the one
 * property the class touches (`textContent`), so no DOM is needed.
 */
import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { Announcer } from '../../src/elements/shared/announcer.js';
import { useMockTimers } from './support.js';

const BATCH_MS = 400;

/** An announcer over a stand-in region; the region can be taken away and the language changed. */
function setup(initialLang = 'en') {
  const region = { textContent: '' };
  let attached = true;
  let lang = initialLang;
  let regionReads = 0;
  const announcer = new Announcer(
    () => {
      regionReads += 1;
      return attached ? (region as unknown as HTMLElement) : null;
    },
    () => lang,
  );
  return {
    announcer,
    region,
    /** Asserts the region still shows what it showed 1 ms before the window ends, and `text` when it ends. */
    expectReadOutAtWindowEnd: (text: string) => {
      const before = region.textContent;
      mock.timers.tick(BATCH_MS - 1);
      assert.equal(region.textContent, before, 'nothing is read out before the window ends');
      mock.timers.tick(1);
      assert.equal(region.textContent, text);
    },
    detach: () => (attached = false),
    attach: () => (attached = true),
    setLang: (value: string) => (lang = value),
    regionReads: () => regionReads,
  };
}

describe('Announcer', () => {
  useMockTimers();

  it('writes one announcement when the batch window ends (399 ms vs 400 ms), not before', () => {
    const { announcer, regionReads, expectReadOutAtWindowEnd } = setup();
    announcer.announce('Ada joined');
    assert.equal(regionReads(), 0, 'the region is looked up only when the batch is read out');
    expectReadOutAtWindowEnd('Ada joined');
    assert.equal(regionReads(), 1);
  });

  it('reads announcements within the window as one list, in order', () => {
    const { announcer, region } = setup('en');
    announcer.announce('Ada joined');
    mock.timers.tick(100);
    announcer.announce('Bo left');
    mock.timers.tick(299);
    announcer.announce('Cy joined');
    mock.timers.tick(1);
    assert.equal(region.textContent, 'Ada joined, Bo left, Cy joined');
  });

  it('joins the announcements with the list pattern of the language', () => {
    const { announcer, region } = setup('fr');
    announcer.announce('Ada arrive');
    announcer.announce('Bo part');
    mock.timers.tick(BATCH_MS);
    assert.equal(region.textContent, 'Ada arrive et Bo part');
  });

  it('times the window from the first announcement: later ones do not push it back', () => {
    const { announcer, region } = setup();
    announcer.announce('a');
    mock.timers.tick(BATCH_MS - 1);
    announcer.announce('b');
    mock.timers.tick(1);
    assert.equal(region.textContent, 'a, b');
  });

  it('starts a new batch for an announcement after the window ended', () => {
    const { announcer, region, expectReadOutAtWindowEnd } = setup();
    announcer.announce('a');
    mock.timers.tick(BATCH_MS);
    assert.equal(region.textContent, 'a');
    announcer.announce('b');
    expectReadOutAtWindowEnd('b');
  });

  it('reads the language when the batch is read out, not when announced', () => {
    const { announcer, region, setLang } = setup('en');
    announcer.announce('a');
    announcer.announce('b');
    setLang('es');
    mock.timers.tick(BATCH_MS);
    assert.equal(region.textContent, 'a y b');
  });

  it('falls back to commas when the language is not a valid locale, instead of throwing from the timer', () => {
    const { announcer, region } = setup('not a locale!');
    announcer.announce('a');
    announcer.announce('b');
    announcer.announce('c');
    assert.doesNotThrow(() => mock.timers.tick(BATCH_MS));
    assert.equal(region.textContent, 'a, b, c');
  });

  it('makes the same text differ (a trailing no-break space) when it comes twice in a row, so it is read again', () => {
    const { announcer, region } = setup();
    for (const expected of ['Ada joined', 'Ada joined\u00a0', 'Ada joined', 'Bo left', 'Ada joined']) {
      announcer.announce(expected.replace('\u00a0', ''));
      mock.timers.tick(BATCH_MS);
      assert.equal(region.textContent, expected);
    }
  });

  it('uses the region there is when the batch is read out', () => {
    const { announcer, region, detach, attach } = setup();
    detach();
    announcer.announce('a');
    attach();
    mock.timers.tick(BATCH_MS);
    assert.equal(region.textContent, 'a');
  });

  it('drops a batch that finds no region, and the next batch holds only what came after', () => {
    const { announcer, region, detach, attach } = setup();
    detach();
    announcer.announce('lost');
    assert.doesNotThrow(() => mock.timers.tick(BATCH_MS));
    attach();
    announcer.announce('kept');
    mock.timers.tick(BATCH_MS);
    assert.equal(region.textContent, 'kept');
  });

  it('cancel() drops what is pending, and a later announcement opens a full window of its own', () => {
    const { announcer, region, regionReads, expectReadOutAtWindowEnd } = setup();
    announcer.announce('dropped');
    mock.timers.tick(300);
    announcer.cancel();
    mock.timers.tick(1000);
    assert.equal(region.textContent, '');
    assert.equal(regionReads(), 0);
    announcer.announce('after');
    expectReadOutAtWindowEnd('after');
  });

  it('cancel() with nothing pending is harmless', () => {
    const { announcer, region } = setup();
    announcer.cancel();
    announcer.announce('a');
    mock.timers.tick(BATCH_MS);
    assert.equal(region.textContent, 'a');
  });
});
