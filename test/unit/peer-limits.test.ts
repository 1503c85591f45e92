/** PeerLimits: a bounded number of peer connections, and of negotiations at once. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PeerLimits } from '../../src/core/webrtc/peer-limits.js';

function setup(maxPeerConnections = 4, maxConnectingPeers = 2) {
  const started: string[] = [];
  const limits = new PeerLimits(() => ({ maxPeerConnections, maxConnectingPeers }));
  let existing = 0;
  const admit = (userid: string, queue = true) =>
    limits.admit(
      userid,
      existing,
      () => {
        started.push(userid);
        existing++;
      },
      queue,
    );
  return { limits, started, admit };
}

describe('PeerLimits', () => {
  it('negotiates a few at a time; the next starts when one connects or fails', () => {
    const { limits, started, admit } = setup();
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((userid) => admit(userid)),
      ['started', 'started', 'waiting', 'waiting'],
    );
    assert.deepEqual(started, ['a', 'b']);
    limits.settled('a');
    assert.deepEqual(started, ['a', 'b', 'c']);
    limits.settled('zz');
    assert.deepEqual(started, ['a', 'b', 'c'], 'an unknown peer frees nothing');
    limits.forget('b');
    assert.deepEqual(started, ['a', 'b', 'c', 'd']);
  });

  it('refuses past the total, counting the ones waiting', () => {
    const { started, admit } = setup(3, 1);
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((userid) => admit(userid)),
      ['started', 'waiting', 'waiting', 'refused'],
    );
    assert.deepEqual(started, ['a']);
  });

  it('an answer to an offer starts at once, within the total only', () => {
    const { admit } = setup(2, 1);
    assert.deepEqual([admit('a'), admit('b', false), admit('c', false)], ['started', 'started', 'refused']);
  });

  it('a forgotten waiter never starts; clear drops everything', () => {
    const { limits, started, admit } = setup(10, 1);
    admit('a');
    admit('b');
    limits.forget('b');
    limits.settled('a');
    assert.deepEqual(started, ['a']);
    admit('c');
    limits.clear();
    assert.equal(admit('d'), 'started');
  });
});
