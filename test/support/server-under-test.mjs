/**
 * Which signaling server a test run is about. Suites that stock clients face run on both: `npm test` runs them once
 * with SIGNALING_SERVER=ours (the default) and once with SIGNALING_SERVER=stock; a suite that needs one server in
 * particular starts that one by name instead.
 */
import { startSignalingServer } from '../../demo/signaling-server.mjs';

/** @returns {import('../../demo/signaling-server.mjs').ServerKind} */
export function serverUnderTest() {
  const kind = process.env.SIGNALING_SERVER ?? 'ours';
  if (kind !== 'ours' && kind !== 'stock') throw new Error(`SIGNALING_SERVER must be "ours" or "stock", got "${kind}"`);
  return kind;
}

/** Starts the server under test (options as `startSignalingServer`'s, but the kind). */
export function startServerUnderTest(options = {}) {
  return startSignalingServer({ ...options, kind: serverUnderTest() });
}

/** How test names call the server under test. */
export function serverLabel() {
  return serverUnderTest() === 'ours' ? 'rtc-elements-server' : 'the stock server';
}
