/**
 * React 19, the React components of `rtc-elements/react` (under React 19 and React 18), Vue 3, Svelte 5 and Angular 21:
 * each example app of demo/examples/, bundled at test time and importing the kit by its package name, runs in headless
 * Chromium against the real stock signaling server with Node participants in its rooms. And each example type-checks
 * with its framework's checker against the shipped typings alone, while fixtures of wrong uses fail on exactly the lines
 * they mark.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { startSignalingServer, type SignalingServer } from '../../demo/signaling-server.mjs';
import { RTCMultiConnection, type Extra, type ParticipantLeftEvent } from '../../src/index.js';
import { launchChromium } from '../support/browser.mjs';
import { uniqueRoom, until } from '../support/conditions.js';
import {
  bundleExample,
  markedLines,
  root,
  serveExample,
  typeCheck,
  type BundleOptions,
} from '../support/frameworks.js';

const run = promisify(execFile);

const EXAMPLES: {
  name: string;
  dir: string;
  entry: string;
  bundle?: BundleOptions;
  /** The package whose React the example must run on: its version is the one the page shows. */
  react?: string;
  /** Angular, whose dev mode (with its NG0100 check) must be on for the console check to mean anything. */
  angular?: true;
}[] = [
  { name: 'React 19', dir: 'react', entry: 'demo/examples/react/main.tsx' },
  {
    name: 'React components (rtc-elements/react)',
    dir: 'react-wrappers',
    entry: 'demo/examples/react-wrappers/main.tsx',
    react: 'react',
  },
  {
    // The same app, bundled against React 18 (installed as react18 and react-dom18).
    name: 'React components (rtc-elements/react) on React 18',
    dir: 'react18-wrappers',
    entry: 'demo/examples/react-wrappers/main.tsx',
    bundle: { alias: { react: 'react18', 'react-dom': 'react-dom18' } },
    react: 'react18',
  },
  { name: 'Vue 3', dir: 'vue', entry: 'demo/examples/vue/main.ts' },
  { name: 'Svelte 5', dir: 'svelte', entry: 'demo/examples/svelte/main.ts' },
  {
    name: 'Angular 21',
    dir: 'angular',
    entry: 'demo/examples/angular/main.ts',
    bundle: { tsconfig: 'demo/examples/angular/tsconfig.json' },
    angular: true,
  },
];

/** Each checker over its example (a folder with its tsconfig.json), and over a fixture of wrong uses that must fail. */
const CHECKS = [
  {
    framework: 'React examples (React 19 JSX, rtc-elements/react)',
    checker: 'tsc',
    example: 'demo/examples',
    fixture: 'test/types/react-wrong.tsx',
    reportedAs: undefined,
  },
  {
    framework: 'Vue example (strict templates)',
    checker: 'vue-tsc',
    example: 'demo/examples/vue',
    fixture: 'test/types/vue/Wrong.vue',
    reportedAs: undefined,
  },
  {
    framework: 'Svelte example',
    checker: 'svelte-check',
    example: 'demo/examples/svelte',
    fixture: 'test/types/svelte/Wrong.svelte',
    // svelte-check names files relative to its workspace.
    reportedAs: 'Wrong.svelte',
  },
  {
    framework: 'Angular example (strict templates)',
    checker: 'ngc',
    example: 'demo/examples/angular',
    fixture: 'test/types/angular/wrong.component.ts',
    // ngc names files relative to the tsconfig.json's folder.
    reportedAs: 'wrong.component.ts',
  },
] as const;

let server: SignalingServer;
let browser: Browser;

