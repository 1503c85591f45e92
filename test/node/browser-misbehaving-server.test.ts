/**
 * A server that floods a page (the CDN file in Chromium, a data session): 500
 * fake participants the server vouches for, then 10 000 extra updates within a
 * second. The page must keep answering (how slowly is printed, not asserted:
 * it is the machine's speed as much as the kit's), log no uncaught error, and
 * open a bounded number of peer connections; once the server is honest again,
 * a rename from another participant reaches the page within 5 s.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { RTCMultiConnection } from '../../src/index.js';
import { buildJoinRequest } from '../../src/protocol/messages.js';
import { launchChromium, openPage, startFileServer } from '../support/browser.mjs';
import { uniqueRoom, until } from '../support/conditions.js';
import { startFaultyServer, type FaultyServer } from '../support/faulty-server.js';
import { appendRoom } from '../support/room-page.js';

let server: FaultyServer;
let files: { url: string; close: () => Promise<void> };
let browser: Browser;
/** Every Node participant made, left in `after` even when a test fails midway (a lost one would retry forever). */
const participants: RTCMultiConnection[] = [];

before(async () => {
  server = await startFaultyServer();
  files = await startFileServer();
  browser = await launchChromium();
});
after(async () => {
  await Promise.all(participants.map((participant) => participant.leave()));
  await browser.close();
  await files.close();
  await server.close();
});

async function roomPage(room: string, userid: string): Promise<Page> {
  const page = await openPage(browser, files, [{ url: `${files.url}dist/rtc-elements.js`, type: 'module' }]);
  await appendRoom(
    page,
    { 'socket-url': server.url, userid, extra: '{"fullName":"Page"}', 'room-id': room },
    '<rtc-participant-list></rtc-participant-list>',
  );
  return page;
}

/** A Node participant in the room, once it sees the page. */
async function nodeParticipant(room: string): Promise<RTCMultiConnection> {
  const other = new RTCMultiConnection(undefined, {
    socketURL: server.url,
    userid: `node-${room}`,
    extra: { fullName: 'Node' },
    session: { data: true },
  });
  participants.push(other);
  await other.openOrJoin(room);
  await until(() => other.participants.length === 2, 'the page and the Node participant see each other');
  return other;
}

/** The names in the page's list. */
function rowNames(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelector('rtc-participant-list')!.shadowRoot!.querySelectorAll('[part~="name"]')].map(
      (name) => name.textContent?.trim() ?? '',
    ),
  );
}

