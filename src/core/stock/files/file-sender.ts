/**
 * Sends files in stock's pull protocol, reading each chunk from the file only
 * when a recipient asks for it: a transfer holds one chunk per recipient at a
 * time, however large the file (stock's FileBufferReader reads the whole file
 * into memory first, and keeps it). Each recipient has its own position, so
 * one file goes to several participants at their own pace, and the same
 * participant can be sent a second file (stock's per-user counter skips it).
 */
import { RtcError } from '../../errors.js';
import type { PackableObject } from './binarize.js';
import {
  chunkMessage,
  describeFile,
  missingMessage,
  type ChunkRequest,
  type FileChunkInfo,
  type FileDescription,
} from './file-chunks.js';

export interface FileSenderHost {
  userid(): string;
  send(userid: string, message: PackableObject): void;
  started(info: FileChunkInfo): void;
  progressed(info: FileChunkInfo): void;
  ended(info: FileChunkInfo): void;
  report(error: RtcError): void;
}

interface OutgoingFile {
  file: Blob;
  description: FileDescription;
  chunkSize: number;
  /** Who has not had the end chunk yet. */
  recipients: Set<string>;
  /** The sender's own link to the file, made when the first recipient has it all. */
  url?: string;
}

export class FileSender {
  readonly #files = new Map<string, OutgoingFile>();

  constructor(private readonly host: FileSenderHost) {}

  /** Offers `file` to each recipient: they get the start chunk and pull the rest. */
  offer(file: Blob, uuid: string, chunkSize: number, recipients: string[]): void {
    let outgoing = this.#files.get(uuid);
    if (!outgoing || outgoing.file !== file) {
      outgoing = { file, description: describeFile(file, uuid, chunkSize), chunkSize, recipients: new Set() };
      this.#files.set(uuid, outgoing);
    }
    for (const userid of recipients) {
      outgoing.recipients.add(userid);
      this.#sendChunk(outgoing, userid, 0);
    }
  }

  /** A recipient has chunk `currentPosition` and asks for the next one. */
  async next(userid: string, request: ChunkRequest): Promise<void> {
    const outgoing = this.#files.get(request.uuid);
    const position = request.currentPosition + 1;
    if (!outgoing?.recipients.has(userid) || position > outgoing.description.maxChunks + 1) {
      this.host.send(userid, missingMessage({ uuid: request.uuid, currentPosition: position }));
      return;
    }
    if (position > outgoing.description.maxChunks) {
      outgoing.recipients.delete(userid);
      if (outgoing.recipients.size === 0) this.#files.delete(request.uuid);
      this.#sendChunk(outgoing, userid, position);
      return;
    }
    const start = (position - 1) * outgoing.chunkSize;
    let buffer: ArrayBuffer;
    try {
      buffer = await outgoing.file.slice(start, start + outgoing.chunkSize).arrayBuffer();
    } catch (error) {
      this.forget(userid, request.uuid);
      this.host.send(userid, missingMessage({ uuid: request.uuid, currentPosition: position }));
      const { name } = outgoing.description;
      this.host.report(new RtcError('file-transfer-failed', `could not read "${name}": ${String(error)}`, { userid }));
      return;
    }
    // The recipient may have left, or been sent the file again, while the chunk was read.
    if (this.#files.get(request.uuid) === outgoing && outgoing.recipients.has(userid))
      this.#sendChunk(outgoing, userid, position, buffer);
  }

  /** Stops sending to a participant that left (or one file to it). */
  forget(userid: string, uuid?: string): void {
    for (const [key, outgoing] of this.#files) {
      if (uuid !== undefined && key !== uuid) continue;
      outgoing.recipients.delete(userid);
      if (outgoing.recipients.size === 0) this.#files.delete(key);
    }
  }

  #sendChunk(outgoing: OutgoingFile, userid: string, position: number, buffer?: ArrayBuffer): void {
    const from = { userid: this.host.userid(), chunkSize: outgoing.chunkSize };
    this.host.send(userid, chunkMessage(outgoing.description, position, from, userid, buffer));
    const info: FileChunkInfo = {
      ...outgoing.description,
      currentPosition: position,
      userid: from.userid,
      remoteUserId: userid,
    };
    if (position === 0) this.host.started({ ...info, start: true });
    if (position > outgoing.description.maxChunks) {
      outgoing.url ??= typeof URL.createObjectURL === 'function' ? URL.createObjectURL(outgoing.file) : undefined;
      this.host.ended({ ...info, end: true, ...(outgoing.url ? { url: outgoing.url } : {}) });
    }
    this.host.progressed(info);
  }
}
