/**
 * The docs site: built by `scripts/build-docs.mjs` (the `npm run docs` command line) against a stock signaling server
 * on 127.0.0.1, served as a static host serves it, and walked page by page in headless Chromium. On every page: no
 * page error, console error or failed request; every live example's elements upgraded and every room joined; every
 * internal link and #anchor leading somewhere real; axe finding nothing, in light and in dark. Every element of
 * custom-elements.json has a page listing all it documents; `?socket=` moves a page and the pages it links to onto
 * another server; the copy buttons copy the markup shown; the theme menu, the playground and the keyboard work.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { AxeResults } from 'axe-core';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { startSignalingServer, type SignalingServer } from '../../demo/signaling-server.mjs';
import { startStaticServer } from '../../scripts/docs/static-server.mjs';
import { launchChromium } from '../support/browser.mjs';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);
const AXE = fileURLToPath(new URL('node_modules/axe-core/axe.min.js', root));
const DESKTOP = { width: 1280, height: 900 };
const JOIN_TIMEOUT = 20000;

interface Named {
  name: string;
  type?: { text: string };
  kind?: string;
  privacy?: string;
  static?: boolean;
  inheritedFrom?: unknown;
  attribute?: string;
  fieldName?: string;
}
interface Element {
  tagName?: string;
  customElement?: boolean;
  attributes?: Named[];
  members?: Named[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8')) as {
  modules: Array<{ declarations?: Element[] }>;
};
const elements = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).filter((declaration) => declaration.customElement && declaration.tagName),
);

// Built before the tests are declared, so that each page is a test of its own.
const signaling: SignalingServer = await startSignalingServer();
const outDir = mkdtempSync(join(tmpdir(), 'rtc-docs-'));
const built = await run(process.execPath, [
  fileURLToPath(new URL('scripts/build-docs.mjs', root)),
  '--socket-url',
  signaling.url,
  '--out',
  outDir,
]);

/** Every HTML file of the build, as a path relative to its folder (`elements/rtc-room.html`). */
function htmlFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.split(sep).join('/'))
    .sort();
}
const pages = htmlFiles(outDir);
const html = new Map(pages.map((path) => [path, readFileSync(join(outDir, path), 'utf8')]));
/** The ids each page has, for the #anchors that point at them. */
const ids = new Map(
  pages.map((path) => [path, new Set([...html.get(path)!.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!))]),
);

let site: { url: string; close: () => Promise<void> };
let browser: Browser;

before(async () => {
  site = await startStaticServer(outDir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await signaling.stop();
  rmSync(outDir, { recursive: true, force: true });
});

type AxeWindow = Window & { axe: { run(context: Document, options: object): Promise<AxeResults> } };

/** A page of the site with everything that goes wrong on it recorded. */
async function open(path: string, viewport = DESKTOP) {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url ?? ''})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${(error as Error).message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.setViewport(viewport);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.goto(new URL(path, site.url).href, { waitUntil: 'load' });
  return { page, problems };
}

/** Starts the examples that wait for a click (the camera ones), then waits until every room of every frame joined. */
async function joinEverything(page: Page) {
  for (const frame of page.frames())
    for (const button of await frame.$$('.example-preview .start')) await button.click();
  for (const frame of page.frames())
    await frame
      .waitForFunction(
        () => [...document.querySelectorAll('rtc-room')].every((room) => room.getAttribute('status') === 'joined'),
        { timeout: JOIN_TIMEOUT, polling: 50 },
      )
      .catch(async () => {
        const statuses = await frame.$$eval('rtc-room', (rooms) =>
          rooms.map((room) => `${room.getAttribute('room-id')}: ${room.getAttribute('status')}`),
        );
        throw new Error(`${frame.url()}: not every room joined within ${JOIN_TIMEOUT} ms (${statuses.join(', ')})`);
      });
}

/** What each frame's live examples hold: the rtc-* tags used, and any that is not upgraded and rendered. */
function upgradeReport(frame: Frame) {
  return frame.evaluate(() => {
    const used = [...document.querySelectorAll('*')].filter((element) => element.localName.startsWith('rtc-'));
    return {
      tags: [...new Set(used.map((element) => element.localName))],
      examples: [...document.querySelectorAll('.example-preview[data-live]')].map(
        (preview) => preview.querySelectorAll('rtc-room').length,
      ),
      notUpgraded: used
        .filter(
          (element) => !customElements.get(element.localName) || !element.matches(':defined') || !element.shadowRoot,
        )
        .map((element) => element.localName),
    };
  });
}

