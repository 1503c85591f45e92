/**
 * Stock's file sharing, done as stock does it: with the FileBufferReader the
 * page loads (`FileBufferReader.js`, which stock pages include for it), in its
 * chunk format, each chunk pulled by the receiver (`readyForNextChunk`). Only
 * when `enableFileSharing` is set, as with stock. Like stock, a file is read
 * slice by slice but its chunks are kept until the transfer ends.
 */
import { RtcError } from '../errors.js';

/** What stock hands `onFileStart`/`onFileProgress`/`onFileEnd`: a chunk or file description from FileBufferReader. */
export interface FileChunkInfo {
  uuid: string;
  name: string;
  size: number;
  type: string;
  maxChunks: number;
  currentPosition?: number;
  /** On `onFileEnd`, a `blob:` URL of the whole file. */
  url?: string;
  userid?: string;
  remoteUserId?: string;
}

interface FileBufferReader {
  readAsArrayBuffer(file: Blob, callback: (uuid: string) => void, extra: Record<string, unknown>): void;
  getNextChunk(request: unknown, callback: (chunk: ArrayBuffer | DataView) => void, userid?: string): void;
  addChunk(chunk: unknown, callback: (prompt: ArrayBuffer | DataView) => void): void;
  chunkMissing(chunk: unknown): void;
  convertToObject(buffer: ArrayBuffer | DataView, callback: (object: Record<string, unknown>) => void): void;
  onBegin(file: FileChunkInfo): void;
  onProgress(chunk: FileChunkInfo): void;
  onEnd(file: FileChunkInfo): void;
}

export interface FileSharingHost {
  userid(): string;
  chunkSize(): number;
  /** Everyone a file to all goes to. */
  participants(): string[];
  sendBinary(userid: string, data: ArrayBuffer | DataView): void;
  started(file: FileChunkInfo): void;
  progressed(chunk: FileChunkInfo): void;
  ended(file: FileChunkInfo): void;
  report(error: RtcError): void;
}

/** What `send()` shares as a file: a File or Blob (stock also takes any object with a size and a type). */
export function isFileLike(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

export class FileSharing {
  #reader: FileBufferReader | undefined;

  constructor(private readonly host: FileSharingHost) {}

  /** Offers `file` to one participant or to all; each pulls its chunks. False when the page has no FileBufferReader. */
  share(file: Blob, userid?: string): boolean {
    const reader = this.#fileBufferReader();
    if (!reader) return false;
    reader.readAsArrayBuffer(
      file,
      (uuid) => {
        for (const participant of userid === undefined ? this.host.participants() : [userid]) {
          reader.getNextChunk(uuid, (chunk) => this.host.sendBinary(participant, chunk), participant);
        }
      },
      { userid: this.host.userid(), chunkSize: this.host.chunkSize() },
    );
    return true;
  }

  /** A binary data-channel frame from `userid`: a chunk of a file, or a request for the next one. */
  receive(userid: string, frame: ArrayBuffer | DataView): void {
    const reader = this.#fileBufferReader();
    if (!reader) return;
    reader.convertToObject(frame, (message) => {
      if (message['readyForNextChunk']) {
        reader.getNextChunk(message, (chunk) => this.host.sendBinary(userid, chunk), userid);
      } else if (message['chunkMissing']) {
        reader.chunkMissing(message);
      } else {
        reader.addChunk(message, (prompt) => this.host.sendBinary(userid, prompt));
      }
    });
  }

  #fileBufferReader(): FileBufferReader | undefined {
    if (this.#reader) return this.#reader;
    const Reader = (globalThis as { FileBufferReader?: new () => FileBufferReader }).FileBufferReader;
    if (typeof Reader !== 'function') {
      this.host.report(
        new RtcError('invalid-input', 'file sharing needs FileBufferReader.js on the page, as with stock (npm fbr)'),
      );
      return undefined;
    }
    const reader = new Reader();
    reader.onBegin = (file) => this.host.started(file);
    reader.onProgress = (chunk) => this.host.progressed(chunk);
    reader.onEnd = (file) => this.host.ended(file);
    this.#reader = reader;
    return reader;
  }
}
