/**
 * Running the server: /healthz and /metrics, a graceful close, CORS, and the
 * command line (a child process, killed by its pid when the file is done).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect as netConnect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, afterEach, test } from 'node:test';
import type { SignalingServer } from '../src/index.js';
import { closeAll, connect, httpGet, joined, MSG, openRoom, startServer, unique, until } from './support.js';

const servers: SignalingServer[] = [];
const children: ChildProcess[] = [];
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

afterEach(closeAll);
after(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined)
      process.kill(child.pid, 'SIGKILL');
  }
  await Promise.all(servers.map((server) => server.close()));
});

async function server(options: Parameters<typeof startServer>[0] = {}): Promise<SignalingServer> {
  const started = await startServer(options);
  servers.push(started);
  return started;
}

test('GET /healthz answers 200 {"status":"ok",…}', async () => {
  const { url } = await server();
  const response = await httpGet(`${url}healthz`);
  assert.equal(response.status, 200);
  assert.match(response.headers['content-type'] ?? '', /application\/json/);
  assert.equal((JSON.parse(response.body) as { status: string }).status, 'ok');
});

test('GET /metrics is Prometheus text with the server’s gauges and counters', async () => {
  const { url } = await server();
  const roomid = unique('room');
  const a = await connect(url, unique('a'));
  const b = await connect(url, unique('b'));
  await openRoom(a, roomid);
  await joined(b, roomid);
  a.relay(b.userid, { hello: true });
  a.relay(b.userid, { forged: true }, b.userid);
  await b.next(MSG);
  await a.next('rtc-elements:refused');
  const { status, headers, body } = await httpGet(`${url}metrics`);
  assert.equal(status, 200);
  assert.match(headers['content-type'] ?? '', /^text\/plain/);
  const value = (pattern: RegExp) => Number(pattern.exec(body)?.[1]);
  assert.equal(value(/^rtc_connections\{kind="stock"\} (\d+)$/m), 2);
  assert.equal(value(/^rtc_rooms (\d+)$/m), 1);
  assert.equal(value(/^rtc_participants (\d+)$/m), 2);
  assert.ok(value(/^rtc_refusals_total\{event="relay",reason="sender-mismatch"\} (\d+)$/m) >= 1, body);
  assert.ok(value(/^rtc_deliveries_total\{kind="relay"\} (\d+)$/m) >= 1, body);
});

test('close() answers /healthz 503 while closing, closes every transport and resolves within shutdownTimeout', async () => {
  const shutdownTimeout = 2000;
  const closing = await server({ shutdownTimeout });
  const port = new URL(closing.url).port;
  const client = await connect(closing.url, unique('client'), { reconnection: true });
  const gone = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
  // A request begun before close() and finished during it: it is answered while the server closes.
  const raw = netConnect(Number(port), '127.0.0.1');
  await new Promise((resolve) => raw.once('connect', resolve));
  let answer = '';
  raw.setEncoding('utf8');
  raw.on('data', (chunk: string) => (answer += chunk));
  raw.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);

  let deadline: NodeJS.Timeout | undefined;
  const closed = Promise.race([
    closing.close(),
    new Promise((_, reject) => {
      deadline = setTimeout(
        () => reject(new Error('close() did not resolve within shutdownTimeout')),
        shutdownTimeout + 1000,
      );
    }),
  ]);
  raw.write('\r\n');
  await until(() => answer.includes('"status"'), 'the health check is answered');
  assert.match(answer, /^HTTP\/1\.1 503 /);
  assert.match(answer, /"status":"closing"/);
  raw.destroy();
  assert.equal(await gone, 'transport close');
  client.close(); // no reconnecting to a server that is gone
  await closed;
  clearTimeout(deadline);
});

test('corsOrigins: a polling handshake from another origin is refused, one from an allowed origin is let in', async () => {
  const { url } = await server({ corsOrigins: ['http://allowed.example'] });
  const handshake = `${url}socket.io/?EIO=4&transport=polling`;
  const evil = await httpGet(handshake, { origin: 'http://evil.example' });
  assert.equal(evil.status, 403);
  assert.equal(evil.headers['access-control-allow-origin'], undefined);
  const allowed = await httpGet(handshake, { origin: 'http://allowed.example' });
  assert.equal(allowed.status, 200);
  assert.equal(allowed.headers['access-control-allow-origin'], 'http://allowed.example');
  assert.match(allowed.body, /^0\{"sid":/);
});

/** Runs the CLI; its output so far, and its exit. */
function cli(...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

test('the CLI listens on a free port, prints where, and exits 0 on SIGTERM', async () => {
  const { child, output, exited } = cli('--port', '0', '--log-level', 'warn');
  await until(
    () => /^listening on http:\/\/127\.0\.0\.1:\d+\/$/m.test(output.stdout),
    'it says where it listens',
    30_000,
  );
  const url = /^listening on (\S+)$/m.exec(output.stdout)![1]!;
  assert.equal((await httpGet(`${url}healthz`)).status, 200);
  process.kill(child.pid!, 'SIGTERM');
  assert.equal(await exited, 0);
});

test('the CLI prints its usage for --help and exits 0; a bad flag exits 2', async () => {
  const help = cli('--help');
  assert.equal(await help.exited, 0);
  assert.match(help.output.stdout, /^Usage: rtc-elements-server/);
  const bad = cli('--no-such-flag');
  assert.equal(await bad.exited, 2);
  assert.match(bad.output.stderr, /no-such-flag/);
  const badNumber = cli('--port', 'many');
  assert.equal(await badNumber.exited, 2);
});
