/**
 * FileSharing: which FileBufferReader call each frame leads to, and to whom the answers go (the chunk format itself
 * is FileBufferReader's, checked against stock pages in test/node/compat-file-sharing.test.ts).
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { RtcError } from '../../src/core/errors.js';
import { FileSharing, type FileSharingHost } from '../../src/core/stock/file-sharing.js';

/** A FileBufferReader stand-in that records calls; frames are JSON text in an ArrayBuffer. */
class RecordingReader {
  static calls: string[] = [];
  onBegin = (): void => {};
  onProgress = (): void => {};
  onEnd = (): void => {};
  readAsArrayBuffer(file: Blob, callback: (uuid: string) => void, extra: Record<string, unknown>): void {
    RecordingReader.calls.push(`read ${file.size} bytes, chunkSize ${String(extra['chunkSize'])}`);
    callback('file-1');
  }
  getNextChunk(request: unknown, callback: (chunk: ArrayBuffer) => void, userid?: string): void {
    RecordingReader.calls.push(`next chunk of ${JSON.stringify(request)} for ${userid}`);
    callback(new TextEncoder().encode(`chunk for ${userid}`).buffer);
  }
  addChunk(chunk: unknown, callback: (prompt: ArrayBuffer) => void): void {
    RecordingReader.calls.push(`add ${JSON.stringify(chunk)}`);
    callback(new TextEncoder().encode('ready').buffer);
  }
  chunkMissing(chunk: unknown): void {
    RecordingReader.calls.push(`missing ${JSON.stringify(chunk)}`);
  }
  convertToObject(buffer: ArrayBuffer, callback: (object: Record<string, unknown>) => void): void {
    callback(JSON.parse(new TextDecoder().decode(buffer)) as Record<string, unknown>);
  }
}

function setup() {
  const sent: string[] = [];
  const errors: RtcError[] = [];
  const host: FileSharingHost = {
    userid: () => 'me',
    chunkSize: () => 40000,
    participants: () => ['ann', 'bob'],
    sendBinary: (userid, data) =>
      sent.push(`${userid}: ${new TextDecoder().decode(data instanceof ArrayBuffer ? data : data.buffer)}`),
    started: () => {},
    progressed: () => {},
    ended: () => {},
    report: (error) => errors.push(error),
  };
  return { sharing: new FileSharing(host), sent, errors };
}

const frame = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).buffer;

describe('FileSharing', () => {
  afterEach(() => {
    delete (globalThis as { FileBufferReader?: unknown }).FileBufferReader;
    RecordingReader.calls = [];
  });

  it('offers a file to everyone, or to one participant, each getting its own first chunk', () => {
    Object.assign(globalThis, { FileBufferReader: RecordingReader });
    const { sharing, sent } = setup();
    assert.equal(sharing.share(new Blob(['12345'])), true);
    sharing.share(new Blob(['1']), 'bob');
    assert.deepEqual(RecordingReader.calls, [
      'read 5 bytes, chunkSize 40000',
      'next chunk of "file-1" for ann',
      'next chunk of "file-1" for bob',
      'read 1 bytes, chunkSize 40000',
      'next chunk of "file-1" for bob',
    ]);
    assert.deepEqual(sent, ['ann: chunk for ann', 'bob: chunk for bob', 'bob: chunk for bob']);
  });

  it('answers a request for the next chunk to its sender, stores chunks (prompting for more), and passes on a missing one', () => {
    Object.assign(globalThis, { FileBufferReader: RecordingReader });
    const { sharing, sent } = setup();
    sharing.receive('bob', frame({ readyForNextChunk: true, uuid: 'f', currentPosition: 3 }));
    sharing.receive('ann', frame({ uuid: 'g', currentPosition: 1 }));
    sharing.receive('ann', frame({ chunkMissing: true, uuid: 'g', currentPosition: 2 }));
    assert.deepEqual(RecordingReader.calls, [
      'next chunk of {"readyForNextChunk":true,"uuid":"f","currentPosition":3} for bob',
      'add {"uuid":"g","currentPosition":1}',
      'missing {"chunkMissing":true,"uuid":"g","currentPosition":2}',
    ]);
    assert.deepEqual(sent, ['bob: chunk for bob', 'ann: ready']);
  });

  it('without FileBufferReader on the page: an error saying so, and nothing sent', () => {
    const { sharing, sent, errors } = setup();
    assert.equal(sharing.share(new Blob(['x'])), false);
    sharing.receive('ann', frame({ uuid: 'g' }));
    assert.deepEqual(sent, []);
    assert.equal(errors.length, 2);
    assert.match(errors[0]!.message, /FileBufferReader\.js/);
  });
});
