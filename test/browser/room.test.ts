/** Our connections in a browser page against each real signaling server (ours and the stock one). */
import { expect } from '@open-wc/testing';
import { nextEvent, uniqueRoom, until } from '../support/conditions.js';
import { Harness } from '../support/harness.js';
import { ofType, recordEvents, rosterOf } from '../support/recorder.js';
import { privateSignalingServer, SERVER_KINDS, serverLabel } from '../support/signaling.js';
import { useHarness } from '../support/browser-setup.js';

for (const kind of SERVER_KINDS) {
  describe(`rooms in the browser, on ${serverLabel(kind)}`, () => {
    const { harness } = useHarness(kind);

    it('two participants see each other with extra set before joining, and one update is one event', async () => {
      const alice = harness().connection('alice', { fullName: 'Alice', note: 'a & b #1 100%' });
      const bob = harness().connection('bob', { fullName: 'Bob' });
      const room = uniqueRoom();
      await alice.openOrJoin(room);
      const aliceSeesBob = nextEvent(alice, 'participant-joined', (event) => event.userid === bob.userid);
      await bob.openOrJoin(room);
      expect((await aliceSeesBob).extra).to.deep.equal({ fullName: 'Bob' });
      await until(() => bob.participants.length === 2, 'bob lists alice');
      expect(rosterOf(bob)[alice.userid]).to.deep.equal({ fullName: 'Alice', note: 'a & b #1 100%' });

      const bobEvents = recordEvents(bob);
      await alice.updateExtraData({ fullName: 'Ada' });
      await alice.updateExtraData({ status: 'here' });
      await until(() => ofType(bobEvents, 'extra-updated').length === 2, 'both updates arrive');
      const [first, second] = ofType(bobEvents, 'extra-updated');
      expect(first!.changed).to.deep.equal(['fullName']);
      expect(second!.previous).to.deep.equal({ fullName: 'Ada', note: 'a & b #1 100%' });
      expect(second!.changed).to.deep.equal(['status']);
    });

    it('a burst of 100 updates ends on the last value with a handful of messages', async () => {
      const alice = harness().connection('alice', { n: 0 });
      const bob = harness().connection('bob');
      const room = uniqueRoom();
      await alice.openOrJoin(room);
      await bob.openOrJoin(room);
      await until(() => bob.participants.length === 2, 'bob lists alice');
      const counts: number[] = [];
      bob.addEventListener('extra-updated', (event) => counts.push(event.extra['n'] as number));
      await Promise.all(Array.from({ length: 100 }, (_, index) => alice.updateExtraData({ n: index + 1 })));
      await until(() => counts.at(-1) === 100, 'bob holds 100');
      expect(counts.length).to.be.lessThan(6);
    });

    it('everyone is back with current extra after the server is killed and restarted', async () => {
      const server = await privateSignalingServer(kind);
      const local = new Harness(server.url);
      try {
        const alice = local.connection('alice', { fullName: 'Alice' });
        const bob = local.connection('bob', { fullName: 'Bob' });
        const room = uniqueRoom();
        await alice.openOrJoin(room);
        await bob.openOrJoin(room);
        await until(() => alice.participants.length === 2 && bob.participants.length === 2, 'both in');
        const aliceEvents = recordEvents(alice);
        await server.kill();
        await until(
          () => alice.connectionState === 'reconnecting' && bob.connectionState === 'reconnecting',
          'both notice',
        );
        const edit = bob.updateExtraData({ fullName: 'Bob (edited offline)' });
        await server.restart();
        await edit;
        await until(
          () =>
            alice.connectionState === 'joined' &&
            alice.participants.every((p) => p.status === 'online') &&
            (rosterOf(alice)[bob.userid] as { fullName: string }).fullName === 'Bob (edited offline)',
          'alice sees bob back with the offline edit',
        );
        expect(ofType(aliceEvents, 'participant-left')).to.have.length(0);
        expect(ofType(aliceEvents, 'participant-joined')).to.have.length(0);
      } finally {
        await local.cleanup();
        await server.stop();
      }
    });
  });
}
