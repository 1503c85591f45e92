/**
 * `npm test`: builds, type-checks, lints (ESLint and Prettier), checks custom-elements.json is current, runs every runner (Node's over the unit
 * tests, then over the Node integration tests, then the browser one), and ends with one line summing them all:
 * `N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// eslint-disable-next-line no-control-regex -- ANSI escapes are control characters
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Runs a command, echoing its output, and resolves with that output and the exit code. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
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

/**
 * Runs Node's test runner over the `*.test.ts` files of one folder, adds its counts to the totals and returns them as
 * `N passed, N failed` (`?` for a count it did not print).
 */
async function nodeTests(folder, timeout) {
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => `${folder}/${file}`);
  const result = await run(process.execPath, [
    '--import',
    'tsx',
    '--test',
    `--test-timeout=${timeout}`,
    '--test-reporter=spec',
    ...files,
  ]);
  const pass = /^ℹ pass (\d+)$/m.exec(result.output);
  const fail = /^ℹ fail (\d+)$/m.exec(result.output);
  if (pass && fail) {
    totals.passed += Number(pass[1]);
    totals.failed += Number(fail[1]);
  }
  if (result.code !== 0 && (!fail || Number(fail[1]) === 0)) runnerCrashed = true;
  return `${pass?.[1] ?? '?'} passed, ${fail?.[1] ?? '?'} failed`;
}

// Unit tests first: pure classes on mocked timers, done in well under a second.
const unit = await nodeTests('test/unit', 10000);
const node = await nodeTests('test/node', 120000);

// The browser runner redraws one progress line per browser (`Chrome:  |███| 11/11 test files | 38 passed, 0 failed`,
// then `Firefox: …`): each browser's last line holds its final counts, and the suite's are their sum.
const browser = await run(process.execPath, ['node_modules/@web/test-runner/dist/bin.js']);
const perBrowser = new Map();
for (const [, name, passed, failed] of browser.output.matchAll(/^(\w+): *\|.*?(\d+) passed, (\d+) failed/gm))
  perBrowser.set(name, [Number(passed), Number(failed)]);
const browserCounts =
  perBrowser.size > 0
    ? [...perBrowser.values()].reduce(([p, f], [passed, failed]) => [p + passed, f + failed], [0, 0])
    : undefined;
if (browserCounts) {
  totals.passed += browserCounts[0];
  totals.failed += browserCounts[1];
}
if (browser.code !== 0 && (!browserCounts || browserCounts[1] === 0)) runnerCrashed = true;

if (runnerCrashed) totals.failed += 1;
console.log(
  `\nunit: ${unit}; node: ${node}; browser: ${browserCounts?.[0] ?? '?'} passed, ${browserCounts?.[1] ?? '?'} failed (${[...perBrowser].map(([name, [passed]]) => `${name} ${passed}`).join(', ')})${runnerCrashed ? '; a runner failed without a failing test (counted as one failure)' : ''}`,
);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
