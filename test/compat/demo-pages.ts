/**
 * What the compatibility suite needs to drive upstream demo pages as a user would: each page in its own browser
 * context (the demos keep room ids and usernames in localStorage), its alerts recorded and dismissed, and waits on
 * what the page shows.
 */
import type { Browser, BrowserContext, Page } from 'puppeteer-core';

export interface DemoPage {
  page: Page;
  /** Every alert()/confirm() text the page showed, in order. */
  dialogs: string[];
  /** Uncaught exceptions of the page. */
  errors: string[];
}

export class DemoPages {
  readonly #contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly baseUrl: string,
  ) {}

  /** Opens `path` (e.g. `demos/one-to-one.html`) in a fresh context. */
  async open(path: string): Promise<DemoPage> {
    const context = await this.browser.createBrowserContext();
    this.#contexts.push(context);
    const page = await context.newPage();
    const demo: DemoPage = { page, dialogs: [], errors: [] };
    page.on('dialog', (dialog) => {
      demo.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => {
      demo.errors.push((error as Error).message);
      console.error(`  page error (${path}):`, (error as Error).message);
    });
    await page.goto(new URL(path, this.baseUrl).href);
    return demo;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.#contexts.splice(0).map((context) => context.close()));
  }
}

/** Types `value` into the input `selector` as a user would (replacing what is there), firing the page's key handlers. */
export async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, value);
}

/**
 * Waits until `selector` (inside the page's media container) holds media elements for exactly the stream ids
 * `expected`, each showing decoded media (video frames, or audio data), and returns their ids.
 */
export async function waitForPlayingMedia(
  page: Page,
  containerSelector: string,
  count: number,
  timeout = 20000,
): Promise<string[]> {
  const handle = await page.waitForFunction(
    (selector: string, wanted: number) => {
      const container = document.querySelector(selector);
      if (!container) return false;
      const media = [...container.querySelectorAll('video, audio')] as HTMLMediaElement[];
      const playing = media.filter((element) => {
        const stream = element.srcObject;
        if (!(stream instanceof MediaStream) || !stream.active || element.readyState < 2) return false;
        return element instanceof HTMLVideoElement ? element.videoWidth > 0 : true;
      });
      if (playing.length !== wanted) return false;
      return playing.map((element) => (element.srcObject as MediaStream).id).sort();
    },
    { timeout },
    containerSelector,
    count,
  );
  return (await handle.jsonValue()) as string[];
}

/** The stream ids of the media a page captured itself (its `onstream` local events), as the page's connection holds them. */
export function ownStreamIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const connection = (window as unknown as { connection: { attachStreams: MediaStream[] } }).connection;
    return connection.attachStreams.map((stream) => stream.id).sort();
  });
}

/** Waits until the page's visible text contains `text`. */
export async function waitForText(page: Page, selector: string, text: string, timeout = 20000): Promise<void> {
  await page.waitForFunction(
    (where: string, wanted: string) => document.querySelector(where)?.textContent?.includes(wanted) ?? false,
    { timeout },
    selector,
    text,
  );
}

/** Waits for a download link matching `selector` and fetches it in the page: the file's size and SHA-256 (hex). */
export async function downloadedFile(
  page: Page,
  selector: string,
  timeout = 30000,
): Promise<{ size: number; sha256: string }> {
  const link = await page.waitForSelector(selector, { timeout });
  return link!.evaluate(async (anchor) => {
    const buffer = await (await fetch((anchor as HTMLAnchorElement).href)).arrayBuffer();
    const digest = await crypto.subtle.digest('SHA-256', buffer);
    const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    return { size: buffer.byteLength, sha256: hex };
  });
}