/** Every link and frame address of a frame, resolved. */
function addresses(frame: Frame) {
  return frame.evaluate(() => [
    ...[...document.querySelectorAll('a[href]')].map((link) => (link as HTMLAnchorElement).href),
    ...[...document.querySelectorAll('iframe[src]')].map((iframe) => (iframe as HTMLIFrameElement).src),
  ]);
}

/** Where an address of the site leads: the page's path in the build and its fragment; undefined when not ours. */
function target(address: string): { path: string; hash: string } | undefined {
  const url = new URL(address);
  if (url.origin !== new URL(site.url).origin) return undefined;
  let path = decodeURIComponent(url.pathname.slice(1));
  if (path === '' || path.endsWith('/')) path += 'index.html';
  return { path, hash: decodeURIComponent(url.hash.slice(1)) };
}

async function axe(frame: Frame): Promise<string[]> {
  await frame.addScriptTag({ path: AXE });
  const results = await frame.evaluate(() => (window as unknown as AxeWindow).axe.run(document, { iframes: false }));
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
  );
}

it('builds every page, the CDN file and the signaling URL it was given into the folder asked for', () => {
  assert.match(built.stdout, /docs: \d+ pages in /);
  const expected = [
    'index.html',
    ...elements.map((element) => `elements/${element.tagName}.html`),
    ...readdirSync(new URL('docs/pages/', root))
      .filter((file) => file.endsWith('.md') && file !== 'index.md')
      .map((file) => file.replace(/\.md$/, '.html')),
    ...readdirSync(new URL('docs/frames/', root)).map((file) => `frames/${file}`),
  ].sort();
  assert.deepEqual(pages, expected);
  assert.deepEqual(readFileSync(join(outDir, 'rtc-elements.js')), readFileSync(new URL('dist/rtc-elements.js', root)));
  for (const [path, text] of html)
    assert.ok(text.includes(`<meta name="rtc-docs-socket" content="${signaling.url}">`), `${path} names the server`);
});

