/**
 * For Node tests that drive browsers: the real stock server and the file server for a file's tests, and a page's
 * <rtc-room> made from the CDN file as a site's markup would make it.
 */
import { after, before } from 'node:test';
import type { Page } from 'puppeteer-core';
import { startSignalingServer, type SignalingServer } from '../../demo/signaling-server.mjs';
import { startFileServer } from './browser.mjs';

export interface FileServer {
  url: string;
  close: () => Promise<void>;
}

/** The stock signaling server and the file server, started before the file's tests and stopped after them. */
export function useServers(): { readonly server: SignalingServer; readonly files: FileServer } {
  let server: SignalingServer | undefined;
  let files: FileServer | undefined;
  before(async () => {
    server = await startSignalingServer();
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
