/**
 * A page that goes away says goodbye: reloaded, navigated elsewhere or closed,
 * a page running dist/rtc-elements.js leaves the room at once for the others
 * (`participant-left` with reason `goodbye`), not after the grace period that
 * follows a lost socket. Firefox closes the page's WebSocket before `pagehide`,
 * so the goodbye goes out on `beforeunload`; Chromium is checked the same way.
 * The time from the action to the other's event is printed, not asserted.
 * A page that stays after all (the user answers a beforeunload prompt with
 * "stay", or Chromium brings it back from its back/forward cache) is in the
 * room again for the others.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { RTCMultiConnection } from '../../src/index.js';
import { launchChromium, openPage } from '../support/browser.mjs';
import { nextEvent, uniqueRoom, until } from '../support/conditions.js';
import { ofType, recordEvents } from '../support/recorder.js';
import { appendRoom, inEachBrowser, useServers } from '../support/room-page.js';

const servers = useServers();

type RoomElement = HTMLElement & {
  status: string;
  participants: { userid: string }[];
  updateExtraData(patch: object): Promise<void>;
};

/**
 * A page holding one joined <rtc-room> (dist/rtc-elements.js only) and a Node
 * participant in the same room, each listing the other. `keepFirst` adds a
 * beforeunload listener that keeps the page before the room joins (so it runs
 * before the kit's).
 */
async function pageInRoom(browser: Browser, label: string, keepFirst = false) {
  const room = uniqueRoom();
  const pageId = `page-${room}`;
  const node = new RTCMultiConnection(undefined, {
    socketURL: servers.server.url,
    userid: `node-${room}`,
    session: { data: true },
  });
  await node.openOrJoin(room);
  const page = await openPage(browser, servers.files, [
    { url: `${servers.files.url}dist/rtc-elements.js`, type: 'module' },
  ]);
  if (keepFirst) await page.evaluate(() => addEventListener('beforeunload', (event) => event.preventDefault()));
  await appendRoom(page, { 'socket-url': servers.server.url, userid: pageId, 'room-id': room });
  await until(
    () => node.participants.some((p) => p.userid === pageId && p.status === 'online'),
    `the Node participant lists the ${label} page`,
  );
  // A goodbye goes to the participants the page lists: it must list the Node participant too.
  await page.waitForFunction(
    (id: string) => (document.querySelector('rtc-room') as RoomElement).participants.some((p) => p.userid === id),
    { polling: 20 },
    node.userid,
  );
  return { node, page, pageId };
}

/** Does `action` to the page and returns how the Node participant saw it leave, printing how long that took. */
async function leaveBy(browser: Browser, label: string, action: (page: Page) => Promise<unknown>) {
  const { node, page, pageId } = await pageInRoom(browser, label);
  const left = nextEvent(node, 'participant-left', (event) => event.userid === pageId, 10000);
  const start = performance.now();
  const acted = action(page);
  const event = await left;
  const ms = performance.now() - start;
  await acted;
  console.log(`    ${label}: participant-left (${event.reason}) ${ms.toFixed(0)} ms after the action`);
  await node.leave();
  if (!page.isClosed()) await page.close();
  return event.reason;
}

/** As a user closes a tab: beforeunload runs (puppeteer's close then returns before the page is gone). */
function closeTab(page: Page): Promise<unknown> {
  return new Promise((resolve) => {
    page.once('close', resolve);
    void page.close({ runBeforeUnload: true });
  });
}

/**
 * Reloads a page that keeps itself on beforeunload, after a click (a prompt
 * needs the user to have touched the page), and answers the prompt "stay".
 */
async function reloadAndStay(page: Page): Promise<void> {
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('button'), { id: 'touch' })));
  await page.click('#touch');
  const answered = new Promise<void>((resolve) =>
    page.once('dialog', (dialog) => {
      assert.equal(dialog.type(), 'beforeunload');
      void dialog.dismiss().then(resolve);
    }),
  );
  // The reload never completes (Chromium) or fails (Firefox): the user stayed.
  page.reload().catch(() => {});
  await answered;
}

/** The page updates its extra and the Node participant receives it: everything the page sent before has arrived. */
async function pageUpdateArrives(page: Page, node: RTCMultiConnection, pageId: string): Promise<void> {
  const arrived = nextEvent(
    node,
    'extra-updated',
    (event) => event.userid === pageId && event.extra['still'] === 'here',
  );
  await page.evaluate(() => (document.querySelector('rtc-room') as RoomElement).updateExtraData({ still: 'here' }));
  await arrived;
}

inEachBrowser(
  (name) => `a ${name} page in a room`,
  (browser, name) => {
    it('reloaded: the other participant sees a goodbye, not a lost socket', async () => {
      assert.equal(await leaveBy(browser(), `${name} reload`, (page) => page.reload()), 'goodbye');
    });

    it('navigated to another page: the other participant sees a goodbye', async () => {
      const navigate = (page: Page) => page.goto(`${servers.files.url}blank.html?elsewhere`);
      assert.equal(await leaveBy(browser(), `${name} navigation`, navigate), 'goodbye');
    });

    it('closed: the other participant sees a goodbye', async () => {
      assert.equal(await leaveBy(browser(), `${name} close`, closeTab), 'goodbye');
    });

    it('kept by a later beforeunload listener, and the user stays: it says goodbye, then comes back', async () => {
      const { node, page, pageId } = await pageInRoom(browser(), `${name} staying`);
      await page.evaluate(() => addEventListener('beforeunload', (event) => event.preventDefault()));
      const events = recordEvents(node);
      const back = nextEvent(node, 'participant-joined', (event) => event.userid === pageId);
      await reloadAndStay(page);
      await back;
      await pageUpdateArrives(page, node, pageId);
      const comings = events.filter(
        (entry) =>
          (entry.type === 'participant-left' || entry.type === 'participant-joined') && entry.event.userid === pageId,
      );
      assert.deepEqual(
        comings.map((entry) => entry.type),
        ['participant-left', 'participant-joined'],
      );
      assert.equal(await page.evaluate(() => (document.querySelector('rtc-room') as RoomElement).status), 'joined');
      await node.leave();
      await page.close();
    });

    it('kept by an earlier beforeunload listener, and the user stays: nobody was told it left', async () => {
      const { node, page, pageId } = await pageInRoom(browser(), `${name} kept`, true);
      const events = recordEvents(node);
      await reloadAndStay(page);
      // Relayed in order: a goodbye would have arrived before the update.
      await pageUpdateArrives(page, node, pageId);
      assert.deepEqual(ofType(events, 'participant-left'), []);
      await node.leave();
      await page.close();
    });
  },
  ['Firefox', 'Chromium'],
);

describe("Chromium's back/forward cache", () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });

  it('a page navigated away says goodbye, and is in the room again when it comes back from the cache', async () => {
    const { node, page, pageId } = await pageInRoom(browser, 'cached');
    const left = nextEvent(node, 'participant-left', (event) => event.userid === pageId);
    await page.goto(`${servers.files.url}blank.html?elsewhere`);
    assert.equal((await left).reason, 'goodbye');
    await page.goBack();
    assert.equal(
      await page.evaluate(() => document.querySelector('rtc-room') !== null),
      true,
      'restored from the cache',
    );
    await until(
      () => node.participants.some((p) => p.userid === pageId && p.status === 'online'),
      'the Node participant lists the page again',
    );
    await page.waitForFunction(() => (document.querySelector('rtc-room') as RoomElement).status === 'joined', {
      polling: 20,
    });
    await pageUpdateArrives(page, node, pageId);
    await node.leave();
    await page.close();
  });
});