it('reaches every page from the home page by links and frames', () => {
  const reached = new Set(['index.html']);
  const queue = ['index.html'];
  while (queue.length) {
    const path = queue.shift()!;
    for (const [, address] of html.get(path)!.matchAll(/\s(?:href|src)="([^"#:]+\.html)[^"]*"/g)) {
      const next = posix.normalize(posix.join(posix.dirname(path), address!));
      if (!reached.has(next) && html.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  assert.deepEqual([...reached].sort(), pages);
});

describe('every element of custom-elements.json has a page listing all it documents', () => {
  for (const element of elements) {
    const tag = element.tagName!;
    it(`<${tag}>`, () => {
      const text = html.get(`elements/${tag}.html`);
      assert.ok(text, `elements/${tag}.html is built`);
      const row = (id: string) => {
        const match = new RegExp(`<tr id="${id}">([\\s\\S]*?)</tr>`).exec(text);
        assert.ok(match, `<${tag}>'s page has the row #${id}`);
        return match[1]!
          .replace(/<[^>]+>/g, '')
          .replaceAll('&lt;', '<')
          .replaceAll('&gt;', '>')
          .replaceAll('&amp;', '&');
      };
      const isOwn = (member: Named) =>
        !member.inheritedFrom &&
        !member.static &&
        (!member.privacy || member.privacy === 'public') &&
        !member.name.startsWith('#');
      for (const member of (element.members ?? []).filter(isOwn)) {
        const id = member.kind === 'method' ? `method-${member.name}` : `property-${member.name}`;
        assert.ok(row(id).includes(member.name), `${member.name} in #${id}`);
        if (member.attribute) assert.ok(row(id).includes(member.attribute), `attribute ${member.attribute} in #${id}`);
      }
      for (const attribute of element.attributes ?? [])
        assert.ok(
          text.includes(`<code>${attribute.name}</code>`) && row(`property-${attribute.fieldName ?? attribute.name}`),
          `attribute ${attribute.name}`,
        );
      for (const event of element.events ?? []) {
        const cells = row(`event-${event.name}`);
        assert.ok(cells.includes(event.name), event.name);
        const detail = /<(.+)>$/.exec(event.type!.text)![1]!;
        assert.ok(cells.includes(detail), `${event.name}'s detail type ${detail}`);
      }
      for (const slot of element.slots ?? []) assert.ok(row(`slot-${slot.name || 'default'}`));
      for (const part of element.cssParts ?? []) assert.ok(row(`part-${part.name}`).includes(part.name), part.name);
      for (const property of element.cssProperties ?? [])
        assert.ok(row(`css-${property.name.slice(2)}`).includes(property.name), property.name);
      assert.match(text, /class="example"/, 'a live example');
    });
  }
});

describe('every page in Chromium: examples joined, no error, links resolve, axe-clean in light and dark', () => {
  for (const path of pages) {
    it(path, async () => {
      const { page, problems } = await open(path);
      try {
        await joinEverything(page);
        const frames = page.frames();
        for (const frame of frames) {
          const report = await upgradeReport(frame);
          assert.deepEqual(report.notUpgraded, [], `${frame.url()}: every rtc-* element upgraded and rendered`);
          assert.ok(
            report.examples.every((rooms) => rooms > 0),
            `${frame.url()}: every live example has a room (${report.examples.join(', ')})`,
          );
        }
        // A media example in a room with audio or video shows the camera it asked for (Chromium's fake one) as a tile.
        for (const frame of frames)
          await frame.waitForFunction(
            () =>
              [...document.querySelectorAll('rtc-media')]
                .filter((media) => /audio|video/.test(media.closest('rtc-room')?.getAttribute('session') ?? ''))
                .every((media) => media.shadowRoot!.querySelectorAll('[part~="tile"] video').length > 0),
            { timeout: JOIN_TIMEOUT, polling: 50 },
          );
        if (path.startsWith('elements/'))
          assert.ok(
            (await upgradeReport(page.mainFrame())).tags.includes(path.slice('elements/'.length, -'.html'.length)),
            'the element page runs its element',
          );

        const broken: string[] = [];
        for (const frame of frames)
          for (const address of await addresses(frame)) {
            const goal = target(address);
            if (!goal) continue;
            const self = goal.path === target(frame.url())!.path;
            if (!html.has(goal.path)) broken.push(`${address} (no such page)`);
            else if (goal.hash && !(self ? await frame.$(`[id="${goal.hash}"]`) : ids.get(goal.path)!.has(goal.hash)))
              broken.push(`${address} (no #${goal.hash} there)`);
          }
        assert.deepEqual(broken, [], 'every internal link and anchor resolves');

        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
          assert.equal(
            await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
            scheme === 'dark',
            `the page is ${scheme}`,
          );
          const violations = (await Promise.all(frames.map(axe))).flat();
          assert.deepEqual(violations, [], `axe in ${scheme}`);
        }
        assert.deepEqual(problems, [], 'no page error, console error or failed request');
      } finally {
        await page.close();
      }
    });
  }
});

describe('the site at work', () => {
  it('?socket= moves the live examples to another server, and the links and frames carry it along', async () => {
    const other = await startSignalingServer();
    const { page, problems } = await open(`elements/rtc-room.html?socket=${encodeURIComponent(other.url)}`);
    try {
      await joinEverything(page);
      assert.deepEqual(await page.$$eval('rtc-room', (rooms) => rooms.map((room) => room.getAttribute('socket-url'))), [
        other.url,
      ]);
      const code = await page.$eval('.example pre code', (element) => element.textContent);
      assert.ok(code.includes(other.url) && !code.includes(signaling.url), 'the markup shown names the server used');
      await Promise.all([page.waitForNavigation(), page.click('.brand')]);
      assert.equal(new URL(page.url()).searchParams.get('socket'), other.url);
      await joinEverything(page);
      const frames = page.frames().filter((frame) => frame !== page.mainFrame());
      assert.equal(frames.length, 2);
      for (const frame of frames)
        assert.deepEqual(
          await frame.$$eval('rtc-room', (rooms) => rooms.map((room) => room.getAttribute('socket-url'))),
          [other.url],
        );
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
      await other.stop();
    }
  });

  it("the home page's two frames are two participants of one room: a rename in one reaches the other", async () => {
    const { page, problems } = await open('index.html');
    try {
      await joinEverything(page);
      const frameOf = (name: string) =>
        page.frames().find((frame) => new URL(frame.url()).searchParams.get('name') === name);
      const [ada, grace] = [frameOf('Ada'), frameOf('Grace')];
      const names = (frame: Frame) =>
        frame.$eval('rtc-participant-list', (list) =>
          [...list.shadowRoot!.querySelectorAll('[part~="name"]')].map((name) => name.textContent.trim()).sort(),
        );
      await grace!.waitForFunction(
        () =>
          document.querySelector('rtc-participant-list')!.shadowRoot!.querySelectorAll('[part~="participant"]')
            .length === 2,
      );
      assert.deepEqual(await names(grace!), ['Ada', 'Grace (you)']);
      const input = await ada!.waitForSelector('rtc-extra-editor >>> input[name="fullName"]');
      await input!.click({ count: 3 });
      await input!.type('Ada Lovelace');
      await grace!.waitForFunction(() =>
        [...document.querySelector('rtc-participant-list')!.shadowRoot!.querySelectorAll('[part~="name"]')].some(
          (name) => name.textContent.trim() === 'Ada Lovelace',
        ),
      );
      assert.deepEqual(await names(grace!), ['Ada Lovelace', 'Grace (you)']);
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  it('a copy button copies the markup as shown', async () => {
    await browser
      .defaultBrowserContext()
      .overridePermissions(new URL(site.url).origin, [
        'clipboard-read',
        'clipboard-write',
        'clipboard-sanitized-write',
      ]);
    const { page, problems } = await open('elements/rtc-participant-list.html');
    try {
      const shown = await page.$eval('.example pre code', (element) => element.textContent);
      await page.click('.example .copy');
      await page.waitForFunction(() => document.querySelector('.example .copy')!.textContent === 'Copied');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), shown);
      assert.match(
        shown,
        /^<rtc-room\s+room-id="docs-rtc-participant-list"\s+socket-url="http:\/\/127\.0\.0\.1:\d+\/"/,
      );
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  it('the elements follow the page: the system scheme, then the Theme menu, in the frames too', async () => {
    const { page, problems } = await open('index.html');
    try {
      await joinEverything(page);
      const avatarColours = () =>
        Promise.all(
          page
            .frames()
            .map((frame) =>
              frame.$eval(
                'rtc-participant-list',
                (list) => getComputedStyle(list.shadowRoot!.querySelector('[part~="avatar"]')!).backgroundColor,
              ),
            ),
        );
      const frames = () => page.frames().filter((frame) => frame !== page.mainFrame());
      const light = await avatarColours();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      const dark = await avatarColours();
      assert.notDeepEqual(dark, light, 'dark avatars in a dark system');
      await page.select('.scheme-select', 'light');
      for (const frame of frames())
        await frame.waitForFunction(() => document.documentElement.style.colorScheme === 'light');
      assert.deepEqual(await avatarColours(), light, 'light again, chosen in the menu, frames included');
      await page.select('.scheme-select', '');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  it('the theming playground restyles the live room as its controls change', async () => {
    const { page, problems } = await open('theming.html');
    try {
      await joinEverything(page);
      await page.type('[data-property="--rtc-accent"]', 'rgb(200, 30, 90)');
      assert.match(
        await page.$eval('[data-css]', (css) => (css as HTMLTextAreaElement).value),
        /--rtc-accent: rgb\(200, 30, 90\);/,
      );
      assert.equal(
        await page.$eval(
          '.playground rtc-participant-list',
          (list) => getComputedStyle(list.shadowRoot!.querySelector('[part~="avatar"]')!).backgroundColor,
        ),
        'rgb(200, 30, 90)',
      );
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });

  it('the keyboard: a skip link first, a visible focus ring, and the menu at a phone width', async () => {
    const { page, problems } = await open('elements/rtc-room.html', { width: 390, height: 844 });
    try {
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement;
        const box = active.getBoundingClientRect();
        return { className: active.className, top: box.top, outline: getComputedStyle(active).outlineStyle };
      });
      assert.deepEqual(skip, { className: 'skip-link', top: skip.top, outline: 'solid' });
      assert.ok(skip.top >= 0, 'the skip link shows when focused');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

      assert.equal(await page.$eval('#site-nav', (nav) => getComputedStyle(nav).display), 'none');
      await page.focus('.menu-button');
      await page.keyboard.press('Enter');
      assert.equal(await page.$eval('.menu-button', (button) => button.getAttribute('aria-expanded')), 'true');
      assert.notEqual(await page.$eval('#site-nav', (nav) => getComputedStyle(nav).display), 'none');
      await page.keyboard.press('Escape');
      assert.equal(await page.$eval('#site-nav', (nav) => getComputedStyle(nav).display), 'none');
      assert.equal(await page.evaluate(() => document.activeElement?.className), 'menu-button');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});
