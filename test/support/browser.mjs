/**
 * What the browser benchmarks and the Node-driven browser tests share: Debian's headless Chromium and Firefox ESR
 * driven by puppeteer-core, and a loopback HTTP server for the project's files.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';
import { firefoxLaunchOptions } from './firefox.mjs';
import { contentTypeOf } from '../../demo/content-types.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** Serves dist/, the stock client and FileBufferReader on 127.0.0.1, plus a blank page to load things into. */
export async function startFileServer() {
  const allowed = [
    join(root, 'dist'),
    join(root, 'node_modules', 'rtcmulticonnection', 'dist'),
    // Stock's file sharing needs FileBufferReader.js on the page.
    join(root, 'node_modules', 'fbr'),
  ];
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname === '/blank.html') {
      response.writeHead(200, { 'content-type': contentTypeOf('.html') });
      response.end(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title></head><body></body></html>',
      );
      return;
    }
    const file = normalize(join(root, decodeURIComponent(pathname)));
    if (!allowed.some((folder) => file.startsWith(folder + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': contentTypeOf(file) });
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        // A browser still open keeps its connections alive: they would hold close() up.
        server.closeAllConnections();
      }),
  };
}

export async function launchChromium() {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Benchmarks drive several pages at once: none may be throttled as a background tab.
    args: [
      ...CHROMIUM_ARGS,
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  });
}

/** Browsers launched by `launchFirefox`: `openPage` gives each of their pages its own window. */
const firefoxes = new WeakSet();

/** Firefox ESR over WebDriver BiDi; `extraPrefs` on top of the usual ones. */
export async function launchFirefox(extraPrefs = {}) {
  const options = firefoxLaunchOptions();
  const browser = await puppeteer.launch({
    ...options,
    extraPrefsFirefox: { ...options.extraPrefsFirefox, ...extraPrefs },
  });
  firefoxes.add(browser);
  return browser;
}

/** Scripts that load the stock 3.7.1 client as stock pages do (websocket: the page's origin is not the server's, which sends no CORS headers). */
export function stockScripts(signalingUrl, fileServerUrl) {
  return [
    { url: `${signalingUrl}socket.io/socket.io.js` },
    {
      content:
        'const __io = window.io; window.io = Object.assign((url, options) => __io(url, { transports: ["websocket"], ...options }), __io);',
    },
    { url: `${fileServerUrl}node_modules/rtcmulticonnection/dist/RTCMultiConnection.min.js` },
  ];
}

/** A blank page on the file server, with the given module or classic scripts loaded. */
export async function openPage(browser, fileServer, scripts = []) {
  // Firefox throttles the timers of a tab that shares its window with another: every Firefox page gets a window.
  const page = await browser.newPage(firefoxes.has(browser) ? { type: 'window' } : undefined);
  page.on('pageerror', (error) => console.error('  page error:', error.message));
  await page.goto(`${fileServer.url}blank.html`);
  for (const script of scripts) await page.addScriptTag(script);
  return page;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)];
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
