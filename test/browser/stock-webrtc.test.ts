/**
 * Peer to peer with the unmodified stock RTCMultiConnection 3.7.1 client,
 * whichever side opens the room: data channels, media, leaving, and a mixed
 * three-party mesh. Real Chromium WebRTC on loopback, real stock server.
 */
import { expect } from '@open-wc/testing';
import type { RTCMultiConnection } from '../../src/index.js';
import { nextEvent, uniqueRoom, until } from '../support/conditions.js';
import { loadFileBufferReader, type StockConnection } from '../support/stock-client.js';
import { useStockClients } from '../support/browser-setup.js';
import { SERVER_KINDS, serverLabel } from '../support/signaling.js';

type Session = Record<string, boolean>;

for (const kind of SERVER_KINDS) {
  describe(`WebRTC with the stock 3.7.1 client, on ${serverLabel(kind)}`, () => {
    const { harness, stock: newStock } = useStockClients(kind);

    /** A stock client recording what it sees. */
    function stockConnection(name: string, extra: Record<string, unknown>, session: Session) {
      const stock = newStock(name, extra);
      stock.session = session;
      const seen = {
        open: [] as Array<{ userid: string; extra: Record<string, unknown> }>,
        messages: [] as Array<{ data: unknown; userid: string; extra: Record<string, unknown> }>,
        streams: [] as Array<{ type: string; userid: string; extra: Record<string, unknown>; stream: MediaStream }>,
        leaves: [] as Array<{ userid: string; extra: unknown }>,
      };
      stock.onopen = (event) => seen.open.push(event);
      stock.onmessage = (event) => seen.messages.push(event);
      stock.onstream = (event) => seen.streams.push(event);
      stock.onleave = (event) => seen.leaves.push(event);
      return { stock, seen };
    }

    const enter = (stock: StockConnection, how: 'open' | 'join', room: string) =>
      new Promise<void>((resolve, reject) =>
        stock[how](room, (ok, _room, error) => (ok ? resolve() : reject(new Error(error)))),
      );

    async function dataBothWays(
      ours: RTCMultiConnection,
      stock: StockConnection,
      seen: ReturnType<typeof stockConnection>['seen'],
    ) {
      const ourOpen = await nextEvent(ours, 'open', (event) => event.userid === stock.userid);
      expect(ourOpen.extra).to.deep.equal({ fullName: 'Stock' });
      await until(() => seen.open.some((event) => event.userid === ours.userid), 'stock fires onopen for us');
      expect(seen.open.find((event) => event.userid === ours.userid)!.extra).to.deep.equal({ fullName: 'Ours' });

      const fromStock = nextEvent(ours, 'message', (event) => event.userid === stock.userid);
      stock.send('hello from stock');
      const message = await fromStock;
      expect(message.data).to.equal('hello from stock');
      expect(message.extra).to.deep.equal({ fullName: 'Stock' });

      const long = 'y'.repeat(70_000);
      ours.send({ text: long, from: 'ours' });
      ours.send('short one');
      await until(
        () => seen.messages.filter((event) => event.userid === ours.userid).length === 2,
        'stock receives both of our messages',
      );
      const [first, second] = seen.messages.filter((event) => event.userid === ours.userid);
      expect(first!.data).to.deep.equal({ text: long, from: 'ours' });
      expect(second!.data).to.equal('short one');
      expect(second!.extra).to.deep.include({ fullName: 'Ours' });
    }

    it('data: stock opens, ours joins', async () => {
      const room = uniqueRoom();
      const { stock, seen } = stockConnection('stock', { fullName: 'Stock' }, { data: true });
      await enter(stock, 'open', room);
      const ours = harness().connection('ours', { fullName: 'Ours' }, { session: { data: true } });
      await ours.join(room);
      await dataBothWays(ours, stock, seen);

      // Ours leaves: stock fires onleave with our last extra.
      await ours.updateExtraData({ fullName: 'Ours', status: 'leaving' });
      await until(
        () => (stock.peers[ours.userid]?.extra as { status?: string })?.status === 'leaving',
        'stock has our last extra',
      );
      await ours.leave();
      await until(() => seen.leaves.some((event) => event.userid === ours.userid), 'stock fires onleave');
      expect(seen.leaves.find((event) => event.userid === ours.userid)!.extra).to.deep.include({ status: 'leaving' });
    });

    it('data: ours opens, stock joins; stock leaving fires our onleave', async () => {
      const room = uniqueRoom();
      const ours = harness().connection('ours', { fullName: 'Ours' }, { session: { data: true } });
      await ours.open(room);
      const { stock, seen } = stockConnection('stock', { fullName: 'Stock' }, { data: true });
      await enter(stock, 'join', room);
      await dataBothWays(ours, stock, seen);

      const leaves: Array<{ userid: string; extra: unknown }> = [];
      ours.onleave = (event) => leaves.push(event);
      stock.leave();
      await until(() => leaves.length === 1, 'our onleave fires');
      expect(leaves[0]).to.deep.equal({ userid: stock.userid, extra: { fullName: 'Stock' } });
    });

    it('files both ways with stock: ours pulls stock’s chunks and stock pulls ours, every byte, with progress', async () => {
      await loadFileBufferReader();
      const room = uniqueRoom();
      const { stock } = stockConnection('stock', { fullName: 'Stock' }, { data: true });
      stock.enableFileSharing = true;
      const atStock: Blob[] = [];
      let stockProgress = 0;
      stock.onFileStart = () => {};
      stock.onFileProgress = (chunk) => (stockProgress += chunk.remoteUserId === stock.userid ? 1 : 0);
      stock.onFileEnd = (file) => file.remoteUserId === stock.userid && atStock.push(file);
      await enter(stock, 'open', room);
      const ours = harness().connection('ours', {}, { session: { data: true }, enableFileSharing: true });
      const atOurs: Blob[] = [];
      let ourProgress = 0;
      ours.onFileStart = () => {};
      ours.onFileProgress = (chunk) => (ourProgress += chunk.remoteUserId === ours.userid ? 1 : 0);
      ours.onFileEnd = (file) => file.remoteUserId === ours.userid && atOurs.push(file as unknown as Blob);
      await ours.join(room);
      await until(() => ours.participants[1]?.peerState === 'connected', 'the peer connects');
      await until(() => stock.getAllParticipants().includes(ours.userid), 'stock has the peer');

      const randomBytes = (size: number) => {
        const bytes = new Uint8Array(size);
        for (let at = 0; at < size; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
        return bytes;
      };
      const fromStock = randomBytes(300_001);
      stock.shareFile(new File([fromStock], 'from-stock.bin'));
      await until(() => atOurs.length === 1, 'stock’s file arrives');
      expect(new Uint8Array(await atOurs[0]!.arrayBuffer())).to.deep.equal(fromStock);
      // Stock sends 40 000-byte chunks (15 000 from Firefox): one progress event per chunk.
      expect(ourProgress).to.be.oneOf([Math.ceil(300_001 / 40_000), Math.ceil(300_001 / 15_000)]);

      const fromOurs = randomBytes(300_001);
      ours.shareFile(new File([fromOurs], 'from-ours.bin'));
      await until(() => atStock.length === 1, 'our file arrives at stock');
      expect(new Uint8Array(await atStock[0]!.arrayBuffer())).to.deep.equal(fromOurs);
      expect(stockProgress).to.equal(Math.ceil(300_001 / 40_000));
    });

    for (const opener of ['stock', 'ours'] as const) {
      it(`audio+video: ${opener} opens; remote streams on both sides carry the right extra`, async () => {
        const room = uniqueRoom();
        const session = { audio: true, video: true };
        const ours = harness().connection('ours', { fullName: 'Ours' }, { session });
        const { stock, seen } = stockConnection('stock', { fullName: 'Stock' }, session);
        const ourRemote = nextEvent(ours, 'stream', (event) => !event.isLocal);
        if (opener === 'stock') {
          await enter(stock, 'open', room);
          await ours.join(room);
        } else {
          await ours.open(room);
          await enter(stock, 'join', room);
        }
        const remote = await ourRemote;
        expect(remote.userid).to.equal(stock.userid);
        expect(remote.extra).to.deep.equal({ fullName: 'Stock' });
        expect(remote.stream.getVideoTracks()).to.have.length(1);
        expect(remote.mediaElement).to.be.instanceOf(HTMLVideoElement);
        await until(
          () => seen.streams.some((event) => event.type === 'remote' && event.userid === ours.userid),
          'stock receives our stream',
        );
        const theirs = seen.streams.find((event) => event.type === 'remote')!;
        expect(theirs.stream.getVideoTracks()).to.have.length(1);
        expect(theirs.extra).to.deep.equal({ fullName: 'Ours' }, "stock's onstream carries our extra");
        await until(
          () => (stock.peers[ours.userid]?.extra as { fullName?: string })?.fullName === 'Ours',
          'stock shows our extra',
        );
      });
    }

    it('three-party mesh of two of ours and one stock: everyone connects to everyone', async () => {
      const room = uniqueRoom();
      const { stock, seen } = stockConnection('stock', { fullName: 'Stock' }, { data: true });
      await enter(stock, 'open', room);
      const alice = harness().connection('alice', { fullName: 'Alice' }, { session: { data: true } });
      const bob = harness().connection('bob', { fullName: 'Bob' }, { session: { data: true } });
      await alice.join(room);
      await bob.join(room);
      await until(
        () =>
          [alice, bob].every(
            (connection) =>
              connection.participants.filter((p) => !p.isLocal).every((p) => p.peerState === 'connected') &&
              connection.participants.length === 3,
          ),
        'both of ours are connected to both others',
      );
      await until(
        () => new Set(seen.open.map((event) => event.userid)).size === 2,
        'stock opened channels to both of ours',
      );
      const atBob = nextEvent(bob, 'message', (event) => event.userid === alice.userid);
      alice.send('to everyone');
      expect((await atBob).data).to.equal('to everyone');
      await until(
        () => seen.messages.some((event) => event.userid === alice.userid && event.data === 'to everyone'),
        'stock got it too',
      );
    });
  });
}
