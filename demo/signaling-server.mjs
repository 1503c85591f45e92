/**
 * Runs the unmodified stock signaling server (npm `rtcmulticonnection-server`,
 * its own `server.js`) as a child process bound to loopback. The demo and the
 * tests use it; a test can kill it and start it again on the same port.
 *
 *   node demo/signaling-server.mjs [--port 9001]
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const WATCHDOG = fileURLToPath(new URL('./parent-watchdog.cjs', import.meta.url));
const packageDir = dirname(require.resolve('rtcmulticonnection-server/package.json'));
// eslint-disable-next-line no-control-regex -- the server colours its output with ANSI escapes
const LISTENING = /Socket\.io is listening at:\s*(?:\u001b\[[0-9;]*m)?\s*(https?:\/\/[^\s\u001b]+)/;

/**
 * @typedef {object} SignalingServer
 * @property {string} url        e.g. `http://127.0.0.1:41234/`, with the trailing slash stock requires
 * @property {number} port
 * @property {boolean} running  whether the server process is up
 * @property {() => Promise<void>} kill     SIGKILL, as a crash would: no goodbye to any client
 * @property {() => Promise<void>} restart  starts it again on the same port (after kill)
 * @property {() => Promise<void>} stop     ends it for good
 */

/**
 * @param {{port?: number, host?: string, log?: (line: string) => void}} [options]
 * @returns {Promise<SignalingServer>}
 */
export async function startSignalingServer({ port = 0, host = '127.0.0.1', log } = {}) {
  let child = await launch(port, host, log);
  const server = {
    url: child.url,
    port: child.port,
    get running() {
      return child.process.exitCode === null && child.process.signalCode === null;
    },
    async kill() {
      await terminate(child.process, 'SIGKILL');
    },
    async restart() {
      await terminate(child.process, 'SIGKILL');
      child = await launch(server.port, host, log);
    },
    async stop() {
      await terminate(child.process, 'SIGTERM');
    },
  };
  return server;
}

function launch(port, host, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', WATCHDOG, join(packageDir, 'server.js')], {
      // server.js reads config.json from its working directory.
      cwd: packageDir,
      // PORT=0 lets the OS pick a free port; IP keeps it on loopback (server.js defaults to 0.0.0.0).
      env: { ...process.env, PORT: String(port), IP: host },
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
      const match = LISTENING.exec(output);
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
  const server = await startSignalingServer({ port });
  console.log(`stock signaling server (rtcmulticonnection-server) listening at ${server.url}`);
  const shutdown = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
