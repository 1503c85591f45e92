/**
 * Runs a signaling server as a child process bound to loopback: ours
 * (`rtc-elements-server`, the embedded default) or the unmodified stock one
 * (npm `rtcmulticonnection-server`, its own `server.js`). The demo and the
 * tests use it; a test can kill it and start it again on the same port.
 *
 *   node demo/signaling-server.mjs [--port 9001] [--stock]
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const WATCHDOG = fileURLToPath(new URL('./parent-watchdog.cjs', import.meta.url));
const stockDir = dirname(require.resolve('rtcmulticonnection-server/package.json'));
const oursDir = fileURLToPath(new URL('../server/', import.meta.url));

/** What each server is called when the demo prints where it runs. */
export const SERVER_NAMES = {
  ours: 'rtc-elements-server, in memory',
  stock: 'the stock rtcmulticonnection-server',
};

/**
 * How each server is started and how it says it listens. Ours runs from its TypeScript source (tsx), so tests always
 * run the code as it is; `npm start` builds it and runs the build (`built`).
 */
const KINDS = {
  stock: {
    // server.js reads config.json from its working directory; PORT=0 picks a free port; IP keeps it on loopback.
    command: (port, host) => ({
      args: [join(stockDir, 'server.js')],
      cwd: stockDir,
      env: { PORT: String(port), IP: host },
    }),
    // eslint-disable-next-line no-control-regex -- the server colours its output with ANSI escapes
    listening: /Socket\.io is listening at:\s*(?:\u001b\[[0-9;]*m)?\s*(https?:\/\/[^\s\u001b]+)/,
  },
  ours: {
    command: (port, host, built) => ({
      args: built ? [join(oursDir, 'dist/server/src/cli.js')] : ['--import', 'tsx', join(oursDir, 'src/cli.ts')],
      cwd: oursDir,
      env: { PORT: String(port), HOST: host, LOG_LEVEL: process.env.RTC_SERVER_LOG_LEVEL ?? 'warn' },
    }),
    listening: /^listening on (http:\/\/\S+)$/m,
  },
};

/**
 * @typedef {'ours' | 'stock'} ServerKind
 */

/**
 * @typedef {object} SignalingServer
 * @property {ServerKind} kind
 * @property {string} url        e.g. `http://127.0.0.1:41234/`, with the trailing slash stock requires
 * @property {number} port
 * @property {number | undefined} pid  the server process's (benchmarks read its CPU time and memory)
 * @property {import('node:child_process').ChildProcess} childProcess  the server's process (IPC for a probe)
 * @property {boolean} running  whether the server process is up
 * @property {() => Promise<void>} kill     SIGKILL, as a crash would: no goodbye to any client
 * @property {() => Promise<void>} restart  starts it again on the same port (after kill)
 * @property {() => Promise<void>} stop     ends it for good
 */

/**
 * @param {{kind?: ServerKind, port?: number, host?: string, built?: boolean, log?: (line: string) => void,
 *   nodeOptions?: string[]}} [options]  `nodeOptions`: flags for the server's Node (a benchmark's `--require` probe)
 * @returns {Promise<SignalingServer>}
 */
export async function startSignalingServer({
  kind = 'ours',
  port = 0,
  host = '127.0.0.1',
  built = false,
  log,
  nodeOptions = [],
} = {}) {
  const start = (wanted) => launch(KINDS[kind], wanted, host, built, log, nodeOptions);
  let child = await start(port);
  const server = {
    kind,
    url: child.url,
    port: child.port,
    get pid() {
      return child.process.pid;
    },
    /** The server's process, for messages over its IPC channel (a benchmark's probe answers there). */
    get childProcess() {
      return child.process;
    },
    get running() {
      return child.process.exitCode === null && child.process.signalCode === null;
    },
    async kill() {
      await terminate(child.process, 'SIGKILL');
    },
    async restart() {
      await terminate(child.process, 'SIGKILL');
      child = await start(server.port);
    },
    async stop() {
      await terminate(child.process, 'SIGTERM');
    },
  };
  return server;
}

function launch(kind, port, host, built, log, nodeOptions) {
  const { args, cwd, env } = kind.command(port, host, built);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', WATCHDOG, ...nodeOptions, ...args], {
      cwd,
      env: { ...process.env, ...env },
      // The IPC channel is the watchdog's lifeline: if this process ends first, however it ends, the server ends too.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    // The channel must not keep this process alive.
    child.channel?.unref();
    let output = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      if (log) for (const line of text.split('\n')) if (line.trim()) log(line);
      const match = kind.listening.exec(output);
      if (match) {
        const url = new URL(match[1]);
        resolve({ process: child, url: url.href, port: Number(url.port) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) =>
      reject(new Error(`signaling server exited (${signal ?? code}) before listening:\n${output}`)),
    );
    child.once('error', reject);
  });
}

function terminate(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const portFlag = process.argv.indexOf('--port');
  const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : 9001;
  const kind = process.argv.includes('--stock') ? 'stock' : 'ours';
  const server = await startSignalingServer({ kind, port });
  console.log(`signaling server (${SERVER_NAMES[kind]}) listening at ${server.url}`);
  const shutdown = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
