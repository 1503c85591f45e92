/**
 * `<rtc-room>`'s default session, presence only, in Chromium and in Firefox:
 * pages made of markup and dist/rtc-elements.js list each other and pass
 * renames over signaling alone. Each page counts the RTCPeerConnections it
 * makes and lists the files it fetched: a presence room makes none and never
 * fetches the WebRTC file, a data room (the control) does both.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { uniqueRoom, untilAsync } from '../support/conditions.js';
import { inEachBrowser, openSitePage, useServers } from '../support/room-page.js';

const servers = useServers();
const WEBRTC_FILE = /\/dist\/chunks\/media-session-[\w-]+\.js$/;

/** Counts the RTCPeerConnections a page makes (`peerConnectionsMade`); text, as the page runs it. */
const COUNT_PEER_CONNECTIONS = `
  window.peerConnectionsMade = 0;
  window.RTCPeerConnection = new Proxy(window.RTCPeerConnection, {
    construct(target, args, newTarget) {
      window.peerConnectionsMade++;
      return Reflect.construct(target, args, newTarget);
    },
  });
`;

/** A site's page with `markup`, once its room has joined. */
async function sitePage(browser: Browser, markup: string): Promise<Page> {
  const page = await openSitePage(browser, servers.files, markup, COUNT_PEER_CONNECTIONS);
  await page.waitForFunction(() => document.querySelector('rtc-room')?.getAttribute('status') === 'joined');
  return page;
}

const roomMarkup = (room: string, name: string, session = '') =>
  `<rtc-room room-id="${room}" socket-url="${servers.server.url}" ${session} extra='{"fullName":"${name}"}'>` +
  '<rtc-participant-list></rtc-participant-list><rtc-extra-editor fields="fullName"></rtc-extra-editor></rtc-room>';

/** The names the page's list shows (its own without the "(you)" mark), sorted. */
const listedNames = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelector('rtc-participant-list')!.shadowRoot!.querySelectorAll('[part~="name"]')]
      .map((name) => name.textContent.replace('(you)', '').trim())
      .sort(),
  );

/** What the page did for WebRTC: peer connections made, and whether it fetched the WebRTC file. */
async function webrtcUse(page: Page): Promise<{ peerConnections: number; webrtcFileFetched: boolean }> {
  const { peerConnections, resources } = await page.evaluate(() => ({
    peerConnections: (window as unknown as { peerConnectionsMade: number }).peerConnectionsMade,
    resources: performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
  }));
  return { peerConnections, webrtcFileFetched: resources.some((path) => WEBRTC_FILE.test(path)) };
}

inEachBrowser(
  (name) => `the presence session in ${name}`,
  (browser) => {
    it('three pages list each other and see a rename, with no peer connection and no WebRTC file', async () => {
      const room = uniqueRoom('presence');
      const pages = [
        await sitePage(browser(), roomMarkup(room, 'Ada')),
        await sitePage(browser(), roomMarkup(room, 'Grace')),
        await sitePage(browser(), roomMarkup(room, 'Linus')),
      ];
      const everyone = ['Ada', 'Grace', 'Linus'];
      for (const page of pages) {
        await untilAsync(
          async () => (await listedNames(page)).join() === everyone.join(),
          'every page lists all three',
        );
      }
      await pages[0]!.evaluate(() => {
        (document.querySelector('rtc-room') as HTMLElement & { extra: object }).extra = { fullName: 'Ada Renamed' };
      });
      for (const page of pages.slice(1)) {
        await untilAsync(
          async () => (await listedNames(page)).includes('Ada Renamed'),
          'the rename reaches the others',
        );
      }
      for (const page of pages) {
        assert.deepEqual(await webrtcUse(page), { peerConnections: 0, webrtcFileFetched: false });
        await page.close();
      }
    });

    it('the control: a data room fetches the WebRTC file once it joins and connects its pages', async () => {
      const room = uniqueRoom('data');
      const first = await sitePage(browser(), roomMarkup(room, 'Ada', 'session="data"'));
      const second = await sitePage(browser(), roomMarkup(room, 'Grace', 'session="data"'));
      await untilAsync(
        async () => (await webrtcUse(first)).peerConnections > 0 && (await webrtcUse(second)).peerConnections > 0,
        'both pages made a peer connection',
      );
      for (const page of [first, second]) {
        assert.equal((await webrtcUse(page)).webrtcFileFetched, true);
        await page.close();
      }
    });
  },
);
