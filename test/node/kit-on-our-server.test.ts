/**
 * The kit on rtc-elements-server where it differs from the stock server: what
 * our server refuses reaches the page as an `rtc-error` with the server's
 * reason, and the others keep what they had.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RtcErrorEvent } from '../../src/index.js';
import { nextEvent, uniqueRoom, until } from '../support/conditions.js';
import { useSignalingServer } from '../support/node-server.js';

const { harness } = useSignalingServer('ours');

describe('refusals of rtc-elements-server', () => {
  it('an extra over the server’s limit (the page allowed itself more) is an rtc-error refused; nobody gets it', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' }, { extraSizeLimit: 200_000 });
    const bob = harness().connection('bob', { fullName: 'Bob' });
    const room = uniqueRoom();
    await alice.openOrJoin(room);
    await bob.openOrJoin(room);
    await until(() => bob.participants.length === 2, 'bob lists alice');

    const refused = nextEvent(alice, 'error', (event: RtcErrorEvent) => event.code === 'refused');
    await alice.updateExtraData({ photo: `data:image/png;base64,${'A'.repeat(100_000)}` });
    const error = (await refused).error;
    assert.equal(error.details['reason'], 'too-large');
    assert.equal(error.details['event'], 'extra-data-updated');

    // The next update within the limit goes through; bob never saw the refused one.
    const renamed = nextEvent(bob, 'extra-updated', (event) => event.extra['fullName'] === 'Ada');
    await alice.updateExtraData({ photo: undefined, fullName: 'Ada' });
    assert.deepEqual((await renamed).previous, { fullName: 'Alice' });
  });
});