before(async () => {
  for (const file of ['dist/index.d.ts', 'dist/types/react.d.ts', 'dist/react/index.js'])
    assert.ok(existsSync(new URL(`../../${file}`, import.meta.url)), `${file} is missing: run \`npm run build\` first`);
  server = await startSignalingServer();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

interface LogLine {
  type: string;
  userid: string | undefined;
  code: string | undefined;
  text: string;
}

/** The app's own event log, as it rendered it. */
function appLog(page: Page): Promise<LogLine[]> {
  return page.$$eval('#events li', (items) =>
    items.map((item) => {
      const li = item as HTMLElement;
      return {
        type: li.dataset['type']!,
        userid: li.dataset['userid'],
        code: li.dataset['code'],
        text: li.textContent.trim(),
      };
    }),
  );
}

async function untilLogged(page: Page, description: string, predicate: (line: LogLine) => boolean): Promise<LogLine> {
  const deadline = Date.now() + 10000;
  for (;;) {
    const found = (await appLog(page)).find(predicate);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`the app never showed ${description}; it shows ${JSON.stringify(await appLog(page))}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A signaling-only participant in Node (our core), recording what it sees of one userid. */
async function nodeParticipant(room: string, userid: string, watched: string) {
  const connection = new RTCMultiConnection(undefined, {
    socketURL: server.url,
    userid,
    extra: { fullName: userid },
    session: { data: true },
  });
  const seen = { extras: [] as Extra[], joined: 0, left: [] as ParticipantLeftEvent['reason'][] };
  connection.addEventListener('extra-updated', (event) => {
    if (event.userid === watched) seen.extras.push(structuredClone(event.extra));
  });
  connection.addEventListener('participant-joined', (event) => {
    if (event.userid === watched) seen.joined++;
  });
  connection.addEventListener('participant-left', (event) => {
    if (event.userid === watched) seen.left.push(event.reason);
  });
  await connection.openOrJoin(room);
  const extraOf = () => connection.participants.find((p) => p.userid === watched)?.extra;
  return { connection, seen, extraOf };
}

for (const example of EXAMPLES) {
  describe(`the ${example.name} example`, () => {
    const roomA = uniqueRoom(`${example.dir}-a`);
    const roomB = uniqueRoom(`${example.dir}-b`);
    const appId = `app-${roomA}`;
    let files: Awaited<ReturnType<typeof serveExample>>;
    let page: Page;
    let nodeA: Awaited<ReturnType<typeof nodeParticipant>>;
    let nodeB: Awaited<ReturnType<typeof nodeParticipant>>;
    const consoleProblems: string[] = [];

    before(async () => {
      files = await serveExample(await bundleExample(example.dir, example.entry, example.bundle), example.name);
      nodeA = await nodeParticipant(roomA, `node-a-${roomA}`, appId);
      nodeB = await nodeParticipant(roomB, `node-b-${roomA}`, appId);
      page = await browser.newPage();
      page.on('pageerror', (error) => consoleProblems.push(`page error: ${(error as Error).message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warn') consoleProblems.push(message.text());
      });
      const query = new URLSearchParams({ socket: server.url, room: roomA, room2: roomB, userid: appId });
      await page.goto(`${files.url}?${query}`);
    });
    after(async () => {
      await page?.close();
      await nodeA?.connection.leave();
      await nodeB?.connection.leave();
      await files?.close();
    });

    const click = (selector: string) => page.click(selector);
    const nodeSees = (expected: Extra, what: string) =>
      until(
        () => JSON.stringify(nodeA.extraOf()) === JSON.stringify(expected),
        `the Node participant sees the app's extra ${JSON.stringify(expected)} (${what}); it sees ${JSON.stringify(nodeA.extraOf())}`,
      );

    it('joins with roomId, socket-url and extra from component state; the elements get properties, not strings', async () => {
      await nodeSees({ fullName: 'Ada' }, 'the initial object');
      const elements = await page.evaluate(() => {
        const room = document.querySelector('rtc-room')!;
        const media = document.querySelector('rtc-media')!;
        return {
          roomId: room.roomId,
          status: room.status,
          inside: ['rtc-participant-list', 'rtc-extra-editor', 'rtc-media'].map(
            (tag) => room.querySelector(tag) !== null,
          ),
          hideLocal: media.hideLocal,
        };
      });
      assert.equal(elements.roomId, roomA);
      assert.equal(elements.status, 'joined');
      assert.deepEqual(elements.inside, [true, true, true], 'all four elements are rendered');
      assert.equal(elements.hideLocal, true);
      // The list shows the Node participant, by the name in its extra.
      await page.waitForFunction(
        (id) =>
          document.querySelector('rtc-participant-list')?.shadowRoot?.querySelector(`[data-userid="${id}"]`) != null,
        {},
        nodeA.connection.userid,
      );
    });

    if (example.react) {
      const { version } = JSON.parse(
        readFileSync(join(root, 'node_modules', example.react, 'package.json'), 'utf8'),
      ) as { version: string };
      it(`runs on React ${version} (the ${example.react} package)`, async () => {
        assert.equal(await page.$eval('#react-version', (span) => span.textContent), version);
      });
    }

    if (example.angular)
      it("runs in Angular's dev mode, which checks every view for expressions changed after the check (NG0100)", async () => {
        // Angular publishes its debugging global `ng` in dev mode only.
        const ng = await page.evaluate(
          () => typeof (window as unknown as { ng?: { getComponent?: unknown } }).ng?.getComponent,
        );
        assert.equal(ng, 'function');
      });

    it('publishes the same extra whether `extra` is given as an object or as JSON text', async () => {
      nodeA.seen.extras.length = 0;
      await click('[data-extra="grace-json"]');
      await nodeSees({ fullName: 'Grace' }, 'from JSON text');
      await click('[data-extra="ada-object"]');
      await nodeSees({ fullName: 'Ada' }, 'from an object');
      await click('[data-extra="grace-object"]');
      await nodeSees({ fullName: 'Grace' }, 'from an object');
      await click('[data-extra="ada-json"]');
      await nodeSees({ fullName: 'Ada' }, 'from JSON text');
      assert.deepEqual(nodeA.seen.extras, [
        { fullName: 'Grace' },
        { fullName: 'Ada' },
        { fullName: 'Grace' },
        { fullName: 'Ada' },
      ]);
    });

    it('answers a number or text that is not JSON with rtc-error, seen by its handler, and publishes nothing', async () => {
      nodeA.seen.extras.length = 0;
      await click('[data-extra="number"]');
      const notObject = await untilLogged(page, 'rtc-error for a number', (line) => line.type === 'rtc-error');
      assert.equal(notObject.code, 'extra-not-object');
      await click('[data-extra="not-json"]');
      const notJson = await untilLogged(
        page,
        'rtc-error for text that is not JSON',
        (line) => line.type === 'rtc-error' && line.code === 'extra-not-json',
      );
      assert.match(notJson.text, /^extra-not-json: /);
      assert.deepEqual(nodeA.extraOf(), { fullName: 'Ada' }, 'the extra in force is unchanged');
      // A good value next: anything the bad ones had sent would have reached the Node participant before it.
      await click('[data-extra="grace-object"]');
      await nodeSees({ fullName: 'Grace' }, 'a good value after the bad ones');
      assert.deepEqual(nodeA.seen.extras, [{ fullName: 'Grace' }], 'nothing was published for the bad values');
      // Each bad value is reported once, however often the framework re-renders with it (and it re-renders on each
      // error, since the handler logs it).
      assert.deepEqual(
        (await appLog(page)).filter((line) => line.type === 'rtc-error').map((line) => line.code),
        ['extra-not-object', 'extra-not-json'],
      );
    });

    it("hands its event handlers typed details, which it renders: joins, extra updates (its own and others'), errors", async () => {
      await untilLogged(page, "the Node participant's join", (line) => {
        return line.type === 'rtc-participant-joined' && line.userid === nodeA.connection.userid;
      });
      await untilLogged(
        page,
        'its own join',
        (line) => line.type === 'rtc-participant-joined' && line.userid === appId,
      );
      await untilLogged(
        page,
        'its own extra update',
        (line) =>
          line.type === 'rtc-extra-updated' &&
          line.userid === appId &&
          line.text === `${appId} (you) changed fullName: {"fullName":"Grace"}`,
      );
      await nodeA.connection.updateExtraData({ fullName: 'Node A', status: 'here' });
      const remote = await untilLogged(
        page,
        "the Node participant's extra update",
        (line) => line.type === 'rtc-extra-updated' && line.userid === nodeA.connection.userid,
      );
      assert.match(
        remote.text,
        /changed (fullName, status|status, fullName): \{"fullName":"Node A","status":"here"\}$/,
      );
    });

    it('moves rooms when its room id changes: leaves room A, joins room B', async () => {
      assert.equal(nodeB.seen.joined, 0);
      await click('#move');
      await until(() => nodeA.seen.left.length === 1, 'the participant in room A sees the app leave');
      assert.deepEqual(nodeA.seen.left, ['goodbye']);
      await until(
        () => nodeB.connection.participants.some((p) => p.userid === appId),
        'the participant in room B sees the app join',
      );
      assert.equal(nodeB.seen.joined, 1);
      assert.deepEqual(
        nodeB.connection.participants.find((p) => p.userid === appId)?.extra,
        { fullName: 'Grace' },
        'with its extra',
      );
      assert.equal(await page.$eval('rtc-room', (room) => room.roomId), roomB);
    });

    it("leaves when the room is unmounted: the other participant sees participant-left, reason 'goodbye'", async () => {
      await click('#unmount');
      await until(() => nodeB.seen.left.length === 1, 'the participant in room B sees the app leave');
      assert.deepEqual(nodeB.seen.left, ['goodbye']);
      assert.equal(await page.$('rtc-room'), null, 'the room is gone from the page');
      assert.equal(nodeA.seen.left.length, 1, 'nothing more in room A');
    });

    it('said nothing on the console (no framework warning, no page error)', () => {
      assert.deepEqual(consoleProblems, []);
    });
  });
}

