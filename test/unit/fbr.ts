/** Stock's FileBufferReader.js (npm fbr), loaded into Node as a page would load it, to check our bytes against. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { runInThisContext } from 'node:vm';

export interface StockFileBufferReader {
  addChunk(chunk: unknown, prompt: (frame: ArrayBuffer) => void): void;
  convertToObject(frame: ArrayBuffer, callback: (object: Record<string, unknown>) => void): void;
  convertToArrayBuffer(object: unknown, callback: (frame: ArrayBuffer) => void): void;
  onBegin(file: unknown): void;
  onProgress(chunk: unknown): void;
  onEnd(file: Blob & Record<string, unknown>): void;
}

export function loadFileBufferReader(): new () => StockFileBufferReader {
  const globals = globalThis as { window?: unknown; FileBufferReader?: new () => StockFileBufferReader };
  if (!globals.FileBufferReader) {
    globals.window = globalThis;
    const path = createRequire(import.meta.url).resolve('fbr/FileBufferReader.js');
    runInThisContext(readFileSync(path, 'utf8'), { filename: path });
  }
  return globals.FileBufferReader!;
}

/** FileBufferReader's packing of `object` (synchronous for everything but Blobs). */
export function stockPack(object: unknown): ArrayBuffer {
  let frame: ArrayBuffer | undefined;
  new (loadFileBufferReader())().convertToArrayBuffer(object, (packed) => (frame = packed));
  return frame!;
}

export function stockUnpack(frame: ArrayBuffer): Record<string, unknown> {
  let object: Record<string, unknown> | undefined;
  new (loadFileBufferReader())().convertToObject(frame, (unpacked) => (object = unpacked));
  return object!;
}
