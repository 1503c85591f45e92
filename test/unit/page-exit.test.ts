/** PageExit: which of the page's lifecycle events mean leaving, gone and stayed, on a stand-in window. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { PageExit, STILL_HERE_AFTER } from '../../src/core/session/page-exit.js';
import { useMockTimers } from './support.js';

/** A `beforeunload` as browsers make it: cancellable, with a string `returnValue` (a plain Event's is a boolean). */
function beforeUnload(): Event {
  const event = new Event('beforeunload', { cancelable: true });
  Object.defineProperty(event, 'returnValue', { value: '', writable: true });
  return event;
}

class PageTransitionEvent extends Event {
  constructor(
    type: 'pagehide' | 'pageshow',
    readonly persisted: boolean,
  ) {
    super(type);
  }
}

describe('PageExit', () => {
  useMockTimers();
  let page: EventTarget;
  let calls: string[];
  let exit: PageExit;
  beforeEach(() => {
    page = new EventTarget();
    (globalThis as { window?: EventTarget }).window = page;
    calls = [];
    exit = new PageExit({
      leaving: () => calls.push('leaving'),
      gone: () => calls.push('gone'),
      stayed: () => calls.push('stayed'),
    });
  });
  afterEach(() => {
    exit.unwatch();
    delete (globalThis as { window?: EventTarget }).window;
  });

  it('an unload: leaving on beforeunload, gone on the final pagehide', () => {
    exit.watch();
    exit.watch();
    page.dispatchEvent(beforeUnload());
    mock.timers.tick(0);
    page.dispatchEvent(new PageTransitionEvent('pagehide', false));
    mock.timers.tick(STILL_HERE_AFTER * 2);
    assert.deepEqual(calls, ['leaving', 'gone']);
  });

  it('a navigation that never unloads (a download, a 204, Stop): still running later, the page stayed', () => {
    exit.watch();
    page.dispatchEvent(beforeUnload());
    mock.timers.tick(STILL_HERE_AFTER - 1);
    assert.deepEqual(calls, ['leaving']);
    mock.timers.tick(1);
    assert.deepEqual(calls, ['leaving', 'stayed']);
    // The next navigation is a way out again.
    page.dispatchEvent(beforeUnload());
    page.dispatchEvent(new PageTransitionEvent('pagehide', false));
    assert.deepEqual(calls, ['leaving', 'stayed', 'leaving', 'gone']);
  });

  it('a listener after ours keeps the page: leaving, then stayed once every listener has run', () => {
    exit.watch();
    page.addEventListener('beforeunload', (event) => event.preventDefault());
    page.dispatchEvent(beforeUnload());
    assert.deepEqual(calls, ['leaving']);
    mock.timers.tick(0);
    assert.deepEqual(calls, ['leaving', 'stayed']);
    mock.timers.tick(STILL_HERE_AFTER);
    assert.deepEqual(calls, ['leaving', 'stayed'], 'stayed once');
  });

  it('a legacy returnValue keeps the page as preventDefault does', () => {
    exit.watch();
    page.addEventListener('beforeunload', (event) => Object.assign(event, { returnValue: 'unsaved' }));
    page.dispatchEvent(beforeUnload());
    mock.timers.tick(0);
    assert.deepEqual(calls, ['leaving', 'stayed']);
  });

  it('a listener before ours keeps the page: nothing is said', () => {
    page.addEventListener('beforeunload', (event) => event.preventDefault());
    exit.watch();
    page.dispatchEvent(beforeUnload());
    mock.timers.tick(0);
    assert.deepEqual(calls, []);
  });

  it('the back/forward cache: not gone on the way in, stayed on the way back', () => {
    exit.watch();
    page.dispatchEvent(beforeUnload());
    page.dispatchEvent(new PageTransitionEvent('pagehide', true));
    page.dispatchEvent(new PageTransitionEvent('pageshow', false));
    assert.deepEqual(calls, ['leaving']);
    page.dispatchEvent(new PageTransitionEvent('pageshow', true));
    assert.deepEqual(calls, ['leaving', 'stayed']);
  });

  it('hears nothing once unwatched, and needs no page (Node)', () => {
    exit.watch();
    exit.unwatch();
    page.dispatchEvent(beforeUnload());
    page.dispatchEvent(new PageTransitionEvent('pagehide', false));
    delete (globalThis as { window?: EventTarget }).window;
    exit.watch();
    assert.deepEqual(calls, []);
  });
});
