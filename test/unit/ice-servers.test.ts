/** ICE servers as stock treats them: URLs the browser refuses are left out (and reported once), the rest are used. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IceServerFilter, usableIceServers, type RejectedIceUrl } from '../../src/core/stock/ice-servers.js';

/** Refuses what today's Chromium refuses: a `stun:` URL with a query (`?transport=udp`). */
function chromiumLikeCheck(server: RTCIceServer): void {
  const url = String(server.urls);
  if (url.startsWith('stun:') && url.includes('?')) throw new Error(`Invalid STUN URL: ${url}`);
}

// The upstream demos' servers, verbatim.
const DEMO_SERVERS: RTCIceServer[] = [
  {
    urls: [
      'stun:stun.l.google.com:19302',
      'stun:stun1.l.google.com:19302',
      'stun:stun2.l.google.com:19302',
      'stun:stun.l.google.com:19302?transport=udp',
    ],
  },
];

describe('usableIceServers', () => {
  it('drops only the refused URL of a server and keeps its other URLs and fields', () => {
    const servers = [...DEMO_SERVERS, { urls: 'turn:turn.example:3478', username: 'u', credential: 'c' }];
    const result = usableIceServers(servers, chromiumLikeCheck);
    assert.deepEqual(result.servers, [
      { urls: ['stun:stun.l.google.com:19302', 'stun:stun1.l.google.com:19302', 'stun:stun2.l.google.com:19302'] },
      { urls: ['turn:turn.example:3478'], username: 'u', credential: 'c' },
    ]);
    assert.deepEqual(result.rejected, [
      {
        url: 'stun:stun.l.google.com:19302?transport=udp',
        reason: 'Invalid STUN URL: stun:stun.l.google.com:19302?transport=udp',
      },
    ]);
  });

  it('drops a server left with no URL, and one without urls at all', () => {
    const result = usableIceServers(
      [{ urls: 'stun:a?transport=udp' }, {} as RTCIceServer, null as unknown as RTCIceServer],
      chromiumLikeCheck,
    );
    assert.deepEqual(result.servers, []);
    assert.deepEqual(
      result.rejected.map((rejected) => rejected.reason),
      ['Invalid STUN URL: stun:a?transport=udp', 'no urls', 'no urls'],
    );
  });
});

describe('IceServerFilter', () => {
  it('reports each refused URL once, and again only after iceServers change', () => {
    const reported: RejectedIceUrl[] = [];
    const filter = new IceServerFilter(chromiumLikeCheck, (rejected) => reported.push(rejected));
    const first = filter.usable(DEMO_SERVERS);
    assert.equal(filter.usable(DEMO_SERVERS), first, 'the same servers: the same answer, not re-checked');
    assert.equal(reported.length, 1);
    assert.deepEqual(filter.usable([{ urls: 'stun:b?transport=tcp' }]), []);
    assert.deepEqual(
      reported.map((rejected) => rejected.url),
      ['stun:stun.l.google.com:19302?transport=udp', 'stun:b?transport=tcp'],
    );
  });

  it('treats a value that is not an array as no servers', () => {
    const filter = new IceServerFilter(chromiumLikeCheck, () => assert.fail('nothing to report'));
    assert.deepEqual(filter.usable('stun:x' as unknown as RTCIceServer[]), []);
  });
});
