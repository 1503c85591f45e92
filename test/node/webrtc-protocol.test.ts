/** The WebRTC parts of the protocol layer: data-channel text frames and negotiation messages. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDescriptionMessage, buildStreamSync, parseNegotiation } from '../../src/protocol/negotiation.js';
import { encodeTextMessage, TextReassembler } from '../../src/protocol/text-chunks.js';

describe('data-channel text frames', () => {
  it('encodes a short string as one stock frame', () => {
    const [frame, ...rest] = encodeTextMessage('hi', 'u1', 1000);
    assert.equal(rest.length, 0);
    assert.deepEqual(JSON.parse(frame!), {
      type: 'text',
      uuid: 'u1',
      sendingTime: 1000,
      message: 'hi',
      packets: 0,
      last: true,
      isobject: false,
    });
  });

  it('chunks long text like stock: packets counts the full chunks, the last frame carries last and isobject', () => {
    const frames = encodeTextMessage('a'.repeat(85000), 'u2', 5, 40000).map((frame) => JSON.parse(frame));
    assert.equal(frames.length, 3);
    assert.equal(frames[0].packets, 2);
    assert.equal('last' in frames[0] || 'last' in frames[1], false);
    assert.deepEqual([frames[2].last, frames[2].isobject], [true, false]);
    assert.equal(frames.map((frame) => frame.message).join('').length, 85000);
  });

  it('round-trips objects and reports latency from the sender clock', () => {
    const reassembler = new TextReassembler();
    const frames = encodeTextMessage({ a: [1, 'é'.repeat(20000)] }, 'u3', 100);
    assert.ok(frames.length > 1);
    const results = frames.map((frame) => reassembler.accept(frame, 130));
    assert.deepEqual(results.at(-1), { done: true, data: { a: [1, 'é'.repeat(20000)] }, latency: 30 });
    assert.ok(results.slice(0, -1).every((result) => 'done' in result && !result.done));
  });

  it('accepts the minimal frame stock accepts, without type or packets', () => {
    assert.deepEqual(new TextReassembler().accept('{"uuid":"x","message":"hey","last":true}', 0), {
      done: true,
      data: 'hey',
      latency: 0,
    });
  });

  it('turns garbage into errors, never throws', () => {
    const reassembler = new TextReassembler();
    for (const frame of [
      new ArrayBuffer(3),
      'not json',
      '[1]',
      '{"type":"text"}',
      '{"type":"file","message":"x"}',
      '{"message":"{nope","last":true,"isobject":true}',
      'null',
    ]) {
      assert.ok('error' in reassembler.accept(frame, 0), JSON.stringify(frame));
    }
  });

  it('bounds what a peer can make it hold: oldest unfinished messages are evicted, oversize ones dropped', () => {
    const reassembler = new TextReassembler({ maxMessageLength: 10, maxPendingMessages: 2, timeoutMs: 1000 });
    reassembler.accept('{"uuid":"a","message":"1"}', 0);
    reassembler.accept('{"uuid":"b","message":"2"}', 0);
    reassembler.accept('{"uuid":"c","message":"3"}', 0);
    assert.deepEqual(
      reassembler.accept('{"uuid":"a","message":"4","last":true}', 0),
      { done: true, data: '4', latency: 0 },
      'a was evicted and starts over',
    );
    assert.deepEqual(reassembler.accept('{"uuid":"c","message":"5","last":true}', 0), {
      done: true,
      data: '35',
      latency: 0,
    });
    assert.ok('error' in reassembler.accept('{"uuid":"d","message":"12345678901"}', 0));
    reassembler.accept('{"uuid":"e","message":"old"}', 0);
    assert.deepEqual(
      reassembler.accept('{"uuid":"e","message":"new","last":true}', 5000),
      { done: true, data: 'new', latency: 0 },
      'timed-out parts are gone',
    );
  });
});

describe('negotiation messages', () => {
  it('builds the stock offer shape and parses it back', () => {
    const message = buildDescriptionMessage({
      description: { type: 'offer', sdp: 'v=0' },
      remotePeerSdpConstraints: { OfferToReceiveAudio: true, OfferToReceiveVideo: false },
      renegotiating: false,
      connectionDescription: { remoteUserId: 'r' },
      dontGetRemoteStream: false,
      extra: { fullName: 'A' },
      streamsToShare: { s1: { isAudio: false, isVideo: true, isScreen: false } },
    });
    assert.deepEqual(Object.keys(message), [
      'type',
      'sdp',
      'remotePeerSdpConstraints',
      'renegotiatingPeer',
      'connectionDescription',
      'dontGetRemoteStream',
      'extra',
      'streamsToShare',
    ]);
    const parsed = parseNegotiation(message);
    assert.equal(parsed?.kind, 'description');
    assert.deepEqual(parsed?.kind === 'description' && parsed.streamsToShare, {
      s1: { isAudio: false, isVideo: true, isScreen: false },
    });
  });

  it('reads the one-way flag, candidates, the media handshake, stream sync and dropPeerConnection', () => {
    const offer = parseNegotiation({
      type: 'offer',
      sdp: 'v=0',
      remotePeerSdpConstraints: { dontGetRemoteStream: true },
    });
    assert.equal(offer?.kind === 'description' && offer.dontAttachLocalStream, true);
    assert.deepEqual(parseNegotiation({ candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 }), {
      kind: 'candidate',
      candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 },
    });
    assert.equal(parseNegotiation({ enableMedia: true, userPreferences: { isOneWay: true } })?.kind, 'enable-media');
    assert.equal(parseNegotiation({ readyForOffer: true, userPreferences: {} })?.kind, 'ready-for-offer');
    assert.deepEqual(parseNegotiation(buildStreamSync('s', 'mute', 'audio')), {
      kind: 'stream-sync',
      streamid: 's',
      action: 'mute',
      type: 'audio',
    });
    assert.deepEqual(parseNegotiation({ streamSyncNeeded: true, streamid: 's', action: 'stream-removed' }), {
      kind: 'stream-sync',
      streamid: 's',
      action: 'ended',
      type: 'both',
    });
    assert.deepEqual(parseNegotiation('dropPeerConnection'), { kind: 'drop-peer' });
  });

  it('rejects what is not negotiation, without throwing', () => {
    for (const message of [
      'hello',
      {},
      { type: 'offer' },
      { type: 'offer', sdp: 'x'.repeat(300_000) },
      { candidate: 5 },
      { candidate: 'c'.repeat(5000) },
      { enableMedia: true },
      { streamSyncNeeded: true, streamid: 's', action: 'explode' },
    ]) {
      assert.equal(
        parseNegotiation(message as Record<string, unknown>),
        undefined,
        JSON.stringify(message).slice(0, 60),
      );
    }
    const tricky = parseNegotiation({
      type: 'answer',
      sdp: 'v=0',
      streamsToShare: JSON.parse('{"__proto__": {"isVideo": true}, "ok": 5}'),
    });
    assert.deepEqual(tricky?.kind === 'description' && tricky.streamsToShare, {});
  });
});
