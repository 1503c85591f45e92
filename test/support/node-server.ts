/** For Node test files: a stock signaling server for the file, and a fresh harness (cleaned up) for each test. */
import { after, afterEach, before, beforeEach } from 'node:test';
import { startSignalingServer, type SignalingServer } from '../../demo/signaling-server.mjs';
import { Harness } from './harness.js';

export function useSignalingServer(): { server: () => SignalingServer; harness: () => Harness } {
  let server: SignalingServer;
  let harness: Harness;
  before(async () => {
    server = await startSignalingServer();
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
