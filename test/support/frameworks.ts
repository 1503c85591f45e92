/**
 * The framework examples (demo/examples/) as the tests use them: bundled with esbuild at test time into
 * node_modules/.cache (nothing generated is committed), served on 127.0.0.1, and type-checked with each framework's
 * own checker against the typings the package ships (dist/types, dist/react), through the package's own name.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileScript, parse } from '@vue/compiler-sfc';
import { build, type Plugin } from 'esbuild';
import esbuildSvelte from 'esbuild-svelte';

// esbuild-svelte's types declare an ES default export, but its CommonJS file sets module.exports to the plugin, which
// is what Node's default import gives.
const sveltePlugin = esbuildSvelte as unknown as typeof esbuildSvelte.default;

export const root = fileURLToPath(new URL('../..', import.meta.url));
const cache = join(root, 'node_modules', '.cache', 'frameworks');

/** The tags Vue's template compiler must leave to the browser (the README's `isCustomElement`). */
export const isCustomElement = (tag: string): boolean => tag.startsWith('rtc-');

/** Single-file components through @vue/compiler-sfc: script setup with the template inlined; no styles used here. */
const vuePlugin: Plugin = {
  name: 'vue-sfc',
  setup(esbuild) {
    esbuild.onLoad({ filter: /\.vue$/ }, async ({ path }) => {
      // The template is parsed here already: the parser, too, must know which tags are custom elements.
      const { descriptor, errors } = parse(await readFile(path, 'utf8'), {
        filename: path,
        templateParseOptions: { isCustomElement },
      });
      if (errors.length > 0) return { errors: errors.map((error) => ({ text: String(error) })) };
      const script = compileScript(descriptor, {
        id: createHash('sha256').update(path).digest('hex').slice(0, 8),
        inlineTemplate: true,
        templateOptions: { compilerOptions: { isCustomElement } },
      });
      return { contents: script.content, loader: 'ts', resolveDir: dirname(path) };
    });
  },
};

/** What one example's bundle needs beyond the others'. */
export interface BundleOptions {
  /** The tsconfig.json esbuild reads (JSX, decorators), relative to the root: demo/examples/tsconfig.json unless given. */
  tsconfig?: string;
  /** Packages replaced by others in this bundle only, subpaths included (e.g. `react` by `react18`). */
  alias?: Record<string, string>;
}

/** Bundles one example's entry (e.g. `demo/examples/vue/main.ts`) into one ES module; returns its path. */
export async function bundleExample(name: string, entry: string, options: BundleOptions = {}): Promise<string> {
  const outfile = join(cache, name, 'app.js');
  rmSync(dirname(outfile), { recursive: true, force: true });
  mkdirSync(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile,
    // Development builds: React and Vue report misuse on the console, which the tests watch (Angular's dev mode is on
    // unless `ngDevMode` is defined false).
    define: {
      'process.env.NODE_ENV': '"development"',
      __VUE_OPTIONS_API__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    },
    conditions: ['svelte', 'browser'],
    tsconfig: join(root, options.tsconfig ?? 'demo/examples/tsconfig.json'),
    alias: options.alias ?? {},
    plugins: [vuePlugin, sveltePlugin({ compilerOptions: { dev: true } })],
    logLevel: 'silent',
  });
  return outfile;
}

/** Serves a bundled example at `/` (a page with `<div id="app">`) and `/app.js`, on 127.0.0.1. */
export async function serveExample(bundle: string, title: string) {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head><body><div id="app"></div><script type="module" src="/app.js"></script></body></html>`;
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
    } else if (pathname === '/app.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(readFileSync(bundle));
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The browser keeps its connections alive: they would hold close() up for minutes.
        server.closeAllConnections();
      }),
  };
}

export interface CheckResult {
  code: number;
  output: string;
  /** `file:line` of every error reported (file relative to the working directory the checker printed). */
  errors: string[];
}

/** Where each checker's script is, and how it is told which folder (with its tsconfig.json) to check. */
const CHECKERS = {
  tsc: (folder: string) => ['typescript/bin/tsc', '-p', `${folder}/tsconfig.json`],
  'vue-tsc': (folder: string) => ['vue-tsc/bin/vue-tsc.js', '--noEmit', '-p', `${folder}/tsconfig.json`],
  // ngc type-checks templates as it compiles; the examples' tsconfig.json has noEmit, so it writes nothing.
  ngc: (folder: string) => ['@angular/compiler-cli/bundles/src/bin/ngc.js', '-p', `${folder}/tsconfig.json`],
  // --fail-on-warnings: a warning of svelte-check is a finding too.
  'svelte-check': (folder: string) => [
    'svelte-check/bin/svelte-check',
    '--workspace',
    folder,
    '--tsconfig',
    join(root, folder, 'tsconfig.json'),
    '--fail-on-warnings',
    '--output',
    'machine',
  ],
};

/** Runs a type checker over a folder (with its tsconfig.json) and collects the errors it printed, whatever its format. */
export function typeCheck(checker: keyof typeof CHECKERS, folder: string): Promise<CheckResult> {
  const [script, ...args] = CHECKERS[checker](folder);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'node_modules', script!), ...args],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // ngc colours its output even when it is not a terminal's.
        // eslint-disable-next-line no-control-regex -- ANSI escapes are control characters
        const output = `${stdout}${stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
        const errors: string[] = [];
        // tsc, vue-tsc: `path(line,col): error TS…`
        for (const match of output.matchAll(/^(\S.*?)\((\d+),\d+\): error /gm)) errors.push(`${match[1]}:${match[2]}`);
        // ngc: `path:line:col - error TS…` (or NG…), the path relative to the tsconfig.json's folder
        for (const match of output.matchAll(/^(\S.*?):(\d+):\d+ - error /gm)) errors.push(`${match[1]}:${match[2]}`);
        // svelte-check --output machine: `<time> ERROR "path" line:col "message"`
        for (const match of output.matchAll(/^\d+ ERROR "([^"]+)" (\d+):\d+ /gm))
          errors.push(`${match[1]}:${match[2]}`);
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output, errors });
      },
    );
  });
}

/**
 * The lines a fixture marks as wrong: each marker comment (`// wrong: …`, `<!-- wrong: … -->`, `{/* wrong: … *\/}`)
 * announces a mistake on the line after it, which the checker must report.
 */
export function markedLines(file: string, reportedAs = file): string[] {
  return readFileSync(join(root, file), 'utf8')
    .split('\n')
    .flatMap((line, index) => (/(\/\/|<!--|\/\*) wrong: /.test(line) ? [`${reportedAs}:${index + 2}`] : []));
}
