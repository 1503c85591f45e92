/** WebRTC between our own connections (Chromium and Firefox): data channels, files and media, on the real stock server. */
import { expect } from '@open-wc/testing';
import type { StreamEvent } from '../../src/index.js';
import { nextEvent, uniqueRoom, until } from '../support/conditions.js';
import { useHarness } from '../support/browser-setup.js';

describe('WebRTC between our connections', () => {
  const { harness } = useHarness();

  it('opens a data channel both ways and carries text and JSON with the sender’s extra', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' }, { session: { data: true } });
    const bob = harness().connection('bob', { fullName: 'Bob' }, { session: { data: true } });
    const aliceOpen = nextEvent(alice, 'open');
    const bobOpen = nextEvent(bob, 'open');
    const room = uniqueRoom();
    await alice.open(room);
    await bob.join(room);
    expect((await aliceOpen).userid).to.equal(bob.userid);
    expect((await aliceOpen).extra).to.deep.equal({ fullName: 'Bob' });
    expect((await bobOpen).extra).to.deep.equal({ fullName: 'Alice' });
    await until(
      () => alice.participants[1]?.peerState === 'connected' && bob.participants[1]?.peerState === 'connected',
      'both peers connected',
    );

    const toBob = nextEvent(bob, 'message');
    alice.send('hello bob');
    const received = await toBob;
    expect(received.data).to.equal('hello bob');
    expect(received.userid).to.equal(alice.userid);
    expect(received.extra).to.deep.equal({ fullName: 'Alice' });
    expect(received.latency).to.be.a('number');

    const toAlice = nextEvent(alice, 'message');
    const long = 'x'.repeat(100_000);
    bob.send({ kind: 'chat', text: long, n: [1, 2, 3] });
    const object = await toAlice;
    expect(object.data).to.deep.equal({ kind: 'chat', text: long, n: [1, 2, 3] });

    // Bob leaves: Alice hears her channel to him close (stock's onclose), once, with his last extra.
    const closes: string[] = [];
    alice.addEventListener('close', (event) => closes.push(`${event.userid} ${JSON.stringify(event.extra)}`));
    const left = nextEvent(alice, 'participant-left');
    await bob.leave();
    await left;
    await until(() => closes.length > 0, 'the channel to Bob closes');
    expect(closes).to.deep.equal([`${bob.userid} {"fullName":"Bob"}`]);
  });

  it('streams audio and video both ways, with the right extra and a ready media element', async () => {
    const alice = harness().connection('alice', { fullName: 'Alice' }, { session: { audio: true, video: true } });
    const bob = harness().connection('bob', { fullName: 'Bob' }, { session: { audio: true, video: true } });
    const streams: Array<{ owner: string; event: StreamEvent }> = [];
    for (const connection of [alice, bob])
      connection.addEventListener('stream', (event) => streams.push({ owner: connection.userid, event }));
    const room = uniqueRoom();
    await alice.open(room);
    await bob.join(room);
    await until(() => streams.length === 4, 'two local and two remote streams');
    const remoteAtBob = streams.find((entry) => entry.owner === bob.userid && !entry.event.isLocal)!.event;
    expect(remoteAtBob.userid).to.equal(alice.userid);
    expect(remoteAtBob.extra).to.deep.equal({ fullName: 'Alice' });
    expect(remoteAtBob.isVideo).to.equal(true);
    expect(remoteAtBob.mediaElement).to.be.instanceOf(HTMLVideoElement);
    expect(remoteAtBob.stream.getVideoTracks()).to.have.length(1);
    expect(remoteAtBob.stream.getAudioTracks()).to.have.length(1);
    const localAtAlice = streams.find((entry) => entry.owner === alice.userid && entry.event.isLocal)!.event;
    expect(localAtAlice.mediaElement?.muted).to.equal(true);
    expect(bob.participants.find((p) => p.userid === alice.userid)?.streams).to.have.length(1);
    expect(alice.participants[0]!.streams).to.have.length(1, 'your own row carries your local stream');

    const muted = nextEvent(bob, 'mute');
    alice.mute('audio');
    expect((await muted).muteType).to.equal('audio');
    expect(alice.participants[0]!.streams[0]!.getAudioTracks()[0]!.enabled).to.equal(false);

    const ended = nextEvent(bob, 'stream-ended', (event) => event.userid === alice.userid);
    const localTrack = alice.participants[0]!.streams[0]!.getVideoTracks()[0]!;
    await alice.leave();
    expect(localTrack.readyState).to.equal('ended', 'leaving stops the camera');
    expect((await ended).extra).to.deep.equal({ fullName: 'Alice' });
  });

  it('one-way rooms: the opener broadcasts, viewers receive and send nothing', async () => {
    const session = { audio: true, video: true, oneway: true };
    const host = harness().connection('host', { fullName: 'Host' }, { session });
    const viewer = harness().connection('viewer', { fullName: 'Viewer' }, { session });
    const room = uniqueRoom();
    await host.open(room);
    const received = nextEvent(viewer, 'stream', (event) => !event.isLocal);
    await viewer.join(room);
    const stream = await received;
    expect(stream.userid).to.equal(host.userid);
    expect(stream.extra).to.deep.equal({ fullName: 'Host' });
    await until(() => host.participants[1]?.peerState === 'connected', 'the peer connects');
    expect(viewer.participants[0]!.streams, 'the viewer captured nothing').to.have.length(0);
    expect(host.participants[1]!.streams, 'the host receives nothing').to.have.length(0);
  });

  it('shares files both ways in stock’s format, without FileBufferReader.js: every byte, a progress event per chunk', async () => {
    const options = { session: { data: true }, enableFileSharing: true, chunkSize: 16_000 };
    const alice = harness().connection('alice', {}, options);
    const bob = harness().connection('bob', {}, options);
    const events: string[] = [];
    const received: File[] = [];
    for (const connection of [alice, bob]) {
      const me = connection.userid;
      connection.onFileStart = (file) => events.push(`${me} start ${file.name}`);
      connection.onFileProgress = () => events.push(`${me} progress`);
      connection.onFileEnd = (file) => {
        events.push(`${me} end ${file.name}`);
        if (file.remoteUserId === me) received.push(file as unknown as File);
      };
    }
    expect('FileBufferReader' in window).to.equal(false);
    const room = uniqueRoom();
    await alice.open(room);
    await bob.join(room);
    await until(() => alice.participants[1]?.peerState === 'connected', 'the peer connects');
    await until(() => bob.participants[1]?.peerState === 'connected', 'the peer connects both ways');

    const randomFile = (size: number, name: string) => {
      const bytes = new Uint8Array(size);
      for (let at = 0; at < size; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
      return { bytes, file: new File([bytes], name, { type: 'application/octet-stream' }) };
    };
    const big = randomFile(1_000_001, 'big.bin');
    alice.shareFile(big.file);
    await until(() => received.length === 1, 'the file reaches Bob');
    expect(new Uint8Array(await received[0]!.arrayBuffer())).to.deep.equal(big.bytes);
    expect(received[0]!.name).to.equal('big.bin');
    const chunks = Math.ceil(1_000_001 / 16_000);
    expect(events.filter((event) => event === `${bob.userid} progress`)).to.have.length(chunks);

    const small = randomFile(5, 'small.bin');
    bob.send(small.file);
    await until(() => received.length === 2, 'the file reaches Alice');
    expect(new Uint8Array(await received[1]!.arrayBuffer())).to.deep.equal(small.bytes);
    expect(events.filter((event) => event.includes(' start ') || event.includes(' end '))).to.deep.equal([
      `${alice.userid} start big.bin`,
      `${bob.userid} start big.bin`,
      `${alice.userid} end big.bin`,
      `${bob.userid} end big.bin`,
      `${bob.userid} start small.bin`,
      `${alice.userid} start small.bin`,
      `${bob.userid} end small.bin`,
      `${alice.userid} end small.bin`,
    ]);

    // A second file to the same participant (FileBufferReader keeps one position per user, not per file).
    const second = randomFile(40_000, 'second.bin');
    alice.shareFile(second.file, bob.userid);
    await until(() => received.length === 3, 'the second file reaches Bob');
    expect(received[2]!.name).to.equal('second.bin');
    expect(new Uint8Array(await received[2]!.arrayBuffer())).to.deep.equal(second.bytes);
  });
});
