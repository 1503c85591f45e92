/**
 * The WebRTC side of a connection: local media, one Peer per remote
 * participant, the stock media handshake, data-channel messages and stream
 * sync. Created only where RTCPeerConnection exists; the roster never depends
 * on it, so a failing peer never removes anyone.
 */
import type { Extra } from '../../protocol/extra.js';
import type { Session } from '../../protocol/messages.js';
import {
  buildEnableMedia,
  buildReadyForOffer,
  buildStreamSync,
  type Negotiation,
  type StreamInfo,
  type WirePreferences,
} from '../../protocol/negotiation.js';
import { encodeTextMessage, TextReassembler } from '../../protocol/text-chunks.js';
import { randomToken } from '../../protocol/ids.js';
import { RtcError } from '../errors.js';
import { ChannelEvent, DataMessageEvent, MuteEvent, StreamEvent, type PeerState } from '../events.js';
import { createMediaElement } from './media-element.js';
import { Peer, streamInfo, streamsToShare } from './peer.js';
import { PeerLimits, type PeerLimitSettings } from './peer-limits.js';

/** What the media session needs from its connection. */
export interface MediaHost {
  userid(): string;
  session(): Session;
  iceServers(): RTCIceServer[];
  processSdp(sdp: string): string;
  /** A binary data-channel frame (file sharing); false when nobody takes it. */
  binaryFrame(userid: string, frame: ArrayBuffer): boolean;
  mediaConstraints(): MediaStreamConstraints | undefined;
  peerLimits(): PeerLimitSettings;
  committedExtra(): Extra;
  /** A participant's extra once the roster has it (it may still be fetching it from the server). */
  extraOf(userid: string): Promise<Readonly<Extra>>;
  relay(userid: string, message: Record<string, unknown>): void;
  updatePeer(userid: string, change: { peerState?: PeerState | undefined; streams?: readonly MediaStream[] }): void;
  dispatchEvent(event: Event): void;
  report(error: RtcError): void;
}

/** Candidates and messages held for a peer that does not exist or is not open yet. */
const MAX_WAITING = 100;

export class MediaSession {
  readonly #peers = new Map<string, Peer>();
  /** Candidates that arrived before their peer's offer. */
  readonly #earlyCandidates = new Map<string, Array<Extract<Negotiation, { kind: 'candidate' }>>>();
  /** Messages sent before the peer's channel opened. */
  readonly #unsent = new Map<string, string[][]>();
  readonly #reassemblers = new Map<string, TextReassembler>();
  readonly #streamInfo = new WeakMap<MediaStream, StreamInfo>();
  /**
   * The media elements handed out with streams: a playing element stays alive even when nobody
   * attached it, and with it the stream and its peer connection, so each is stopped when its stream ends.
   */
  readonly #mediaElements = new Map<MediaStream, HTMLMediaElement>();
  /** Streams already ended: one can end while its media element is still being prepared. */
  readonly #ended = new WeakSet<MediaStream>();
  #localStreams: MediaStream[] = [];
  readonly #limits: PeerLimits;

  constructor(private readonly host: MediaHost) {
    this.#limits = new PeerLimits(() => host.peerLimits());
  }

  get localStreams(): readonly MediaStream[] {
    return this.#localStreams;
  }

