/**
 * File sharing between a stock 3.7.1 page and a kit page, both upstream's text-chat-file-sharing demo (unchanged),
 * in one room of the stock server: a file chosen with the page's own Share File button arrives on the other page byte
 * for byte, with progress events there, in both directions. The kit page has FileBufferReader.js removed first:
 * the kit speaks its format itself (stock needs the script on both sides).
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import type { SignalingServer } from '../../demo/signaling-server.mjs';
import { DemoPages, downloadedFile, typeInto, type DemoPage } from '../compat/demo-pages.js';
import { startDemoServer } from '../compat/serve-demos.mjs';
import { launchChromium } from '../support/browser.mjs';
import { uniqueRoom } from '../support/conditions.js';
import { startServerUnderTest } from '../support/server-under-test.mjs';

/** 2.5 MB: 63 chunks of stock's 40 000 bytes, enough for many progress events and a short last chunk. */
const FILE_SIZE = 2_500_001;

describe('file sharing between a stock page and a kit page (text-chat-file-sharing demo)', () => {
  let signaling: SignalingServer;
  let servers: Array<Awaited<ReturnType<typeof startDemoServer>>>;
  let browser: Browser;
  let stockPages: DemoPages;
  let kitPages: DemoPages;
  let folder: string;

  before(async () => {
    signaling = await startServerUnderTest();
    servers = await Promise.all(
      (['stock', 'kit'] as const).map((variant) => startDemoServer({ variant, signalingUrl: signaling.url })),
    );
    browser = await launchChromium();
    stockPages = new DemoPages(browser, servers[0]!.url);
    kitPages = new DemoPages(browser, servers[1]!.url);
    folder = await mkdtemp(join(tmpdir(), 'rtc-files-'));
  });
  after(async () => {
    await stockPages.closeAll();
    await kitPages.closeAll();
    await browser.close();
    await Promise.all(servers.map((server) => server.close()));
    await signaling.stop();
    await rm(folder, { recursive: true, force: true });
  });

  /** Counts the receiving page's onFileProgress calls (and still runs the page's handler). */
  async function countProgress(demo: DemoPage): Promise<void> {
    await demo.page.evaluate(() => {
      const connection = (window as unknown as { connection: { onFileProgress: (chunk: unknown) => void } }).connection;
      const original = connection.onFileProgress.bind(connection);
      Object.assign(window, { fileProgressEvents: 0 });
      connection.onFileProgress = (chunk) => {
        (window as unknown as { fileProgressEvents: number }).fileProgressEvents++;
        original(chunk);
      };
    });
  }

  /** Shares a fresh random file from `from` with its Share File button; resolves when `to` shows it, with its hash. */
  async function shareFile(from: DemoPage, to: DemoPage, name: string) {
    const bytes = randomBytes(FILE_SIZE);
    const path = join(folder, name);
    await writeFile(path, bytes);
    await countProgress(to);
    await from.page.waitForFunction(() => !(document.getElementById('share-file') as HTMLButtonElement).disabled);
    const started = Date.now();
    const [chooser] = await Promise.all([from.page.waitForFileChooser(), from.page.click('#share-file')]);
    await chooser.accept([path]);
    const received = await downloadedFile(to.page, `#file-container a[download="${name}"]`);
    const milliseconds = Date.now() - started;
    const progressEvents = await to.page.evaluate(
      () => (window as unknown as { fileProgressEvents: number }).fileProgressEvents,
    );
    console.log(
      `  ${name}: ${FILE_SIZE} bytes in ${milliseconds} ms, ${progressEvents} progress events on the receiver`,
    );
    return {
      received,
      expected: { size: FILE_SIZE, sha256: createHash('sha256').update(bytes).digest('hex') },
      progressEvents,
    };
  }

  it('a file from the stock page arrives on the kit page (without FileBufferReader.js) byte for byte, and the reverse', async () => {
    const room = uniqueRoom('files');
    const stock = await stockPages.open('demos/text-chat-file-sharing.html');
    await typeInto(stock.page, '#room-id', room);
    await stock.page.click('#open-room');
    const kit = await kitPages.open(`demos/text-chat-file-sharing.html?roomid=${room}`);
    await kit.page.evaluate(() => delete (window as { FileBufferReader?: unknown }).FileBufferReader);

    const toKit = await shareFile(stock, kit, 'from-stock.bin');
    assert.deepEqual(toKit.received, toKit.expected);
    assert.ok(toKit.progressEvents >= Math.ceil(FILE_SIZE / 40000), `${toKit.progressEvents} progress events`);

    const toStock = await shareFile(kit, stock, 'from-kit.bin');
    assert.deepEqual(toStock.received, toStock.expected);
    assert.ok(toStock.progressEvents >= Math.ceil(FILE_SIZE / 40000), `${toStock.progressEvents} progress events`);
  });
});
