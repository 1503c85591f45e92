/**
 * For Node tests that drive browsers: the signaling server under test and the file server for a file's tests, a
 * page's <rtc-room> made from the CDN file as a site's markup would make it, and what such a page shows.
 */
import { after, before, describe } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import type { SignalingServer } from '../../demo/signaling-server.mjs';
import type { RTCMultiConnection } from '../../src/index.js';
import { launchChromium, launchFirefox, openPage, startFileServer } from './browser.mjs';
import { startServerUnderTest } from './server-under-test.mjs';

export interface FileServer {
  url: string;
  close: () => Promise<void>;
}

/** The stock signaling server and the file server, started before the file's tests and stopped after them. */
export function useServers(): { readonly server: SignalingServer; readonly files: FileServer } {
  let server: SignalingServer | undefined;
  let files: FileServer | undefined;
  before(async () => {
    server = await startServerUnderTest();
    files = await startFileServer();
  });
  after(async () => {
    await files?.close();
    await server?.stop();
  });
  return {
    get server() {
      return server!;
    },
    get files() {
      return files!;
    },
  };
}

/**
 * Appends an <rtc-room> with these attributes (in this order; `room-id` last joins once the rest is set) and this
 * content to the page's body, once the page's copy of the kit has defined the tag.
 */
export async function appendRoom(page: Page, attributes: Record<string, string>, content = ''): Promise<void> {
  await page.evaluate(
    async (entries: Array<[string, string]>, html: string) => {
      await customElements.whenDefined('rtc-room');
      const element = document.createElement('rtc-room');
      for (const [name, value] of entries) element.setAttribute(name, value);
      element.innerHTML = html;
      document.body.append(element);
    },
    Object.entries(attributes),
    content,
  );
}

export type BrowserName = 'Chromium' | 'Firefox';

/**
 * One `describe` per browser, in this order, each with its own browser launched before its tests and closed after
 * them; the tests get it from `browser()`.
 */
export function inEachBrowser(
  title: (name: BrowserName) => string,
  tests: (browser: () => Browser, name: BrowserName) => void,
  order: readonly BrowserName[] = ['Chromium', 'Firefox'],
): void {
  for (const name of order) {
    describe(title(name), () => {
      let browser: Browser | undefined;
      before(async () => {
        browser = await (name === 'Chromium' ? launchChromium() : launchFirefox());
      });
      after(async () => {
        await browser?.close();
      });
      tests(() => browser!, name);
    });
  }
}

/**
 * A window (pages sharing one hide one another) whose every load, reloads included, holds `markup` and
 * dist/rtc-elements.js, as a site's page would; `before` is script text run first on every load.
 */
export async function openSitePage(browser: Browser, files: FileServer, markup: string, before = ''): Promise<Page> {
  const page = await browser.newPage({ type: 'window' });
  page.on('pageerror', (error) => console.error('  page error:', (error as Error).message));
  if (before) await page.evaluateOnNewDocument(before);
  await page.evaluateOnNewDocument(
    (script: string, body: string) => {
      // No named functions in here: the test runner's compiler would wrap them in a helper the page does not have.
      document.addEventListener('DOMContentLoaded', () => {
        document.body.innerHTML = body;
        const module = document.createElement('script');
        module.type = 'module';
        module.src = script;
        document.head.append(module);
      });
    },
    `${files.url}dist/rtc-elements.js`,
    markup,
  );
  await page.goto(`${files.url}blank.html`);
  return page;
}

/** A page holding one <rtc-room> with a list, from dist/rtc-elements.js only. */
export async function roomPage(
  browser: Browser,
  servers: ReturnType<typeof useServers>,
  room: string,
  userid: string,
  extra: object,
  session = 'data',
): Promise<Page> {
  const page = await openPage(browser, servers.files, [
    { url: `${servers.files.url}dist/rtc-elements.js`, type: 'module' },
  ]);
  await appendRoom(
    page,
    { 'socket-url': servers.server.url, userid, extra: JSON.stringify(extra), session, 'room-id': room },
    '<rtc-participant-list></rtc-participant-list>',
  );
  return page;
}

/** What a page's room and list show: state, and userid → [status, extra] from the roster, plus the rows rendered. */
export function pageView(page: Page) {
  return page.evaluate(() => {
    const element = document.querySelector('rtc-room') as HTMLElement & {
      connection: RTCMultiConnection;
      status: string;
    };
    const list = element.querySelector('rtc-participant-list')!;
    return {
      state: element.connection.connectionState,
      roster: Object.fromEntries(element.connection.participants.map((p) => [p.userid, [p.status, p.extra]])),
      rows: [...list.shadowRoot!.querySelectorAll('[part~="participant"]')].map(
        (row) => (row as HTMLElement).dataset['userid'],
      ),
    };
  });
}
