/**
 * `npm test`: builds, type-checks, lints (ESLint and Prettier), checks custom-elements.json is current, runs every
 * tier (Node's runner over the unit tests, the server's tests, the Node integration tests on rtc-elements-server and
 * the stock-facing ones again on the stock server; then the browser runner), prints each tier's counts and time, and
 * ends with one line summing them all: `N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line no-control-regex -- ANSI escapes are control characters
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * Node integration suites that stock clients face (or that kill the server): run a second time on the stock server,
 * so that what passes on stock is seen to pass on ours. The browser suites of this kind loop over both servers inside
 * (test/support/signaling.ts `SERVER_KINDS`).
 */
const ON_BOTH_SERVERS = [
  'test/node/compat-demos-stock.test.ts',
  'test/node/compat-demos-kit.test.ts',
  'test/node/compat-file-sharing.test.ts',
  'test/node/room.test.ts',
  'test/node/stock-api.test.ts',
  'test/node/errors.test.ts',
  'test/node/reconnect.test.ts',
  'test/node/browser-faults.test.ts',
];

/** Runs a command, echoing its output, and resolves with that output and the exit code. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        output += chunk;
        process.stdout.write(chunk);
      });
    }
    child.on('close', (code) => resolve({ code: code ?? 1, output: output.replace(ANSI, '') }));
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
for (const script of ['build', 'typecheck', 'lint']) {
  const { code } = await run(npm, ['run', '--silent', script]);
  if (code !== 0) {
    console.log(`npm run ${script} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

// The committed custom-elements.json must match what the JSDoc in src/ generates now.
// (The analyzer takes --outdir relative to the working directory.)
const manifestDir = join('node_modules', '.cache', 'manifest-check');
const analyzed = await run(process.execPath, [
  'node_modules/@custom-elements-manifest/analyzer/cem.js',
  'analyze',
  '--outdir',
  manifestDir,
]);
const fresh = analyzed.code === 0 ? readFileSync(join(manifestDir, 'custom-elements.json'), 'utf8') : '';
rmSync(manifestDir, { recursive: true, force: true });
if (fresh !== readFileSync('custom-elements.json', 'utf8')) {
  console.log('custom-elements.json is stale: run `npm run analyze` and commit it.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const totals = { passed: 0, failed: 0 };
let runnerCrashed = false;

/** The `*.test.ts` files of a folder. */
const testFiles = (folder) =>
  readdirSync(folder)
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => `${folder}/${file}`);

/**
 * Runs Node's test runner over test files, adds its counts to the totals and returns them as `N passed, N failed`
 * (`?` for a count it did not print).
 */
async function nodeTests(files, timeout, env = {}) {
  const result = await run(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-timeout=${timeout}`, '--test-reporter=spec', ...files],
    env,
  );
  const pass = /^ℹ pass (\d+)$/m.exec(result.output);
  const fail = /^ℹ fail (\d+)$/m.exec(result.output);
  if (pass && fail) {
    totals.passed += Number(pass[1]);
    totals.failed += Number(fail[1]);
  }
  if (result.code !== 0 && (!fail || Number(fail[1]) === 0)) runnerCrashed = true;
  return `${pass?.[1] ?? '?'} passed, ${fail?.[1] ?? '?'} failed`;
}

/** Each tier's counts and how long it took. */
const tiers = [];
async function tier(name, runTier) {
  const started = performance.now();
  const counts = await runTier();
  tiers.push(`${name}: ${counts} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

// Unit tests first: pure classes on mocked timers, done in well under a second.
await tier('unit', () => nodeTests(testFiles('test/unit'), 10000));
await tier('server', () => nodeTests(testFiles('server/test'), 60000));
await tier('node on rtc-elements-server', () =>
  nodeTests(testFiles('test/node'), 120000, { SIGNALING_SERVER: 'ours' }),
);
await tier('node on the stock server', () => nodeTests(ON_BOTH_SERVERS, 120000, { SIGNALING_SERVER: 'stock' }));

// The browser runner redraws one progress line per browser (`Chrome:  |███| 11/11 test files | 38 passed, 0 failed`,
// then `Firefox: …`): each browser's last line holds its final counts, and the suite's are their sum.
await tier('browser', async () => {
  const perBrowser = new Map();
  const browser = await run(process.execPath, ['node_modules/@web/test-runner/dist/bin.js']);
  for (const [, name, passed, failed] of browser.output.matchAll(/^(\w+): *\|.*?(\d+) passed, (\d+) failed/gm))
    perBrowser.set(name, [Number(passed), Number(failed)]);
  const counts =
    perBrowser.size > 0
      ? [...perBrowser.values()].reduce(([p, f], [passed, failed]) => [p + passed, f + failed], [0, 0])
      : undefined;
  if (counts) {
    totals.passed += counts[0];
    totals.failed += counts[1];
  }
  if (browser.code !== 0 && (!counts || counts[1] === 0)) runnerCrashed = true;
  const each = [...perBrowser].map(([name, [passed]]) => `${name} ${passed}`).join(', ');
  return `${counts?.[0] ?? '?'} passed, ${counts?.[1] ?? '?'} failed (${each})`;
});

if (runnerCrashed) totals.failed += 1;
console.log(`\n${tiers.join('\n')}`);
if (runnerCrashed) console.log('a runner failed without a failing test (counted as one failure)');
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