describe('the React components of rtc-elements/react', () => {
  it('listen to exactly the events custom-elements.json lists, as onRtc… props', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8')) as {
      modules: { declarations?: { customElement?: boolean; tagName?: string; events?: { name: string }[] }[] }[];
    };
    const wrappers = readFileSync(new URL('../../dist/react/index.js', import.meta.url), 'utf8');
    const listened = new Map<string, string[]>();
    for (const match of wrappers.matchAll(/tagName: '([^']+)',[\s\S]*?events: \{([\s\S]*?)\}/g))
      listened.set(
        match[1]!,
        [...match[2]!.matchAll(/(\w+): '([^']+)'/g)].map((event) => `${event[1]}=${event[2]}`),
      );
    const pascal = (name: string) =>
      name
        .split('-')
        .map((part) => part[0]!.toUpperCase() + part.slice(1))
        .join('');
    const expected = new Map<string, string[]>();
    for (const module of manifest.modules)
      for (const declaration of module.declarations ?? [])
        if (declaration.customElement && declaration.tagName)
          expected.set(
            declaration.tagName,
            (declaration.events ?? []).map((event) => `on${pascal(event.name)}=${event.name}`),
          );
    assert.ok(expected.size >= 4);
    assert.deepEqual(new Map([...listened].sort()), new Map([...expected].sort()));
  });

  it('are not in the CDN bundle', () => {
    const cdn = readFileSync(new URL('../../dist/rtc-elements.js', import.meta.url), 'utf8');
    assert.doesNotMatch(cdn, /createComponent|@lit\/react|react\.element|onRtcExtraUpdated/);
  });
});

