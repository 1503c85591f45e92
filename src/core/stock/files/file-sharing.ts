/**
 * Stock's file sharing (`enableFileSharing`): FileBufferReader's chunk format
 * and pull protocol over the data channels, so files go both ways with stock
 * clients, without FileBufferReader.js on the page. Files are read and
 * assembled chunk by chunk (see FileSender and FileReceiver).
 */
import { randomToken } from '../../../protocol/ids.js';
import { RtcError } from '../../errors.js';
import { pack, unpack, type PackableObject } from './binarize.js';
import { readFileFrame, type FileChunkInfo } from './file-chunks.js';
import { FileReceiver } from './file-receiver.js';
import { FileSender } from './file-sender.js';

export type { FileChunkInfo } from './file-chunks.js';

export interface FileSharingHost {
  userid(): string;
  chunkSize(): number;
  /** Everyone a file to all goes to. */
  participants(): string[];
  sendBinary(userid: string, data: ArrayBuffer): void;
  started(file: FileChunkInfo): void;
  progressed(chunk: FileChunkInfo): void;
  ended(file: FileChunkInfo): void;
  report(error: RtcError): void;
}

/** FileBufferReader's chunk size when none is set. */
const DEFAULT_CHUNK_SIZE = 15_000;

export class FileSharing {
  readonly #sender: FileSender;
  readonly #receiver: FileReceiver;
  /** One uuid per file, as stock keeps one per File it was given. */
  readonly #uuids = new WeakMap<Blob, string>();

  constructor(private readonly host: FileSharingHost) {
    const send = (userid: string, message: PackableObject) => host.sendBinary(userid, pack(message));
    const common = { userid: () => host.userid(), send, report: (error: RtcError) => host.report(error) };
    this.#sender = new FileSender({
      ...common,
      started: (info) => host.started(info),
      progressed: (info) => host.progressed(info),
      ended: (info) => host.ended(info),
    });
    this.#receiver = new FileReceiver({
      ...common,
      started: (info) => host.started(info),
      progressed: (info) => host.progressed(info),
      ended: (file) => host.ended(file),
    });
  }

  /** Offers `file` to one participant or to all; each pulls its chunks. */
  share(file: Blob, userid?: string): void {
    const recipients = userid === undefined ? this.host.participants() : [userid];
    const chunkSize = this.host.chunkSize();
    const size = Number.isSafeInteger(chunkSize) && chunkSize > 0 ? chunkSize : DEFAULT_CHUNK_SIZE;
    this.#sender.offer(file, this.#uuidOf(file), size, recipients);
  }

  /** A binary data-channel frame from `userid`: a chunk of a file, or a request for the next one. */
  receive(userid: string, frame: ArrayBuffer | ArrayBufferView): void {
    let message: unknown;
    try {
      message = unpack(frame);
    } catch (error) {
      this.host.report(
        new RtcError('invalid-input', `ignored a file frame from "${userid}": ${String(error)}`, { userid }),
      );
      return;
    }
    const read = readFileFrame(message);
    if (typeof read === 'string') {
      this.host.report(new RtcError('invalid-input', `ignored ${read} from "${userid}"`, { userid }));
    } else if (read.kind === 'request') {
      void this.#sender.next(userid, read.request);
    } else if (read.kind === 'missing') {
      this.#receiver.missing(userid, read.request.uuid);
    } else {
      this.#receiver.receive(userid, read);
    }
  }

  /** A participant left: nothing more is sent to it or kept of what it was sending. */
  forget(userid: string): void {
    this.#sender.forget(userid);
    this.#receiver.forget(userid);
  }

  #uuidOf(file: Blob): string {
    const own = (file as { uuid?: unknown }).uuid;
    if (typeof own === 'string' && own !== '') return own;
    let uuid = this.#uuids.get(file);
    if (!uuid) this.#uuids.set(file, (uuid = randomToken()));
    return uuid;
  }
}
