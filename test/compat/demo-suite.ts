/**
 * The compatibility suite: upstream RTCMultiConnection demo pages (test/compat/upstream/, unchanged; see SOURCE.md
 * there), each driven through its own buttons and inputs in two or three headless Chromium pages, on stock
 * RTCMultiConnection 3.7.1 (test/node/compat-demos-stock.test.ts) and on the classic build
 * (dist/bundle/RTCMultiConnection.js; compat-demos-kit.test.ts), against the signaling server under test (both run on
 * each server). Each test asserts what a user would see: remote media playing, chat text appearing, alerts.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import type { SignalingServer } from '../../demo/signaling-server.mjs';
import {
  DemoPages,
  downloadedFile,
  typeInto,
  waitForPlayingMedia,
  waitForText,
  ownStreamIds,
  type DemoPage,
} from './demo-pages.js';
import { startDemoServer } from './serve-demos.mjs';
import { launchChromium } from '../support/browser.mjs';
import { uniqueRoom } from '../support/conditions.js';
import { serverLabel, startServerUnderTest } from '../support/server-under-test.mjs';

/** The suite for one RTCMultiConnection the pages load: stock 3.7.1 or the kit's classic build. */
export function demoSuite(variant: 'stock' | 'kit'): void {
  describe(`upstream demos on ${variant}, on ${serverLabel()}`, () => {
    let signaling: SignalingServer;
    let demoServer: Awaited<ReturnType<typeof startDemoServer>>;
    let browser: Browser;
    let pages: DemoPages;

    before(async () => {
      signaling = await startServerUnderTest();
      demoServer = await startDemoServer({ variant, signalingUrl: signaling.url });
      browser = await launchChromium();
      pages = new DemoPages(browser, demoServer.url);
    });
    // Each test's pages go when it ends: live video pages left behind would starve the next test of CPU.
    afterEach(() => pages.closeAll());
    after(async () => {
      await browser.close();
      await demoServer.close();
      await signaling.stop();
    });

    /** Opens `path` on each of `count` pages, with the room id typed into each. */
    async function openAll(path: string, count: 1, room: string): Promise<[DemoPage]>;
    async function openAll(path: string, count: 2, room: string): Promise<[DemoPage, DemoPage]>;
    async function openAll(path: string, count: 3, room: string): Promise<[DemoPage, DemoPage, DemoPage]>;
    async function openAll(path: string, count: number, room: string): Promise<DemoPage[]> {
      const opened = await Promise.all(Array.from({ length: count }, () => pages.open(path)));
      for (const { page } of opened) await typeInto(page, '#room-id', room);
      return opened;
    }

    /**
     * The opener's Open Room, then the joiner's Join Room ; resolves once both show the
     * same two streams playing in `container`, with those stream ids.
     */
    async function callOfTwo(opener: DemoPage, joiner: DemoPage, container: string): Promise<string[]> {
      await openRoom(opener);
      await joiner.page.click('#join-room');
      const seenByOpener = await waitForPlayingMedia(opener.page, container, 2);
      assert.deepEqual(
        seenByOpener,
        await waitForPlayingMedia(joiner.page, container, 2),
        'both show the same streams',
      );
      return seenByOpener;
    }

    it('video-conferencing: the opener and a joiner each see both cameras playing', async () => {
      const room = uniqueRoom('vc');
      const [alice, bob] = await openAll('demos/video-conferencing.html', 2, room);
      await callOfTwo(alice, bob, '#videos-container');
      assert.deepEqual(alice.dialogs.concat(bob.dialogs), []);
    });

    it('vuejs-video-conferencing: Vue renders both cameras on both pages (the page makes its own video elements)', async () => {
      const room = uniqueRoom('vue');
      const [alice, bob] = await openAll('demos/vuejs-video-conferencing.html', 2, room);
      await callOfTwo(alice, bob, '#vue-app');
    });

    it('audio-conferencing: a joiner by the page URL (?roomid=) hears the opener, and the opener hears it', async () => {
      const room = uniqueRoom('ac');
      const [alice] = await openAll('demos/audio-conferencing.html', 1, room);
      await alice.page.click('#open-room');
      await waitForPlayingMedia(alice.page, '#audios-container', 1);
      // The page's own URL form: checkPresence until the room exists, then join.
      const bob = await pages.open(`demos/audio-conferencing.html?roomid=${room}`);
      const heardByAlice = await waitForPlayingMedia(alice.page, '#audios-container', 2);
      const heardByBob = await waitForPlayingMedia(bob.page, '#audios-container', 2);
      assert.deepEqual(heardByAlice, heardByBob);
      const tracks = await bob.page.evaluate(() =>
        [...document.querySelectorAll('#audios-container audio, #audios-container video')].map(
          (element) => ((element as HTMLMediaElement).srcObject as MediaStream).getVideoTracks().length,
        ),
      );
      assert.deepEqual(tracks, [0, 0], 'audio only');
    });

    it('one-to-one: two talk, a third gets the page\'s "Room is full." alert', async () => {
      const room = uniqueRoom('one');
      const [alice, bob, carol] = await openAll('demos/one-to-one.html', 3, room);
      await callOfTwo(alice, bob, '#videos-container');
      await carol.page.click('#join-room');
      await carol.page.waitForFunction(() => !(document.getElementById('join-room') as HTMLButtonElement).disabled);
      assert.deepEqual(carol.dialogs, ['Room is full.']);
    });

    it('video-broadcasting: two viewers see the broadcaster and capture nothing themselves', async () => {
      const room = uniqueRoom('bc');
      const [alice, bob, carol] = await openAll('demos/video-broadcasting.html', 3, room);
      await openRoom(alice);
      const broadcast = await waitForPlayingMedia(alice.page, '#videos-container', 1);
      await bob.page.click('#join-room');
      await carol.page.click('#join-room');
      assert.deepEqual(await waitForPlayingMedia(bob.page, '#videos-container', 1), broadcast);
      assert.deepEqual(await waitForPlayingMedia(carol.page, '#videos-container', 1), broadcast);
      assert.deepEqual(await ownStreamIds(bob.page), []);
    });

    it('text-chat-file-sharing: text typed on either side appears on the other', async () => {
      const room = uniqueRoom('chat');
      const [alice] = await openAll('demos/text-chat-file-sharing.html', 1, room);
      await alice.page.click('#open-room');
      // This page shows nothing when its room is open: the joiner uses the page's URL form, which waits for the room.
      const bob = await pages.open(`demos/text-chat-file-sharing.html?roomid=${room}`);
      await chat(bob, alice, 'hello from bob');
      await chat(alice, bob, 'hello from alice');
    });

    it('video-conferencing-chat-filesharing: video and chat, and the opener is told when the joiner leaves', async () => {
      const room = uniqueRoom('vcc');
      const [alice, bob] = await openAll('demos/video-conferencing-chat-filesharing.html', 2, room);
      await callOfTwo(alice, bob, '#videos-container');
      const bobId = await bob.page.evaluate(
        () => (window as unknown as { connection: { userid: string } }).connection.userid,
      );
      await waitForText(alice.page, 'h1', `You are connected with: ${bobId}`);
      await chat(alice, bob, 'chat beside video');
      await bob.page.waitForFunction(() => !(document.getElementById('btn-leave-room') as HTMLButtonElement).disabled);
      await bob.page.click('#btn-leave-room');
      // The page writes its heading in onclose, from getAllParticipants(): whether the data channel's close or the
      // leave message arrives first is a race (stock has it too), so the heading may still name bob; either way
      // onclose fired, and bob is gone from the room.
      await alice.page.waitForFunction(
        () =>
          /^(Seems session has been closed|You are still connected with)/.test(
            document.querySelector('h1')!.textContent,
          ) &&
          (window as unknown as { connection: { getAllParticipants(): string[] } }).connection.getAllParticipants()
            .length === 0,
      );
    });

    it('call-by-username: both set their usernames (open), one calls the other (join), both see both cameras', async () => {
      const [alice, bob] = await Promise.all([
        pages.open('demos/call-by-username.html'),
        pages.open('demos/call-by-username.html'),
      ]);
      const aliceName = uniqueRoom('alice');
      await typeInto(alice.page, '#current-username', aliceName);
      await typeInto(bob.page, '#current-username', uniqueRoom('bob'));
      await alice.page.click('#change-your-own-username');
      await bob.page.click('#change-your-own-username');
      await waitForPlayingMedia(bob.page, '#videos-container', 1);
      await bob.page.waitForFunction(
        () => !(document.getElementById('join-callee-using-his-username') as HTMLButtonElement).disabled,
      );
      await typeInto(bob.page, '#callee-username', aliceName);
      await bob.page.click('#join-callee-using-his-username');
      assert.deepEqual(
        await waitForPlayingMedia(alice.page, '#videos-container', 2),
        await waitForPlayingMedia(bob.page, '#videos-container', 2),
      );
      assert.deepEqual(alice.dialogs.concat(bob.dialogs), []);
    });

    it("camera-zoom: the page's own captured stream (dontCaptureUserMedia + attachStreams) reaches the other side", async () => {
      const room = uniqueRoom('zoom');
      const [alice, bob] = await openAll('demos/camera-zoom.html', 2, room);
      const seenByAlice = await callOfTwo(alice, bob, '#videos-container');
      const own = [...(await ownStreamIds(alice.page)), ...(await ownStreamIds(bob.page))].sort();
      assert.deepEqual(seenByAlice, own, 'the streams shown are the ones the pages captured themselves');
    });

    it('file-sharing: a file picked before anyone joins goes to the joiner when it connects, byte for byte', async () => {
      const room = uniqueRoom('fs');
      const folder = await mkdtemp(join(tmpdir(), 'rtc-demo-file-'));
      try {
        const bytes = randomBytes(300_001);
        const path = join(folder, 'shared.bin');
        await writeFile(path, bytes);
        // The page joins the room in its URL's hash as it loads (without one it makes up a room and sets the hash).
        const alice = await pages.open(`demos/file-sharing.html#${room}`);
        await waitForText(alice.page, '#logs', 'Successfully connected to room');
        const [chooser] = await Promise.all([alice.page.waitForFileChooser(), alice.page.click('.btn-select-file')]);
        await chooser.accept([path]);
        const bob = await pages.open(`demos/file-sharing.html#${room}`);
        assert.deepEqual(await downloadedFile(bob.page, '#logs a[download="shared.bin"]'), {
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        });
        await waitForText(alice.page, '#logs', 'Successfully shared file');
        // The page turns every console.error into an alert: there was none.
        assert.deepEqual(alice.dialogs.concat(bob.dialogs), []);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });

    if (variant === 'kit') {
      it('text-chat-file-sharing with <rtc-room adopt="connection"> added by markup: each page lists both, with their extra', async () => {
        const room = uniqueRoom('adopt');
        const alice = await pages.open('demos/text-chat-file-sharing.html?elements');
        await typeInto(alice.page, '#room-id', room);
        await alice.page.click('#open-room');
        const bob = await pages.open(`demos/text-chat-file-sharing.html?elements&roomid=${room}`);
        await typeInto(alice.page, 'rtc-extra-editor >>> input[name="fullName"]', 'Alice Liddell');
        await typeInto(bob.page, 'rtc-extra-editor >>> input[name="fullName"]', 'Bob Dylan');
        for (const { page } of [alice, bob]) {
          await page.waitForFunction(
            () => {
              const text = document.querySelector('rtc-participant-list')?.shadowRoot?.textContent ?? '';
              return text.includes('Alice Liddell') && text.includes('Bob Dylan');
            },
            { timeout: 20000 },
          );
        }
        // The page itself works on as before: its chat goes through the connection the room adopted.
        await chat(bob, alice, 'still chatting');
        assert.equal(await alice.page.$eval('rtc-room', (element) => element.getAttribute('status')), 'joined');
      });
    }
  });
}

/** Clicks the page's Open Room and waits for the room URLs it shows once the server has opened the room. */
async function openRoom(demo: DemoPage): Promise<void> {
  await demo.page.click('#open-room');
  await waitForText(demo.page, '#room-urls', 'Unique URL for your room');
}

/** Types `text` into `from`'s chat box with Enter, and waits for it in `to`'s chat output. */
async function chat(from: DemoPage, to: DemoPage, text: string): Promise<void> {
  await from.page.waitForFunction(() => !(document.getElementById('input-text-chat') as HTMLInputElement).disabled);
  await from.page.type('#input-text-chat', text);
  await from.page.keyboard.press('Enter');
  await waitForText(to.page, '.chat-output', text);
}
