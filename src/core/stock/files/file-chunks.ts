/**
 * The chunk messages of stock's file sharing (FileBufferReader's pull
 * protocol): the sender sends a `start` chunk (position 0), the receiver
 * answers each chunk with `readyForNextChunk` at that position, the sender
 * sends the next: data chunks 1..maxChunks, then an `end` chunk at
 * maxChunks + 1. A request for a chunk the sender no longer has gets
 * `chunkMissing`, and the receiver drops the file.
 */
import { isPlainObject } from '../../../protocol/extra.js';
import type { PackableObject } from './binarize.js';

/** What stock hands `onFileStart`/`onFileProgress`/`onFileEnd` (on a received file's end, the File itself carries these). */
export interface FileChunkInfo {
  uuid: string;
  name: string;
  size: number;
  type: string;
  maxChunks: number;
  currentPosition?: number;
  lastModifiedDate?: string;
  start?: boolean;
  end?: boolean;
  /** On `onFileEnd`, a `blob:` URL of the whole file. */
  url?: string;
  /** Who sends the file. */
  userid?: string;
  /** Who receives it (the sender has one transfer per recipient). */
  remoteUserId?: string;
}

/** The description every chunk of a file repeats, in FileBufferReader's key order. */
export interface FileDescription {
  uuid: string;
  maxChunks: number;
  size: number;
  name: string;
  type: string;
  lastModifiedDate: string;
}

export interface ChunkRequest {
  uuid: string;
  currentPosition: number;
}

/** One frame as the receiving side reads it. */
export type FileFrame =
  | { kind: 'request'; request: ChunkRequest }
  | { kind: 'missing'; request: ChunkRequest }
  | {
      kind: 'chunk';
      description: FileDescription;
      position: number;
      start: boolean;
      end: boolean;
      buffer?: ArrayBuffer;
      userid: string;
    };

export function describeFile(file: Blob, uuid: string, chunkSize: number): FileDescription {
  const named = file as Partial<File>;
  return {
    uuid,
    maxChunks: Math.ceil(file.size / chunkSize),
    size: file.size,
    name: typeof named.name === 'string' ? named.name : '',
    type: file.type,
    lastModifiedDate: new Date(typeof named.lastModified === 'number' ? named.lastModified : Date.now()).toString(),
  };
}

/** A chunk for `remoteUserId`: the start (position 0), data (1..maxChunks, with `buffer`) or the end (maxChunks + 1). */
export function chunkMessage(
  file: FileDescription,
  position: number,
  from: { userid: string; chunkSize: number },
  remoteUserId: string,
  buffer?: ArrayBuffer,
): PackableObject {
  const { uuid, maxChunks, size, name, type, lastModifiedDate } = file;
  const owner = { userid: from.userid, extra: { userid: from.userid, chunkSize: from.chunkSize } };
  if (position === 0)
    return {
      currentPosition: 0,
      uuid,
      maxChunks,
      size,
      name,
      type,
      lastModifiedDate,
      start: true,
      ...owner,
      remoteUserId,
    };
  if (buffer)
    return {
      uuid,
      buffer,
      currentPosition: position,
      maxChunks,
      size,
      name,
      lastModifiedDate,
      type,
      ...owner,
      remoteUserId,
    };
  return {
    currentPosition: position,
    uuid,
    maxChunks,
    size,
    name,
    lastModifiedDate,
    type,
    end: true,
    ...owner,
    remoteUserId,
  };
}

export function requestMessage(request: ChunkRequest): PackableObject {
  return { readyForNextChunk: true, currentPosition: request.currentPosition, uuid: request.uuid };
}

export function missingMessage(request: ChunkRequest): PackableObject {
  return { chunkMissing: true, currentPosition: request.currentPosition, uuid: request.uuid };
}

/** Reads an unpacked frame from a peer; anything unusable is a string saying why. */
export function readFileFrame(message: unknown): FileFrame | string {
  if (!isPlainObject(message)) return 'a file frame that is not an object';
  const { uuid, currentPosition } = message;
  if (typeof uuid !== 'string' || uuid === '') return 'a file frame without a uuid';
  if (!isCount(currentPosition)) return 'a file frame without a valid currentPosition';
  const request = { uuid, currentPosition };
  if (message['readyForNextChunk'] === true) return { kind: 'request', request };
  if (message['chunkMissing'] === true) return { kind: 'missing', request };
  const { maxChunks, size, name, type, lastModifiedDate, buffer, userid } = message;
  if (!isCount(maxChunks) || !isCount(size)) return 'a file chunk without a valid size and chunk count';
  if (buffer !== undefined && !(buffer instanceof ArrayBuffer)) return 'a file chunk whose data is not binary';
  const description: FileDescription = {
    uuid,
    maxChunks,
    size,
    name: typeof name === 'string' ? name : '',
    type: typeof type === 'string' ? type : '',
    lastModifiedDate: typeof lastModifiedDate === 'string' ? lastModifiedDate : '',
  };
  return {
    kind: 'chunk',
    description,
    position: currentPosition,
    start: message['start'] === true,
    end: message['end'] === true,
    ...(buffer instanceof ArrayBuffer ? { buffer } : {}),
    userid: typeof userid === 'string' ? userid : '',
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
