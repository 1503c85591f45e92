/**
 * File sharing in stock's pull protocol, between two FileSharing instances and against stock's own
 * FileBufferReader receiver: files arrive byte for byte, the sender reads one chunk at a time as it is asked for,
 * and bad or out-of-order frames from a peer are reported, never delivered.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RtcError } from '../../src/core/errors.js';
import { pack } from '../../src/core/stock/files/binarize.js';
import { chunkMessage } from '../../src/core/stock/files/file-chunks.js';
import { BLOB_PART_BYTES, BlobAssembler } from '../../src/core/stock/files/file-receiver.js';
import { FileSharing, type FileChunkInfo } from '../../src/core/stock/files/file-sharing.js';
import { loadFileBufferReader } from './fbr.js';

interface Side {
  sharing: FileSharing;
  events: string[];
  started: FileChunkInfo[];
  ended: (FileChunkInfo & Partial<Blob>)[];
  errors: RtcError[];
}

/** Participants joined by in-order "data channels": frames are delivered by `flush()`, as a channel would. */
function room(names: string[], chunkSize = 1000) {
  const queue: { from: string; to: string; frame: ArrayBuffer }[] = [];
  const sides = new Map<string, Side>();
  for (const name of names) {
    const side: Side = { sharing: undefined as never, events: [], started: [], ended: [], errors: [] };
    side.sharing = new FileSharing({
      userid: () => name,
      chunkSize: () => chunkSize,
      participants: () => names.filter((other) => other !== name),
      sendBinary: (to, frame) => queue.push({ from: name, to, frame }),
      started: (info) => {
        side.started.push(info);
        side.events.push(`start ${info.name} ${info.userid}->${info.remoteUserId}`);
      },
      progressed: (info) => side.events.push(`progress ${info.currentPosition}`),
      ended: (file) => side.ended.push(file),
      report: (error) => side.errors.push(error),
    });
    sides.set(name, side);
  }
  /** Delivers frames until none is left; chunks are read asynchronously, so it waits for those too. */
  const flush = async (until = () => false) => {
    for (let idle = 0; idle < 20 && !until();) {
      const next = queue.shift();
      if (!next) {
        idle++;
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      idle = 0;
      sides.get(next.to)?.sharing.receive(next.from, next.frame);
    }
  };
  return { side: (name: string) => sides.get(name)!, queue, flush };
}

/** A file whose every byte is different from its neighbours, with the slices the sender reads counted. */
function countedFile(size: number, name = 'data.bin') {
  const bytes = new Uint8Array(size).map((_, index) => (index * 7 + (index >> 8)) & 0xff);
  const file = new File([bytes], name, { type: 'application/octet-stream' });
  const reads: number[] = [];
  const slice = file.slice.bind(file);
  file.slice = (start?: number, end?: number) => {
    reads.push(start ?? 0);
    return slice(start, end);
  };
  return { file, bytes, reads };
}

const contentOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

describe('FileSharing', () => {
  it('sends a file to everyone, each pulling it to the last byte; the receivers get a File with stock fields', async () => {
    const { side, flush } = room(['ann', 'bob', 'cid']);
    const { file, bytes } = countedFile(10_500);
    side('ann').sharing.share(file);
    await flush();
    for (const name of ['bob', 'cid']) {
      const [received] = side(name).ended;
      assert.ok(received instanceof File);
      assert.deepEqual(await contentOf(received), bytes);
      assert.equal(received.name, 'data.bin');
      assert.equal(received.type, 'application/octet-stream');
      assert.equal(received.userid, 'ann');
      assert.equal(received.remoteUserId, name);
      assert.match(String(received.url), /^blob:/);
      assert.deepEqual(side(name).events.slice(0, 3), [`start data.bin ann->${name}`, 'progress 1', 'progress 2']);
      assert.equal(side(name).events.length, 1 + 11);
    }
    // The sender: a start and an end per recipient, with the recipient named.
    assert.deepEqual(
      side('ann').ended.map((info) => `${info.remoteUserId} ${info.currentPosition}`),
      ['bob 12', 'cid 12'],
    );
    assert.deepEqual(side('ann').errors, []);
  });

  it('reads the file only as chunks are asked for, one chunk per request, and never again once sent', async () => {
    const { side, queue, flush } = room(['ann', 'bob']);
    const { file, reads } = countedFile(5_000);
    side('ann').sharing.share(file, 'bob');
    assert.equal(queue.length, 1, 'the start chunk');
    assert.deepEqual(reads, [], 'nothing read before bob asks');
    // Deliver one frame at a time: each of bob's requests leads to exactly one read of the next chunk.
    const deliver = async () => {
      const next = queue.shift()!;
      side(next.to).sharing.receive(next.from, next.frame);
      while (queue.length === 0) await new Promise((resolve) => setImmediate(resolve));
    };
    await deliver(); // start → bob asks for chunk 1
    assert.deepEqual(reads, []);
    await deliver(); // ann reads chunk 1
    assert.deepEqual(reads, [0]);
    await deliver(); // bob stores it, asks for chunk 2
    await deliver(); // ann reads chunk 2
    assert.deepEqual(reads, [0, 1000]);
    await flush();
    assert.deepEqual(reads, [0, 1000, 2000, 3000, 4000]);
    assert.equal(side('bob').ended[0]?.size, 5000);
  });

  it('a stock FileBufferReader receiver gets our file byte for byte', async () => {
    const Reader = loadFileBufferReader();
    const stock = new Reader();
    let received: (Blob & Record<string, unknown>) | undefined;
    stock.onEnd = (blob) => (received = blob);
    const { side, queue } = room(['ann']);
    const { file, bytes } = countedFile(7_777);
    side('ann').sharing.share(file, 'stock');
    while (!received) {
      const next = queue.shift();
      if (!next) {
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      stock.convertToObject(next.frame, (chunk) =>
        stock.addChunk(chunk, (prompt) => side('ann').sharing.receive('stock', prompt)),
      );
    }
    assert.deepEqual(await contentOf(received), bytes);
    assert.equal(received['name'], 'data.bin');
    assert.equal(received['remoteUserId'], 'stock');
  });

  it('sends a second file to the same participant, and the same file again', async () => {
    const { side, flush } = room(['ann', 'bob']);
    const first = countedFile(2_500, 'one.bin');
    const second = countedFile(1_500, 'two.bin');
    side('ann').sharing.share(first.file, 'bob');
    await flush();
    side('ann').sharing.share(second.file, 'bob');
    side('ann').sharing.share(first.file, 'bob');
    await flush();
    const got = await Promise.all(side('bob').ended.map(async (file) => [file.name, await contentOf(file as Blob)]));
    assert.deepEqual(got, [
      ['one.bin', first.bytes],
      ['two.bin', second.bytes],
      ['one.bin', first.bytes],
    ]);
    assert.deepEqual(side('bob').errors, []);
  });

  it('stops reading for a participant that left, and drops what it was sending', async () => {
    const { side, flush } = room(['ann', 'bob']);
    const { file, reads } = countedFile(50_000);
    side('ann').sharing.share(file, 'bob');
    await flush(() => reads.length === 3);
    side('ann').sharing.forget('bob');
    await flush();
    // At most the read under way when bob left, and nothing more sent to bob.
    assert.ok(reads.length <= 4, `${reads.length} reads`);
    assert.deepEqual(side('bob').ended, []);
    // A request that comes anyway is told the chunk is missing, and bob drops what it had.
    side('ann').sharing.receive(
      'bob',
      pack({ readyForNextChunk: true, currentPosition: 3, uuid: side('bob').started[0]!.uuid }),
    );
    await flush();
    assert.match(side('bob').errors[0]!.message, /"ann" stopped sending "data.bin"/);
  });

  it('refuses the rest of a file from a participant it forgot (one that left)', async () => {
    const { side, queue, flush } = room(['ann', 'bob']);
    side('ann').sharing.share(countedFile(5_000).file, 'bob');
    await flush(() => side('bob').events.length === 3);
    side('bob').sharing.forget('ann');
    await flush();
    assert.match(side('bob').errors[0]!.message, /a chunk of "data.bin", a file "ann" never started sending/);
    assert.deepEqual(side('bob').ended, []);
    assert.equal(queue.length, 0);
  });

  it('reports a garbage frame, a chunk of a file never started and a chunk out of order, and delivers nothing', () => {
    const { side, queue } = room(['bob']);
    const description = { uuid: 'f1', maxChunks: 3, size: 5, name: 'x', type: '', lastModifiedDate: '' };
    const from = { userid: 'eve', chunkSize: 2 };
    const bob = side('bob');
    bob.sharing.receive('eve', new Uint8Array([6, 0, 9]).buffer);
    bob.sharing.receive('eve', pack({ hello: 'there' }));
    bob.sharing.receive('eve', pack(chunkMessage(description, 1, from, 'bob', new ArrayBuffer(2))));
    bob.sharing.receive('eve', pack(chunkMessage(description, 0, from, 'bob')));
    bob.sharing.receive('eve', pack(chunkMessage(description, 2, from, 'bob', new ArrayBuffer(2))));
    assert.deepEqual(
      bob.errors.map((error) => [error.code, error.details['userid']]),
      Array(4).fill(['invalid-input', 'eve']),
    );
    assert.match(bob.errors[2]!.message, /never started/);
    assert.match(bob.errors[3]!.message, /chunk 2 of "x" after chunk 0/);
    assert.equal(queue.length, 1, 'only the request for chunk 1, after the start');
    assert.deepEqual(bob.ended, []);
  });

  it('refuses a file whose bytes do not add up to the size announced, and one the sender stopped sending', () => {
    const { side } = room(['bob']);
    const from = { userid: 'eve', chunkSize: 2 };
    const bob = side('bob');
    const short = { uuid: 'f1', maxChunks: 1, size: 5, name: 'short', type: '', lastModifiedDate: '' };
    bob.sharing.receive('eve', pack(chunkMessage(short, 0, from, 'bob')));
    bob.sharing.receive('eve', pack(chunkMessage(short, 1, from, 'bob', new ArrayBuffer(2))));
    bob.sharing.receive('eve', pack(chunkMessage(short, 2, from, 'bob')));
    const stopped = { ...short, uuid: 'f2', name: 'stopped' };
    bob.sharing.receive('eve', pack(chunkMessage(stopped, 0, from, 'bob')));
    bob.sharing.receive('eve', pack({ chunkMissing: true, currentPosition: 1, uuid: 'f2' }));
    assert.deepEqual(bob.ended, []);
    assert.deepEqual(
      bob.errors.map((error) => error.message),
      ['ignored "short" ended at 2 of 5 bytes', '"eve" stopped sending "stopped"'],
    );
    assert.equal(bob.errors[1]!.code, 'file-transfer-failed');
  });
});

describe('BlobAssembler', () => {
  it('holds at most a mebibyte (plus one chunk) as chunks, and gives the bytes back in order', async () => {
    const assembler = new BlobAssembler();
    const chunk = 60_000;
    let most = 0;
    for (let index = 0; index < 50; index++) {
      assembler.append(new Uint8Array(chunk).fill(index).buffer);
      most = Math.max(most, assembler.pendingBytes);
    }
    assert.ok(most < BLOB_PART_BYTES + chunk, `held ${most} bytes`);
    const file = assembler.finish('f', 'text/plain', 0);
    assert.equal(file.size, 50 * chunk);
    const content = await contentOf(file);
    assert.equal(content[chunk * 17], 17);
    assert.equal(content[content.length - 1], 49);
  });
});
