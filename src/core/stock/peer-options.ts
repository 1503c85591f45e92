/**
 * What a stock page sets about its peers, applied as stock applies it: the
 * `iceServers` the browser accepts (each refused URL left out and reported
 * once), the page's `processSdp` (an edit that throws is reported and the SDP
 * kept), and file sharing (`enableFileSharing`) with its callbacks. The file
 * code is imported the first time a file is sent or arrives (a separate file
 * of the CDN build, like the WebRTC code).
 */
import { RtcError } from '../errors.js';
import type { FileChunkInfo } from './files/file-chunks.js';
import type { FileSharing } from './files/file-sharing.js';
import { browserIceServerCheck, IceServerFilter } from './ice-servers.js';

/** What `send()` shares as a file when file sharing is on: a File or Blob. */
export function isFileLike(value: unknown): value is Blob {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

/** The connection's settings and callbacks this reads, when it needs them. */
export interface PeerOptionsSettings {
  readonly userid: string;
  readonly iceServers: RTCIceServer[];
  readonly enableFileSharing: boolean;
  readonly chunkSize: number;
  processSdp: (sdp: string) => unknown;
  getAllParticipants(): string[];
  onFileStart: (file: FileChunkInfo) => void;
  onFileProgress: (chunk: FileChunkInfo) => void;
  onFileEnd: (file: FileChunkInfo) => void;
}

export interface PeerOptionsHost {
  /** Sends a binary frame over the data channel to `userid`; false when there is none. */
  sendBinary(userid: string, data: ArrayBuffer): boolean;
  /** Runs one of the page's callbacks (an exception in it is the page's, reported, not ours). */
  callback<A extends unknown[]>(callback: (...args: A) => void, ...args: A): void;
  report(error: RtcError): void;
}

export class PeerOptions {
  readonly #iceServers: IceServerFilter;
  #files: Promise<FileSharing | undefined> | undefined;

  constructor(
    private readonly settings: PeerOptionsSettings,
    private readonly host: PeerOptionsHost,
  ) {
    this.#iceServers = new IceServerFilter(browserIceServerCheck, ({ url, reason }) =>
      host.report(new RtcError('ice-server-rejected', `left out ICE server "${url}": ${reason}`, { url, reason })),
    );
  }

  /** `iceServers` without the URLs the browser refuses. */
  iceServers(): RTCIceServer[] {
    return this.#iceServers.usable(this.settings.iceServers);
  }

  /** The page's `processSdp`; an edit that throws (reported) or returns no text leaves the SDP as it was. */
  processSdp(sdp: string): string {
    try {
      const edited: unknown = this.settings.processSdp(sdp);
      if (typeof edited === 'string') return edited;
    } catch (error) {
      this.host.report(new RtcError('invalid-input', `processSdp threw: ${String(error)}`));
    }
    return sdp;
  }

  shareFile(file: Blob, userid?: string): void {
    void this.#fileSharing().then((files) => files?.share(file, userid));
  }

  /** A binary frame from a peer: a file frame when file sharing is on (then true), else not ours. */
  binaryFrame(userid: string, frame: ArrayBuffer): boolean {
    if (!this.settings.enableFileSharing) return false;
    // Frames are handled in arrival order: each waits on the same import.
    void this.#fileSharing().then((files) => files?.receive(userid, frame));
    return true;
  }

  /** A participant left: its file transfers end. */
  participantLeft(userid: string): void {
    void this.#files?.then((files) => files?.forget(userid));
  }

  #fileSharing(): Promise<FileSharing | undefined> {
    const { settings, host } = this;
    this.#files ??= import('./files/file-sharing.js').then(
      ({ FileSharing }) =>
        new FileSharing({
          userid: () => settings.userid,
          chunkSize: () => settings.chunkSize,
          participants: () => settings.getAllParticipants(),
          sendBinary: (userid, data) => {
            if (!host.sendBinary(userid, data))
              host.report(new RtcError('no-data-channel', `no data channel to "${userid}"`, { userid }));
          },
          started: (file) => host.callback(settings.onFileStart, file),
          progressed: (chunk) => host.callback(settings.onFileProgress, chunk),
          ended: (file) => host.callback(settings.onFileEnd, file),
          report: (error) => host.report(error),
        }),
      (error: unknown) => {
        this.#files = undefined;
        host.report(
          new RtcError('connection-failed', `could not load the file-sharing code: ${String(error)}`, { error }),
        );
        return undefined;
      },
    );
    return this.#files;
  }
}
