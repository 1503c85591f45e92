/**
 * The page's way out, as a room session needs it. `beforeunload` comes while
 * the socket is open in every browser (Firefox closes it before `pagehide`),
 * but the page may stay after all: a listener can keep it (the user is asked),
 * and a page kept in the back/forward cache may come back. So: `leaving` on
 * `beforeunload`, `gone` on a final `pagehide`, and `stayed` when a kept
 * unload or the cache brings the page back. Some navigations fire
 * `beforeunload` and never unload (a download, a 204, a `mailto:` link, the
 * user pressing Stop): a page still running `STILL_HERE_AFTER` ms later stayed
 * too (timers do not run in a page that is gone).
 */

/** ms after `beforeunload` by which a page that is really going is gone; longer only for slow navigations. */
export const STILL_HERE_AFTER = 3000;

export interface PageExitListener {
  /** The page is about to go: now is the time to say goodbye. It may still stay. */
  leaving(): void;
  /** The page is gone for good. */
  gone(): void;
  /** The page stayed after `leaving`: a listener kept it, or it came back from the back/forward cache. */
  stayed(): void;
}

export class PageExit {
  readonly #listener: PageExitListener;
  #page: EventTarget | undefined;
  /** Set between `leaving` and `gone` or `stayed`: the fallback that decides the page stayed. */
  #stillHere: ReturnType<typeof setTimeout> | undefined;
  readonly #onBeforeUnload = (event: Event): void => {
    // A listener before ours kept the page (the user may be asked to stay): nothing is said yet.
    if (kept(event) || this.#stillHere !== undefined) return;
    this.#listener.leaving();
    this.#stillHere = setTimeout(() => this.#stay(), STILL_HERE_AFTER);
    // One after ours may keep it too: once every listener has run, a kept page stays.
    setTimeout(() => {
      if (kept(event)) this.#stay();
    }, 0);
  };
  readonly #onPageHide = (event: Event): void => {
    if (persisted(event)) return;
    this.#settle();
    this.#listener.gone();
  };
  readonly #onPageShow = (event: Event): void => {
    if (persisted(event)) {
      this.#settle();
      this.#listener.stayed();
    }
  };

  constructor(listener: PageExitListener) {
    this.#listener = listener;
  }

  /** Starts listening to the page, if there is one (not in Node); again is harmless. */
  watch(): void {
    if (this.#page) return;
    this.#page = pageEvents();
    this.#page?.addEventListener('beforeunload', this.#onBeforeUnload);
    this.#page?.addEventListener('pagehide', this.#onPageHide);
    this.#page?.addEventListener('pageshow', this.#onPageShow);
  }

  #stay(): void {
    if (this.#stillHere === undefined) return;
    this.#settle();
    this.#listener.stayed();
  }

  #settle(): void {
    clearTimeout(this.#stillHere);
    this.#stillHere = undefined;
  }

  unwatch(): void {
    this.#settle();
    this.#page?.removeEventListener('beforeunload', this.#onBeforeUnload);
    this.#page?.removeEventListener('pagehide', this.#onPageHide);
    this.#page?.removeEventListener('pageshow', this.#onPageShow);
    this.#page = undefined;
  }
}

/** Whether a `beforeunload` was cancelled, by `preventDefault()` or by the legacy `returnValue` string. */
function kept(event: Event): boolean {
  const { returnValue } = event as Event & { returnValue?: unknown };
  return event.defaultPrevented || (typeof returnValue === 'string' && returnValue !== '');
}

/** A `pagehide` into, or a `pageshow` out of, the back/forward cache. */
function persisted(event: Event): boolean {
  return (event as Event & { persisted?: boolean }).persisted === true;
}

/** The page, where there is one, for its lifecycle events. */
function pageEvents(): EventTarget | undefined {
  const page = globalThis as { window?: EventTarget & typeof globalThis };
  return page.window && typeof page.window.addEventListener === 'function' ? page.window : undefined;
}
