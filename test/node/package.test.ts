/** The published entry points, loaded the way users load them. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { promisify } from 'node:util';
import { startSignalingServer, type SignalingServer } from '../../demo/signaling-server.mjs';

const run = promisify(execFile);
let server: SignalingServer;

before(async () => {
  assert.ok(
    existsSync(new URL('../../dist/core/index.js', import.meta.url)),
    'dist/ is missing: run `npm run build` first',
  );
  server = await startSignalingServer();
});
after(async () => {
  await server.stop();
});

it('rtc-elements/core loads in plain Node 20, without any DOM, and joins a room', async () => {
  const script = `
    import { RTCMultiConnection } from 'rtc-elements/core';
    if (typeof window !== 'undefined' || typeof document !== 'undefined' || typeof HTMLElement !== 'undefined') throw new Error('a DOM global exists');
    const connection = new RTCMultiConnection(undefined, { socketURL: process.argv[1], extra: { runtime: 'node' }, session: { data: true } });
    const result = await connection.openOrJoin('package-test-' + process.pid);
    console.log(JSON.stringify({ result, participants: connection.participants }));
    await connection.leave();
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, server.url], {
    cwd: new URL('../..', import.meta.url),
  });
  const { result, participants } = JSON.parse(stdout);
  assert.equal(result.isInitiator, true);
  assert.deepEqual(participants[0].extra, { runtime: 'node' });
});

it('the package root exports the same class', async () => {
  const script = `import * as root from 'rtc-elements'; import * as core from 'rtc-elements/core'; console.log(root.RTCMultiConnection === core.RTCMultiConnection);`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url),
  });
  assert.equal(stdout.trim(), 'true');
});

it('the built kit reports the version in package.json', async () => {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const script = `import { RtcElement, RtcRoom } from 'rtc-elements'; console.log(JSON.stringify([RtcElement.version, RtcRoom.version]));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('../..', import.meta.url),
  });
  assert.deepEqual(JSON.parse(stdout), [version, version]);
});
