/**
 * Our connection and the unmodified stock RTCMultiConnection 3.7.1 client in
 * one room, on the real stock server, in Chromium.
 */
import { expect } from '@open-wc/testing';
import { nextEvent, uniqueRoom, until } from '../support/conditions.js';
import { ofType, recordEvents, rosterOf } from '../support/recorder.js';
import { endStockConnection, type StockConnection } from '../support/stock-client.js';
import { useStockClients } from '../support/browser-setup.js';
import { SERVER_KINDS, serverLabel } from '../support/signaling.js';

for (const kind of SERVER_KINDS) {
  describe(`with a stock RTCMultiConnection 3.7.1 client, on ${serverLabel(kind)}`, () => {
    const { harness, stock: newStock } = useStockClients(kind);

    const channelsOpened = new Map<StockConnection, Set<string>>();

    function stockConnection(name: string, extra: Record<string, unknown>): StockConnection {
      const stock = newStock(name, extra);
      const opened = new Set<string>();
      stock.onopen = (event) => opened.add(event.userid);
      channelsOpened.set(stock, opened);
      return stock;
    }

    /**
     * Stock throws (uncaught, in its onDataChannelOpened) when a data channel opens after it dropped
     * that peer; these roster tests end quickly, so they let stock's channels open before anyone leaves.
     */
    const stockChannelsOpen = (stock: StockConnection, ...userids: string[]) =>
      until(() => userids.every((userid) => channelsOpened.get(stock)!.has(userid)), 'stock opened its data channels');

    it('a presence-only participant lists the stock opener and follows it; stock makes no peer for it', async () => {
      const room = uniqueRoom();
      const stock = stockConnection('stock', { fullName: 'Stock Opener' });
      await new Promise((resolve) => stock.open(room, resolve));
      const ours = harness().connection('ours', { fullName: 'Ours' }, { session: {} });
      await ours.join(room);
      // Stock answers our request (neither data-only nor one-way) with the media handshake; that message lists it here.
      await until(() => ours.participants.length === 2, 'we list the stock opener');
      expect(rosterOf(ours)[stock.userid]).to.deep.equal({ fullName: 'Stock Opener' });
      stock.extra['fullName'] = 'Stock Renamed';
      stock.updateExtraData();
      await until(
        () => (rosterOf(ours)[stock.userid] as { fullName: string }).fullName === 'Stock Renamed',
        'the rename',
      );
      // Stock decided when it answered: a peer connection only once we say we are ready for one, which we never do.
      expect(stock.peers[ours.userid]).to.equal(undefined);
      expect(stock.getAllParticipants()).to.deep.equal([]);
      expect(ours.participants.find((participant) => participant.userid === stock.userid)?.peerState).to.equal(
        undefined,
      );
    });

    it('lists the stock opener with its extra, follows its updates, and reaches its onExtraDataUpdated', async () => {
      const room = uniqueRoom();
      const stockSaw: Array<{ userid: string; extra: Record<string, unknown> }> = [];
      const stock = stockConnection('stock', { fullName: 'Stock Opener' });
      stock.onExtraDataUpdated = (event) => stockSaw.push(event);
      const [opened] = await new Promise<unknown[]>((resolve) => stock.open(room, (...args) => resolve(args)));
      expect(opened).to.equal(true);

      const ours = harness().connection('ours', { fullName: 'Ours' });
      const events = recordEvents(ours);
      // check-presence makes the stock server write `_room` into the owner's extra: we must not show it.
      const presence = await ours.checkPresence(room);
      expect(presence.exists).to.equal(true);
      await ours.join(room);
      await until(() => ours.participants.length === 2, 'we list the stock opener');
      expect(rosterOf(ours)[stock.userid]).to.deep.equal({ fullName: 'Stock Opener' });
      expect(ofType(events, 'participant-joined').find((event) => event.userid === stock.userid)?.extra).to.deep.equal({
        fullName: 'Stock Opener',
      });

      // Stock sends the whole object; the server delivers it twice, and stock relays more with extra attached: one event.
      stock.extra['fullName'] = 'Stock Renamed';
      stock.updateExtraData();
      const renamed = await nextEvent(ours, 'extra-updated', (event) => event.userid === stock.userid);
      expect(renamed.extra).to.deep.equal({ fullName: 'Stock Renamed' });
      expect(renamed.changed).to.deep.equal(['fullName']);
      expect(renamed.previous).to.deep.equal({ fullName: 'Stock Opener' });

      await ours.updateExtraData({ fullName: 'Ours Renamed', status: 'away' });
      await until(
        () => stockSaw.some((event) => event.userid === ours.userid && event.extra['fullName'] === 'Ours Renamed'),
        'stock fires onExtraDataUpdated for us',
      );
      const last = stockSaw.filter((event) => event.userid === ours.userid).at(-1)!;
      expect(last.extra).to.deep.equal({ fullName: 'Ours Renamed', status: 'away' });
      expect(stock.peers[ours.userid]?.extra).to.deep.equal({ fullName: 'Ours Renamed', status: 'away' });

      // A second stock update after ours proves no stray duplicate of the first reached us in between.
      stock.extra['fullName'] = 'Stock Third';
      stock.updateExtraData();
      await until(
        () => (rosterOf(ours)[stock.userid] as { fullName: string }).fullName === 'Stock Third',
        'the third name arrives',
      );
      expect(
        ofType(events, 'extra-updated')
          .filter((event) => event.userid === stock.userid)
          .map((event) => event.extra['fullName']),
      ).to.deep.equal(['Stock Renamed', 'Stock Third']);
      await stockChannelsOpen(stock, ours.userid);
    });

    it('lists a stock joiner with its extra at once when we opened the room, and sees it leave', async () => {
      const room = uniqueRoom();
      const ours = harness().connection('ours', { fullName: 'Ours' });
      await ours.open(room);
      const stock = stockConnection('stock', { fullName: 'Stock Joiner', photo: 'https://example.com/s.png' });
      const joined = nextEvent(ours, 'participant-joined', (event) => event.userid === stock.userid);
      stock.join(room, () => {});
      expect((await joined).extra).to.deep.equal({ fullName: 'Stock Joiner', photo: 'https://example.com/s.png' });

      await stockChannelsOpen(stock, ours.userid);
      const left = nextEvent(ours, 'participant-left', (event) => event.userid === stock.userid);
      endStockConnection(stock);
      expect((await left).extra).to.deep.equal({ fullName: 'Stock Joiner', photo: 'https://example.com/s.png' });
    });

    it('sits in a three-party room of ours and stock where everyone lists everyone', async () => {
      const room = uniqueRoom();
      const stock = stockConnection('stock', { fullName: 'Stock' });
      await new Promise((resolve) => stock.open(room, resolve));
      const alice = harness().connection('alice', { fullName: 'Alice' });
      const bob = harness().connection('bob', { fullName: 'Bob' });
      await alice.join(room);
      await bob.join(room);
      await until(
        () => alice.participants.length === 3 && bob.participants.length === 3,
        'both of ours list all three',
      );
      expect(rosterOf(alice)).to.deep.equal(rosterOf(bob));
      expect(rosterOf(bob)[stock.userid]).to.deep.equal({ fullName: 'Stock' });
      await stockChannelsOpen(stock, alice.userid, bob.userid);
    });

    it('outlives its stock owner: the member present longest owns it, and a stock and a kit joiner still get in', async () => {
      const room = uniqueRoom();
      const owner = stockConnection('owner', { fullName: 'Owner' });
      await new Promise((resolve) => owner.open(room, resolve));
      const alice = harness().connection('alice', { fullName: 'Alice' });
      const bob = harness().connection('bob', { fullName: 'Bob' });
      await alice.join(room);
      await bob.join(room);
      await until(() => bob.participants.length === 3, 'bob lists all three');
      await stockChannelsOpen(owner, alice.userid, bob.userid);

      // The owner's page goes: its socket closes, as a closed tab's does.
      endStockConnection(owner);
      await until(() => alice.isInitiator, 'alice, there longest, owns the room now');
      expect(bob.isInitiator).to.equal(false);
      await until(() => alice.participants.length === 2 && bob.participants.length === 2, 'the owner left both lists');

      const carol = stockConnection('carol', { fullName: 'Carol' });
      const [carolJoined] = await new Promise<unknown[]>((resolve) => carol.join(room, (...args) => resolve(args)));
      expect(carolJoined).to.equal(true);
      const dave = harness().connection('dave', { fullName: 'Dave' });
      expect(await dave.join(room)).to.deep.equal({ roomid: room, isInitiator: false });
      await until(
        () => [alice, bob, dave].every((connection) => connection.participants.length === 4),
        'everyone of ours lists alice, bob, carol and dave',
      );
      expect(rosterOf(dave)[carol.userid]).to.deep.equal({ fullName: 'Carol' });
      await stockChannelsOpen(carol, alice.userid, bob.userid, dave.userid);
    });
  });
}
