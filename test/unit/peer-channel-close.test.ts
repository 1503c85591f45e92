/**
 * A peer's data channel closing is reported exactly once (stock's `onclose`), whichever comes first: the other side
 * closing the channel, or the participant's goodbye making us close the peer, including when the channel is already
 * closing but its close event has not come yet. RTCPeerConnection is a stand-in here: the race is in the order of
 * events, which a real browser does not let a test choose.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Peer, type PeerHost } from '../../src/core/webrtc/peer.js';

class FakeChannel extends EventTarget {
  readyState: RTCDataChannelState = 'connecting';
  binaryType = 'blob';
  close(): void {
    if (this.readyState === 'open') this.readyState = 'closing';
  }
  /** The channel's transport reports it: the state, then the event. */
  transition(state: 'open' | 'closing' | 'closed'): void {
    this.readyState = state;
    if (state !== 'closing') this.dispatchEvent(new Event(state === 'open' ? 'open' : 'close'));
  }
}

class FakePeerConnection extends EventTarget {
  static last: FakePeerConnection | undefined;
  connectionState = 'new';
  constructor() {
    super();
    FakePeerConnection.last = this;
  }
  close(): void {}
  announceChannel(channel: FakeChannel): void {
    this.dispatchEvent(Object.assign(new Event('datachannel'), { channel }));
  }
}

function connectedPeer() {
  const calls: string[] = [];
  const host = new Proxy({} as PeerHost, {
    get: (_, name) => {
      if (name === 'iceServers') return [];
      if (name === 'wantsDataChannel') return () => true;
      return (...args: unknown[]) => {
        if (name === 'channelOpened' || name === 'channelClosed') calls.push(String(name));
        return args[0];
      };
    },
  });
  const peer = new Peer(host, {});
  const channel = new FakeChannel();
  FakePeerConnection.last!.announceChannel(channel);
  channel.transition('open');
  return { peer, channel, calls };
}

describe('Peer: the data channel’s close is reported once', () => {
  const globals = globalThis as { RTCPeerConnection?: unknown };
  let original: unknown;
  beforeEach(() => {
    original = globals.RTCPeerConnection;
    globals.RTCPeerConnection = FakePeerConnection;
  });
  afterEach(() => {
    globals.RTCPeerConnection = original;
  });

  it('the other side closed the channel, and its close event came before the goodbye', () => {
    const { peer, channel, calls } = connectedPeer();
    channel.transition('closed');
    peer.close();
    assert.deepEqual(calls, ['channelOpened', 'channelClosed']);
  });

  it('the goodbye came while the channel was closing, before its close event', () => {
    const { peer, channel, calls } = connectedPeer();
    channel.transition('closing');
    peer.close();
    channel.transition('closed');
    assert.deepEqual(calls, ['channelOpened', 'channelClosed']);
  });

  it('we closed an open channel ourselves', () => {
    const { peer, channel, calls } = connectedPeer();
    peer.close();
    channel.transition('closed');
    assert.deepEqual(calls, ['channelOpened', 'channelClosed']);
  });
});