describe('the typings generator (scripts/generate-typings.mjs)', () => {
  it('falls back, with a warning, on manifest types that are missing or do not compile, and its output still compiles', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../custom-elements.json', import.meta.url), 'utf8')) as {
      modules: {
        declarations?: {
          tagName?: string;
          events?: { name: string; type?: { text: string } }[];
          members?: { name: string; type?: { text: string } }[];
        }[];
      }[];
    };
    const room = manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName === 'rtc-room')!;
    const event = (name: string) => room.events!.find((e) => e.name === name)!;
    event('rtc-error').type = { text: 'RtcEvent<NoSuchDetail>' };
    delete event('rtc-extra-updated').type;
    room.events!.push({ name: 'rtc-invented' });
    room.members!.find((member) => member.name === 'roomId')!.type = { text: 'Nope<string>' };
    const out = join(root, 'node_modules', '.cache', 'typings-fallback');
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));

    const generated = await run(process.execPath, [
      'scripts/generate-typings.mjs',
      '--manifest',
      join(out, 'manifest.json'),
      '--out',
      out,
      '--check',
    ]).catch((error: { code: number; stderr: string }) => error);
    assert.equal('code' in generated ? generated.code : 0, 1, '--check fails on a fallback');
    assert.deepEqual(generated.stderr.trim().split('\n').sort(), [
      `generate-typings: <rtc-room> event "rtc-error": the type "RtcEvent<NoSuchDetail>" does not compile against the package's exports`,
      'generate-typings: <rtc-room> event "rtc-extra-updated": no type in the manifest',
      'generate-typings: <rtc-room> event "rtc-invented": no type in the manifest',
      `generate-typings: <rtc-room> property "roomId": the type "Nope<string>" does not compile against the package's exports`,
    ]);
    const react = readFileSync(join(out, 'types', 'react.d.ts'), 'utf8');
    // Still exact where the package knows better: the element class's own type, the kit's declared event map.
    assert.match(react, /^ {2}roomId\?: RtcRoom\["roomId"\];$/m);
    assert.match(react, /'onrtc-error'\?: \(\(event: HTMLElementEventMap\["rtc-error"\]\) => void\)/);
    assert.match(react, /'onrtc-extra-updated'\?: \(\(event: HTMLElementEventMap\["rtc-extra-updated"\]\) => void\)/);
    assert.match(react, /'onrtc-invented'\?: \(\(event: Event\) => void\)/);

    writeFileSync(
      join(out, 'tsconfig.json'),
      JSON.stringify({
        extends: join(root, 'demo/examples/tsconfig.json'),
        include: [],
        files: ['types/index.d.ts', 'types/react.d.ts', 'types/vue.d.ts', 'types/svelte.d.ts', 'react/index.d.ts'],
      }),
    );
    const compiled = await typeCheck('tsc', relative(root, out));
    assert.equal(compiled.code, 0, compiled.output);
  });
});

describe('the shipped typings, checked by each framework', () => {
  for (const { framework, checker, example } of CHECKS) {
    it(`${checker} passes the ${framework}`, async () => {
      const result = await typeCheck(checker, example);
      assert.equal(result.code, 0, result.output);
    });
  }

  for (const { checker, fixture, reportedAs } of CHECKS) {
    it(`wrong uses fail ${checker}, on exactly the lines ${fixture} marks`, async () => {
      const result = await typeCheck(checker, dirname(fixture));
      assert.notEqual(result.code, 0, 'the checker must fail');
      const expected = markedLines(fixture, reportedAs);
      assert.ok(expected.length >= 5);
      assert.deepEqual([...new Set(result.errors)].sort(), expected.sort(), result.output);
    });
  }
});
