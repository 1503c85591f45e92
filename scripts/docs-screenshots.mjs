/**
 * Screenshots of the docs as a reader sees them, for a person to look at: the home page and an element page at
 * desktop width, and both at a phone's width, in light and dark, each once its live examples have joined.
 *
 *   node scripts/docs-screenshots.mjs [--out /tmp/docs-shots] [--page elements/rtc-participant-list.html] [--full]
 *
 * --full takes whole pages instead of the first screen.
 *
 * Builds the docs into node_modules/.cache against a stock signaling server on loopback (dist/ must be built).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSignalingServer } from '../demo/signaling-server.mjs';
import { launchChromium } from '../test/support/browser.mjs';
import { buildDocs } from './build-docs.mjs';
import { startStaticServer } from './docs/static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const option = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const out = resolve(option('--out', '/tmp/docs-shots'));
const elementPage = option('--page', 'elements/rtc-participant-list.html');
mkdirSync(out, { recursive: true });

const signaling = await startSignalingServer();
const { outDir } = buildDocs({ socketUrl: signaling.url, outDir: join(root, 'node_modules', '.cache', 'docs-shots') });
const site = await startStaticServer(outDir);
const browser = await launchChromium();
try {
  const shots = [
    ['home', 'index.html'],
    ['element', elementPage],
  ];
  const widths = [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
  ];
  for (const [name, path] of shots)
    for (const [device, viewport] of widths)
      for (const scheme of ['light', 'dark']) {
        const page = await browser.newPage();
        await page.setViewport(viewport);
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        await page.goto(new URL(path, site.url).href);
        for (const frame of page.frames())
          await frame.waitForFunction(
            () => [...document.querySelectorAll('rtc-room')].every((room) => room.getAttribute('status') === 'joined'),
            { timeout: 15000 },
          );
        const file = join(out, `${name}-${device}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: process.argv.includes('--full') });
        console.log(file);
        await page.close();
      }
} finally {
  await browser.close();
  await site.close();
  await signaling.stop();
}
