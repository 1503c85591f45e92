/**
 * For Node test files: a signaling server for the file (the server under test, see server-under-test.mjs, unless the
 * file names one), and a fresh harness (cleaned up) for each test.
 */
import { after, afterEach, before, beforeEach } from 'node:test';
import { startSignalingServer, type ServerKind, type SignalingServer } from '../../demo/signaling-server.mjs';
import { Harness } from './harness.js';
import { serverUnderTest } from './server-under-test.mjs';

export function useSignalingServer(kind: ServerKind = serverUnderTest()): {
  server: () => SignalingServer;
  harness: () => Harness;
} {
  let server: SignalingServer;
  let harness: Harness;
  before(async () => {
    server = await startSignalingServer({ kind });
  });
  after(async () => {
    await server.stop();
  });
  beforeEach(() => {
    harness = new Harness(server.url);
  });
  afterEach(async () => {
    await harness.cleanup();
  });
  return { server: () => server, harness: () => harness };
}
