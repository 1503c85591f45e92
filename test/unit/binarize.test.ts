/** FileBufferReader's binarize format: our bytes are FileBufferReader's own, both ways, and bad frames throw. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pack, unpack, type PackableObject } from '../../src/core/stock/files/binarize.js';
import { chunkMessage, missingMessage, requestMessage } from '../../src/core/stock/files/file-chunks.js';
import { stockPack, stockUnpack } from './fbr.js';

const file = { uuid: '4217', maxChunks: 3, size: 5, name: 'ñame 😀.txt', type: 'text/plain', lastModifiedDate: 'Sat' };
const from = { userid: 'ann', chunkSize: 2 };
const MESSAGES: Record<string, PackableObject> = {
  start: chunkMessage(file, 0, from, 'bob'),
  data: chunkMessage(file, 1, from, 'bob', new Uint8Array([1, 2]).buffer),
  end: chunkMessage(file, 4, from, 'bob'),
  request: requestMessage({ uuid: '4217', currentPosition: 2 }),
  missing: missingMessage({ uuid: '4217', currentPosition: 5 }),
  odd: { list: [1, 'two', null, [true, false]], nested: { empty: '', negative: -1.5 } },
};

const bytes = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)];

describe('binarize', () => {
  for (const [name, message] of Object.entries(MESSAGES)) {
    it(`packs a ${name} message to FileBufferReader's bytes, and reads FileBufferReader's back`, () => {
      const ours = pack(message);
      assert.deepEqual(bytes(ours), bytes(stockPack(message)));
      assert.deepEqual(unpack(stockPack(message)), stockUnpack(ours));
    });
  }

  it('reads a chunk back with its data as an ArrayBuffer of the same bytes, from a view at an offset too', () => {
    const frame = pack(MESSAGES['data']);
    const shifted = new Uint8Array(frame.byteLength + 3);
    shifted.set(new Uint8Array(frame), 3);
    for (const input of [frame, shifted.subarray(3)]) {
      const chunk = unpack(input) as Record<string, unknown>;
      assert.ok(chunk['buffer'] instanceof ArrayBuffer);
      assert.deepEqual(bytes(chunk['buffer']), [1, 2]);
      assert.equal(chunk['name'], file.name);
    }
  });

  it('throws on a frame cut short, an unknown type, an odd string and nesting deeper than any chunk', () => {
    const frame = pack(MESSAGES['start']);
    assert.throws(() => unpack(frame.slice(0, frame.byteLength - 1)), RangeError);
    assert.throws(() => unpack(new Uint8Array([99, 0, 0, 0, 0]).buffer), TypeError);
    assert.throws(() => unpack(new Uint8Array([2, 0, 0, 0, 1, 0]).buffer), RangeError);
    let deep: PackableObject = {};
    for (let level = 0; level < 40; level++) deep = { deep };
    assert.throws(() => unpack(pack(deep)), /nested too deep/);
  });

  it('keeps a "__proto__" key as a plain key', () => {
    const frame = stockPack(JSON.parse('{"__proto__": {"polluted": true}, "uuid": "x"}'));
    const object = unpack(frame) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(object), Object.prototype);
    assert.deepEqual(Object.keys(object), ['__proto__', 'uuid']);
    assert.equal((object as { polluted?: boolean }).polluted, undefined);
  });

  it('refuses to pack what the format has no type for', () => {
    assert.throws(() => pack({ when: (() => 1) as never }), TypeError);
  });
});