  /** Captures camera and/or microphone as the session asks, before open/join, as stock does. */
  async captureLocalMedia(): Promise<void> {
    const session = this.host.session();
    if ((!session.audio && !session.video) || this.#localStreams.length > 0) return;
    const constraints = this.host.mediaConstraints() ?? { audio: !!session.audio, video: !!session.video };
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia(constraints);
    } catch (error) {
      const { name, message } = error as Error;
      this.host.report(
        new RtcError('media-failed', `could not capture local media: ${message}`, { name, message, constraints }),
      );
      return;
    }
    this.#localStreams = [...this.#localStreams, stream];
    this.host.updatePeer(this.host.userid(), { streams: this.#localStreams });
    this.#announceStream(this.host.userid(), stream, streamInfo(stream), true);
  }

  /** We are a member and admit a joiner: offer now (data-only, one-way) or after the media handshake. */
  accept(userid: string, preferences: WirePreferences): void {
    if (preferences.isDataOnly || preferences.isOneWay) {
      this.#offer(userid, preferences);
      return;
    }
    this.host.relay(userid, buildEnableMedia({ ...preferences, isOneWay: true }));
  }

  handle(userid: string, negotiation: Negotiation): void {
    switch (negotiation.kind) {
      case 'enable-media':
        // We are the joiner: tell the member what we will send, then it offers.
        this.host.relay(
          userid,
          buildReadyForOffer({ ...negotiation.preferences, streamsToShare: streamsToShare(this.#localStreams) }),
        );
        return;
      case 'ready-for-offer':
        this.#offer(userid, negotiation.preferences);
        return;
      case 'stream-sync':
        this.#onStreamSync(userid, negotiation);
        return;
      case 'drop-peer':
        this.close(userid);
        return;
      case 'candidate': {
        const peer = this.#peers.get(userid);
        if (peer) peer.handle(negotiation);
        else this.#hold(this.#earlyCandidates, userid, negotiation);
        return;
      }
      case 'description': {
        const existing = this.#peers.get(userid);
        if (negotiation.description.type === 'answer') {
          if (existing) existing.handle(negotiation);
          else
            this.host.report(
              new RtcError('invalid-input', `an answer from "${userid}", to whom we made no offer`, { userid }),
            );
          return;
        }
        // A first offer (or stock's re-offer without the renegotiation flag) starts a fresh peer.
        let peer = existing && negotiation.renegotiating ? existing : undefined;
        if (!peer) {
          const others = this.#peers.size - (existing ? 1 : 0);
          const start = () => (peer = this.#createPeer(userid, negotiation.connectionDescription));
          // An offer is answered at once (its sender is waiting), within the total limit only.
          if (this.#limits.admit(userid, others, start, false) === 'refused') return this.#overLimit(userid);
        }
        if (!peer) return;
        peer.handle(negotiation);
        for (const candidate of this.#earlyCandidates.get(userid) ?? []) peer.handle(candidate);
        this.#earlyCandidates.delete(userid);
      }
    }
  }

  /** Sends text or JSON over the data channels, to one participant or to all; false when there is nobody to send to. */
  send(data: unknown, userid?: string): boolean {
    const frames = encodeTextMessage(data, randomToken(), Date.now());
    const targets = userid === undefined ? [...this.#peers.keys()] : this.#peers.has(userid) ? [userid] : [];
    for (const target of targets) {
      const peer = this.#peers.get(target)!;
      if (peer.channel) for (const frame of frames) peer.send(frame);
      else this.#hold(this.#unsent, target, frames);
    }
    return targets.length > 0;
  }

  /** Sends one binary frame (a file chunk) to a participant whose channel is open; false otherwise. */
  sendBinary(userid: string, data: ArrayBuffer | DataView): boolean {
    return this.#peers.get(userid)?.send(data) ?? false;
  }

  /** Mutes (or unmutes) our local tracks and tells every peer, in stock's stream-sync format. */
  setMuted(muted: boolean, type: 'audio' | 'video' | 'both'): void {
    for (const stream of this.#localStreams) {
      const tracks =
        type === 'audio' ? stream.getAudioTracks() : type === 'video' ? stream.getVideoTracks() : stream.getTracks();
      for (const track of tracks) track.enabled = !muted;
      for (const userid of this.#peers.keys())
        this.host.relay(userid, buildStreamSync(stream.id, muted ? 'mute' : 'unmute', type));
      this.#announceMute(this.host.userid(), stream.id, type, muted, true);
    }
  }

  peerOf(userid: string): Peer | undefined {
    return this.#peers.get(userid);
  }

  close(userid: string): void {
    this.#limits.forget(userid);
    this.#discard(userid);
  }

  /** Drops a participant's peer and what was held for it. */
  #discard(userid: string): void {
    const peer = this.#peers.get(userid);
    this.#peers.delete(userid);
    this.#earlyCandidates.delete(userid);
    this.#unsent.delete(userid);
    this.#reassemblers.delete(userid);
    peer?.close();
  }

  /**
   * Streams the page captured itself (stock's `attachStreams`), sent to every
   * peer from now on as if we had captured them.
   */
  useStreams(streams: readonly MediaStream[]): void {
    this.#localStreams = [...streams];
    this.host.updatePeer(this.host.userid(), { streams: this.#localStreams });
  }

  /** Closes every peer; our own media stays (a page entering another room keeps its camera, as with stock). */
  closePeers(): void {
    this.#limits.clear();
    for (const userid of [...this.#peers.keys()]) this.close(userid);
    this.#earlyCandidates.clear();
  }

  /** Closes every peer and stops our captured tracks. */
  closeAll(): void {
    this.closePeers();
    const local = this.#localStreams;
    this.#localStreams = [];
    for (const stream of local) {
      for (const track of stream.getTracks()) track.stop();
      this.#announceEnded(this.host.userid(), stream, true);
    }
  }

  #offer(userid: string, preferences: WirePreferences): void {
    const start = () =>
      this.#createPeer(userid, preferences.connectionDescription)?.offer({
        localConstraints: preferences.localPeerSdpConstraints,
        remoteConstraints: preferences.remotePeerSdpConstraints,
        dontAttachLocalStream: preferences.dontAttachLocalStream,
        dontGetRemoteStream: preferences.dontGetRemoteStream,
      });
    const others = this.#peers.size - (this.#peers.has(userid) ? 1 : 0);
    const admission = this.#limits.admit(userid, others, start);
    if (admission === 'waiting') this.host.updatePeer(userid, { peerState: 'waiting' });
    if (admission === 'refused') this.#overLimit(userid);
  }

  /** Listed, not connected: `maxPeerConnections` peers are open already. */
  #overLimit(userid: string): void {
    this.host.updatePeer(userid, { peerState: 'limit-reached' });
  }

  /** A new peer for a participant, replacing any; a browser that refuses to make one is a `peer-failed` error. */
  #createPeer(userid: string, connectionDescription: unknown): Peer | undefined {
    this.#discard(userid);
    try {
      return this.#newPeer(userid, connectionDescription);
    } catch (error) {
      this.#limits.forget(userid);
      const reason = error instanceof Error ? error.message : String(error);
      this.host.report(new RtcError('peer-failed', `WebRTC with "${userid}": ${reason}`, { userid, reason }));
      this.host.updatePeer(userid, { peerState: 'failed' });
      return undefined;
    }
  }

  #newPeer(userid: string, connectionDescription: unknown): Peer {
    const { host } = this;
    const reassembler = new TextReassembler();
    this.#reassemblers.set(userid, reassembler);
    const peer: Peer = new Peer(
      {
        iceServers: host.iceServers(),
        processSdp: (sdp) => host.processSdp(sdp),
        localStreams: () => this.#localStreams,
        localExtra: () => host.committedExtra(),
        wantsDataChannel: () => host.session().data === true,
        relay: (message) => host.relay(userid, message),
        stateChanged: (peerState) => {
          if (peerState !== 'connecting') this.#limits.settled(userid);
          host.updatePeer(userid, { peerState });
        },
        remoteStream: (stream, info) => {
          host.updatePeer(userid, { streams: peer.remoteStreams });
          this.#announceStream(userid, stream, info, false);
        },
        remoteStreamEnded: (stream) => {
          if (this.#peers.get(userid) === peer) host.updatePeer(userid, { streams: peer.remoteStreams });
          this.#announceEnded(userid, stream, false);
        },
        channelOpened: (channel) => {
          for (const frames of this.#unsent.get(userid) ?? []) for (const frame of frames) peer.send(frame);
          this.#unsent.delete(userid);
          void host.extraOf(userid).then((extra) => {
            host.dispatchEvent(new ChannelEvent('open', { userid, extra, channel }));
          });
        },
        channelClosed: () => {
          void host.extraOf(userid).then((extra) => {
            host.dispatchEvent(new ChannelEvent('close', { userid, extra, channel: undefined }));
          });
        },
        channelFrame: (frame) => {
          if (frame instanceof ArrayBuffer && host.binaryFrame(userid, frame)) return;
          const result = reassembler.accept(frame, Date.now());
          if ('error' in result) {
            host.report(new RtcError('invalid-input', `ignored ${result.error} from "${userid}"`, { userid }));
            return;
          }
          if (!result.done) return;
          void host.extraOf(userid).then((extra) => {
            host.dispatchEvent(new DataMessageEvent({ data: result.data, userid, extra, latency: result.latency }));
          });
        },
        failed: (message) => {
          host.report(new RtcError('peer-failed', `WebRTC with "${userid}": ${message}`, { userid, reason: message }));
        },
      },
      connectionDescription,
    );
    this.#peers.set(userid, peer);
    host.updatePeer(userid, { peerState: 'connecting', streams: [] });
    return peer;
  }

  #onStreamSync(userid: string, sync: Extract<Negotiation, { kind: 'stream-sync' }>): void {
    const stream = this.#peers.get(userid)?.remoteStreams.find((candidate) => candidate.id === sync.streamid);
    if (!stream) return;
    if (sync.action === 'ended') {
      this.#announceEnded(userid, stream, false);
      return;
    }
    this.#announceMute(userid, stream.id, sync.type, sync.action === 'mute', false);
  }

  #announceStream(userid: string, stream: MediaStream, info: StreamInfo, isLocal: boolean): void {
    this.#streamInfo.set(stream, info);
    void Promise.all([this.host.extraOf(userid), createMediaElement(stream, isLocal)]).then(([extra, mediaElement]) => {
      if (this.#ended.has(stream)) {
        stopElement(mediaElement);
        return;
      }
      if (mediaElement) this.#mediaElements.set(stream, mediaElement);
      this.host.dispatchEvent(
        new StreamEvent('stream', { stream, userid, extra, isLocal, mediaElement, ...pickInfo(info) }),
      );
    });
  }

  #announceEnded(userid: string, stream: MediaStream, isLocal: boolean): void {
    const info = this.#streamInfo.get(stream) ?? streamInfo(stream);
    this.#ended.add(stream);
    stopElement(this.#mediaElements.get(stream));
    this.#mediaElements.delete(stream);
    void this.host.extraOf(userid).then((extra) => {
      this.host.dispatchEvent(
        new StreamEvent('stream-ended', { stream, userid, extra, isLocal, mediaElement: undefined, ...pickInfo(info) }),
      );
    });
  }

  #announceMute(
    userid: string,
    streamid: string,
    type: 'audio' | 'video' | 'both',
    muted: boolean,
    isLocal: boolean,
  ): void {
    this.host.dispatchEvent(new MuteEvent(muted ? 'mute' : 'unmute', { userid, streamid, muteType: type, isLocal }));
  }

  #hold<T>(store: Map<string, T[]>, userid: string, item: T): void {
    const waiting = store.get(userid) ?? [];
    if (waiting.length >= MAX_WAITING) return;
    waiting.push(item);
    store.set(userid, waiting);
  }
}

function stopElement(element: HTMLMediaElement | undefined): void {
  if (!element) return;
  element.pause();
  element.srcObject = null;
}

/** Only what a stream carries (a stored info object is not trusted to hold nothing else). */
function pickInfo({ isAudio, isVideo, isScreen }: StreamInfo): StreamInfo {
  return { isAudio, isVideo, isScreen };
}
