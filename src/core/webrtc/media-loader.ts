/**
 * The media session, loaded on demand: the WebRTC code is imported the first
 * time a room needs peers (a separate file of the CDN build), and streams a
 * page attaches before that are handed over once it is there.
 */
import type { Session } from '../../protocol/messages.js';
import { RtcError } from '../errors.js';
import { needsPeers } from './availability.js';
import type { MediaHost, MediaSession } from './media-session.js';

export class MediaLoader {
  #media: MediaSession | undefined;
  /** Streams the page attached before the WebRTC code was loaded. */
  #attachedStreams: MediaStream[] | undefined;

  constructor(
    private readonly session: () => Session,
    private readonly host: () => MediaHost,
  ) {}

  /** The media session, once loaded, whatever the current session. */
  get loaded(): MediaSession | undefined {
    return this.#media;
  }

  /** The media session, when the current session connects peers. */
  get active(): MediaSession | undefined {
    return needsPeers(this.session()) ? this.#media : undefined;
  }

  /** Loads the WebRTC code if the current session needs it and it is not loaded yet. */
  async load(): Promise<void> {
    if (this.#media || !needsPeers(this.session())) return;
    let loaded: typeof import('./media-session.js');
    try {
      loaded = await import('./media-session.js');
    } catch (error) {
      throw new RtcError('connection-failed', `could not load the WebRTC code: ${String(error)}`, { error });
    }
    this.#media ??= new loaded.MediaSession(this.host());
    if (this.#attachedStreams) this.#media.useStreams(this.#attachedStreams);
    this.#attachedStreams = undefined;
  }

  /** Our local streams (a copy): captured, or attached by the page. */
  get streams(): MediaStream[] {
    return [...(this.#media?.localStreams ?? this.#attachedStreams ?? [])];
  }

  /** Streams the page captured itself (stock's `attachStreams`); kept until the WebRTC code is loaded. */
  attach(streams: MediaStream[]): void {
    if (this.#media) this.#media.useStreams(streams);
    else this.#attachedStreams = streams;
  }
}
