/**
 * Receives files in stock's pull protocol. Received chunks go into Blobs a
 * mebibyte at a time, so the page's own memory holds at most that much of a
 * file while it arrives (the browser keeps Blob data itself, and Chromium
 * moves large Blob data to disk); stock keeps every chunk until the end. A
 * chunk out of order, a chunk of a file never started, or a file whose
 * bytes do not add up is reported and never handed to the page.
 */
import { RtcError } from '../../errors.js';
import type { PackableObject } from './binarize.js';
import { requestMessage, type FileChunkInfo, type FileDescription, type FileFrame } from './file-chunks.js';

export interface FileReceiverHost {
  userid(): string;
  send(userid: string, message: PackableObject): void;
  started(info: FileChunkInfo): void;
  progressed(info: FileChunkInfo): void;
  /** The whole file, a File carrying the chunk fields (`uuid`, `url`, `userid`, `remoteUserId`...). */
  ended(file: File & FileChunkInfo): void;
  report(error: RtcError): void;
}

/** How much of a file is kept as separate chunks before they become one Blob part. */
export const BLOB_PART_BYTES = 1024 * 1024;

/** A file's bytes as Blob parts, with at most `BLOB_PART_BYTES` (plus one chunk) not yet in a Blob. */
export class BlobAssembler {
  readonly #parts: Blob[] = [];
  #pending: ArrayBuffer[] = [];
  #pendingBytes = 0;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Bytes held as chunks, not yet handed to a Blob. */
  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  append(chunk: ArrayBuffer): void {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.byteLength;
    this.#size += chunk.byteLength;
    if (this.#pendingBytes >= BLOB_PART_BYTES) this.#flush();
  }

  finish(name: string, type: string, lastModified: number): File {
    this.#flush();
    return new File(this.#parts, name, { type, lastModified });
  }

  #flush(): void {
    if (this.#pending.length) this.#parts.push(new Blob(this.#pending));
    this.#pending = [];
    this.#pendingBytes = 0;
  }
}

interface IncomingFile {
  description: FileDescription;
  sender: string;
  /** The last position received. */
  position: number;
  bytes: BlobAssembler;
}

export class FileReceiver {
  readonly #files = new Map<string, IncomingFile>();

  constructor(private readonly host: FileReceiverHost) {}

  /** A chunk from `from` (the data channel's peer). */
  receive(from: string, frame: Extract<FileFrame, { kind: 'chunk' }>): void {
    const key = `${from}/${frame.description.uuid}`;
    const incoming = this.#files.get(key);
    const info = (position: number): FileChunkInfo => ({
      ...frame.description,
      currentPosition: position,
      userid: from,
      remoteUserId: this.host.userid(),
    });
    if (frame.start) {
      if (incoming) return;
      this.#files.set(key, { description: frame.description, sender: from, position: 0, bytes: new BlobAssembler() });
      this.host.started({ ...info(0), start: true });
      this.host.send(from, requestMessage({ uuid: frame.description.uuid, currentPosition: 0 }));
      return;
    }
    const { name } = frame.description;
    if (!incoming) return this.#refuse(from, `a chunk of "${name}", a file "${from}" never started sending`);
    if (frame.position !== incoming.position + 1)
      return this.#refuse(from, `chunk ${frame.position} of "${name}" after chunk ${incoming.position}`);
    incoming.position = frame.position;
    if (frame.end) return this.#finish(key, incoming);
    if (!frame.buffer || frame.position > incoming.description.maxChunks) {
      this.#files.delete(key);
      return this.#refuse(from, `chunk ${frame.position} of "${name}" is not a data chunk`);
    }
    incoming.bytes.append(frame.buffer);
    if (incoming.bytes.size > incoming.description.size) {
      this.#files.delete(key);
      return this.#refuse(from, `"${name}" is longer than the ${incoming.description.size} bytes announced`);
    }
    this.host.progressed(info(frame.position));
    this.host.send(from, requestMessage({ uuid: frame.description.uuid, currentPosition: frame.position }));
  }

  /** The sender no longer has the file: what arrived of it is dropped. */
  missing(from: string, uuid: string): void {
    const incoming = this.#files.get(`${from}/${uuid}`);
    if (!incoming) return;
    this.#files.delete(`${from}/${uuid}`);
    this.host.report(
      new RtcError('file-transfer-failed', `"${from}" stopped sending "${incoming.description.name}"`, {
        userid: from,
      }),
    );
  }

  /** Drops what a participant that left was sending. */
  forget(userid: string): void {
    for (const [key, incoming] of this.#files) if (incoming.sender === userid) this.#files.delete(key);
  }

  #finish(key: string, incoming: IncomingFile): void {
    this.#files.delete(key);
    const { description, sender, bytes } = incoming;
    if (bytes.size !== description.size)
      return this.#refuse(sender, `"${description.name}" ended at ${bytes.size} of ${description.size} bytes`);
    const lastModified = Date.parse(description.lastModifiedDate);
    const file = bytes.finish(
      description.name,
      description.type,
      Number.isNaN(lastModified) ? Date.now() : lastModified,
    );
    const url = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : undefined;
    // As stock's receiver does, the File carries the chunk fields (File's own name, size and type stay its getters).
    const fields = {
      uuid: description.uuid,
      maxChunks: description.maxChunks,
      currentPosition: description.maxChunks + 1,
      lastModifiedDate: description.lastModifiedDate,
      end: true,
      userid: sender,
      remoteUserId: this.host.userid(),
      ...(url ? { url } : {}),
    };
    for (const [field, value] of Object.entries(fields))
      Object.defineProperty(file, field, { value, enumerable: true, writable: true, configurable: true });
    this.host.ended(file as File & FileChunkInfo);
  }

  #refuse(from: string, why: string): void {
    this.host.report(new RtcError('invalid-input', `ignored ${why}`, { userid: from }));
  }
}