describe('a server misbehaving toward a page', () => {
  it('500 fake participants and 10 000 updates: the page keeps answering, no uncaught error, bounded peers, then recovers', async () => {
    const room = uniqueRoom();
    const pageId = `page-${room}`;
    const page = await roomPage(room, pageId);
    const uncaught: string[] = [];
    page.on('pageerror', (error) => uncaught.push(String(error)));
    const other = await nodeParticipant(room);

    // The server vouches for every fake participant, then floods.
    server.setFault(pageId, { kind: 'extra-answers', answer: { fullName: 'Fake' } });
    const socket = server.socketOf(pageId)!;
    for (let n = 0; n < 500; n++) {
      socket.emit('RTCMultiConnection-Message', {
        remoteUserId: pageId,
        sender: `fake-${n}`,
        message: buildJoinRequest({ data: true }),
        extra: {},
      });
    }
    let flooding = true;
    const flood = (async () => {
      for (let batch = 0; batch < 10; batch++) {
        for (let n = 0; n < 1000; n++) socket.emit('extra-data-updated', `fake-${n % 500}`, { fullName: `Fake ${n}` });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      flooding = false;
    })();
    let slowest = 0;
    let probes = 0;
    while (flooding || probes < 20) {
      const start = Date.now();
      // A frozen page would not answer at all: a deadline far past any slowness, not a speed limit.
      await Promise.race([
        page.evaluate(() => 1),
        new Promise((_, reject) => setTimeout(() => reject(new Error('the page stopped answering for 10 s')), 10_000)),
      ]);
      slowest = Math.max(slowest, Date.now() - start);
      probes++;
    }
    await flood;
    console.log(`    the slowest of ${probes} trivial evaluations during the flood took ${slowest} ms`);

    const session = await page.createCDPSession();
    await session.send('HeapProfiler.collectGarbage');
    const prototype = await page.evaluateHandle('RTCPeerConnection.prototype');
    const peers = await page.queryObjects(prototype);
    const peerCount = await page.evaluate((list: unknown[]) => list.length, peers);
    assert.ok(peerCount <= 50, `${peerCount} peer connections`);

    server.setFault(pageId, undefined);
    void other.updateExtraData({ fullName: 'Renamed' });
    await page.waitForFunction(
      () =>
        [...document.querySelector('rtc-participant-list')!.shadowRoot!.querySelectorAll('[part~="name"]')].some(
          (name) => name.textContent?.includes('Renamed'),
        ),
      { timeout: 5000, polling: 20 },
    );
    assert.ok((await rowNames(page)).length <= 1000);
    assert.deepEqual(uncaught, []);
    await other.leave();
    await page.close();
  });

  it('under a 200 ms disconnect storm the page backs off, then rejoins and shows a rename within 5 s', async () => {
    const room = uniqueRoom();
    const pageId = `page-${room}`;
    const page = await roomPage(room, pageId);
    const other = await nodeParticipant(room);
    await page.evaluate(() => {
      const scheduled: Array<{ attempt: number; delay: number; at: number }> = [];
      (window as unknown as { scheduled: typeof scheduled }).scheduled = scheduled;
      document
        .querySelector('rtc-room')!
        .addEventListener('rtc-reconnect-scheduled', (event) =>
          scheduled.push((event as CustomEvent<{ attempt: number; delay: number; at: number }>).detail),
        );
    });
    server.setFault(pageId, { kind: 'disconnect-storm', afterMs: 200 });
    const before = server.connects(pageId);
    server.socketOf(pageId)!.disconnect(true);
    // The measurement window of the storm, not a stand-in for a condition.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const attempts = server.connects(pageId) - before;
    assert.ok(attempts >= 2 && attempts <= 5, `${attempts} reconnect attempts in 5 s`);
    // Each storm rejoin lasts its 200 ms before the server drops it again: the room may be in one, never stays.
    await page.waitForFunction(() => document.querySelector('rtc-room')!.getAttribute('status') === 'reconnecting', {
      timeout: 1000,
      polling: 10,
    });
    const seen = await page.evaluate(() => ({
      scheduled: (window as unknown as { scheduled: Array<{ attempt: number; delay: number; at: number }> }).scheduled,
      nextReconnectAt: (document.querySelector('rtc-room') as HTMLElement & { nextReconnectAt?: number })
        .nextReconnectAt,
      now: Date.now(),
    }));
    assert.deepEqual(
      seen.scheduled.map((event) => event.attempt),
      seen.scheduled.map((_, index) => index + 1),
      'rtc-reconnect-scheduled before every attempt, counting up',
    );
    assert.ok(seen.scheduled.length >= 2);
    assert.ok(seen.scheduled.at(-1)!.delay > seen.scheduled[0]!.delay, 'later attempts wait longer');
    assert.equal(seen.nextReconnectAt, seen.scheduled.at(-1)!.at, 'the room says when the next attempt starts');
    server.setFault(pageId, undefined);
    const healed = Date.now();
    await page.waitForFunction(() => document.querySelector('rtc-room')!.getAttribute('status') === 'joined', {
      timeout: 5000,
      polling: 20,
    });
    void other.updateExtraData({ fullName: 'Renamed' });
    await page.waitForFunction(
      () =>
        [...document.querySelector('rtc-participant-list')!.shadowRoot!.querySelectorAll('[part~="name"]')].some(
          (name) => name.textContent?.includes('Renamed'),
        ),
      { timeout: Math.max(0, 5000 - (Date.now() - healed)), polling: 20 },
    );
    await other.leave();
    await page.close();
  });
});
