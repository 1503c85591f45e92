/**
 * One RTCPeerConnection to one remote participant, negotiated the stock way:
 * the existing member offers, the joiner answers; the answer goes out before
 * any of our candidates; remote candidates wait for the remote description;
 * negotiation steps run one at a time, so a storm of offers cannot interleave.
 */
import type { Extra } from '../../protocol/extra.js';
import type { PeerState } from '../events.js';
import type { SdpConstraints } from '../../protocol/messages.js';
import {
  buildCandidateMessage,
  buildDescriptionMessage,
  type Negotiation,
  type StreamInfo,
  type StreamsToShare,
} from '../../protocol/negotiation.js';

/** What a peer needs from the connection, and how it reports back. */
export interface PeerHost {
  readonly iceServers: RTCIceServer[];
  /** The page's edit of every SDP, local before it is set, remote before it is applied (stock's `processSdp`). */
  processSdp(sdp: string): string;
  localStreams(): readonly MediaStream[];
  localExtra(): Extra;
  /** Whether our session carries data (stock creates and accepts channels only then). */
  wantsDataChannel(): boolean;
  relay(message: Record<string, unknown>): void;
  stateChanged(state: PeerState): void;
  remoteStream(stream: MediaStream, info: StreamInfo): void;
  remoteStreamEnded(stream: MediaStream): void;
  channelOpened(channel: RTCDataChannel): void;
  channelClosed(): void;
  channelFrame(frame: unknown): void;
  failed(message: string): void;
}

type DescriptionNegotiation = Extract<Negotiation, { kind: 'description' }>;

/** Candidates a peer holds before the remote description is set; more is noise or abuse. */
const MAX_QUEUED_CANDIDATES = 100;

export class Peer {
  readonly connection: RTCPeerConnection;
  #channel: RTCDataChannel | undefined;
  #steps: Promise<void> = Promise.resolve();
  #remoteCandidates: RTCIceCandidateInit[] = [];
  /** Our candidates wait until our description has been sent. */
  #localCandidates: RTCIceCandidate[] | undefined = [];
  #remoteStreamsToShare: StreamsToShare = {};
  readonly #remoteStreams = new Map<string, MediaStream>();
  #state: PeerState = 'connecting';
  #closed = false;
  /** The channel whose opening was reported and whose closing not yet: its close is reported once, whoever closes. */
  #openChannel: RTCDataChannel | undefined;

  constructor(
    private readonly host: PeerHost,
    /** The join request our offers answer; stock echoes it back in every description. */
    private readonly connectionDescription: unknown,
  ) {
    this.connection = new RTCPeerConnection({ iceServers: host.iceServers });
    this.connection.addEventListener('icecandidate', (event) => {
      if (!event.candidate || !event.candidate.candidate) return;
      if (this.#localCandidates) this.#localCandidates.push(event.candidate);
      else host.relay(buildCandidateMessage(event.candidate));
    });
    this.connection.addEventListener('connectionstatechange', () => this.#updateState());
    this.connection.addEventListener('track', (event) => this.#onTrack(event));
    this.connection.addEventListener('datachannel', (event) => {
      if (host.wantsDataChannel()) this.#adoptChannel(event.channel);
    });
  }

  get state(): PeerState {
    return this.#state;
  }

  get channel(): RTCDataChannel | undefined {
    return this.#channel?.readyState === 'open' ? this.#channel : undefined;
  }

  get remoteStreams(): MediaStream[] {
    return [...this.#remoteStreams.values()];
  }

  /** Makes and sends the first offer (we are the existing member). */
  offer(options: {
    localConstraints: SdpConstraints;
    remoteConstraints: SdpConstraints;
    dontAttachLocalStream: boolean;
    dontGetRemoteStream: boolean;
  }): void {
    this.#step(async () => {
      if (!options.dontAttachLocalStream) this.#attachLocalStreams();
      if (this.host.wantsDataChannel()) this.#adoptChannel(this.connection.createDataChannel('sctp', {}));
      // Stock offers receive-lines for audio and video even without media of its own, so the answerer's media can flow.
      for (const [kind, wanted] of [
        ['audio', options.localConstraints.OfferToReceiveAudio],
        ['video', options.localConstraints.OfferToReceiveVideo],
      ] as const) {
        if (
          wanted &&
          !this.connection.getTransceivers().some((transceiver) => transceiver.receiver.track.kind === kind)
        ) {
          this.connection.addTransceiver(kind, { direction: 'recvonly' });
        }
      }
      await this.#setLocal(await this.connection.createOffer());
      this.#sendDescription(options.remoteConstraints, false, options.dontGetRemoteStream);
    });
  }

  /** Applies a negotiation message from the remote side, in order with every other. */
  handle(
    negotiation: Exclude<Negotiation, { kind: 'enable-media' | 'ready-for-offer' | 'stream-sync' | 'drop-peer' }>,
  ): void {
    if (negotiation.kind === 'candidate') {
      this.#step(() => this.#addCandidate(negotiation.candidate));
      return;
    }
    this.#step(() =>
      negotiation.description.type === 'offer' ? this.#answer(negotiation) : this.#acceptAnswer(negotiation),
    );
  }

  send(frame: string | ArrayBuffer | DataView): boolean {
    const channel = this.channel;
    if (!channel) return false;
    if (typeof frame === 'string') channel.send(frame);
    else if (frame instanceof ArrayBuffer) channel.send(frame);
    else channel.send(new Uint8Array(frame.buffer as ArrayBuffer, frame.byteOffset, frame.byteLength));
    return true;
  }

  /** Our description, as the page's `processSdp` edits it. */
  async #setLocal(description: RTCSessionDescriptionInit): Promise<void> {
    await this.connection.setLocalDescription(this.#processed(description));
  }

  #processed(description: RTCSessionDescriptionInit): RTCSessionDescriptionInit {
    return description.sdp === undefined
      ? description
      : { type: description.type, sdp: this.host.processSdp(description.sdp) };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const stream of this.#remoteStreams.values()) this.host.remoteStreamEnded(stream);
    this.#remoteStreams.clear();
    // Closed by us (the participant left, or we did): say it here, even when the channel was already closing
    // (the other side closed it first) and its own close event has not come yet.
    const channelWasOpen = this.#openChannel !== undefined;
    this.#openChannel = undefined;
    this.#channel?.close();
    this.connection.close();
    if (channelWasOpen) this.host.channelClosed();
  }

  async #answer(negotiation: DescriptionNegotiation): Promise<void> {
    const firstOffer = this.connection.signalingState === 'stable' && !this.connection.remoteDescription;
    if (firstOffer && !negotiation.dontAttachLocalStream) this.#attachLocalStreams();
    this.#remoteStreamsToShare = { ...this.#remoteStreamsToShare, ...negotiation.streamsToShare };
    // In have-local-offer this rolls our own offer back (both sides renegotiated at once).
    await this.connection.setRemoteDescription(this.#processed(negotiation.description));
    await this.#flushRemoteCandidates();
    await this.#setLocal(await this.connection.createAnswer());
    this.#sendDescription(false, negotiation.renegotiating, false);
  }

  async #acceptAnswer(negotiation: DescriptionNegotiation): Promise<void> {
    if (this.connection.signalingState !== 'have-local-offer')
      throw new Error(`an answer arrived in signaling state ${this.connection.signalingState}`);
    this.#remoteStreamsToShare = { ...this.#remoteStreamsToShare, ...negotiation.streamsToShare };
    await this.connection.setRemoteDescription(this.#processed(negotiation.description));
    await this.#flushRemoteCandidates();
  }

  async #addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    if (!this.connection.remoteDescription) {
      if (this.#remoteCandidates.length < MAX_QUEUED_CANDIDATES) this.#remoteCandidates.push(candidate);
      return;
    }
    await this.connection.addIceCandidate(candidate);
  }

  async #flushRemoteCandidates(): Promise<void> {
    const queued = this.#remoteCandidates;
    this.#remoteCandidates = [];
    for (const candidate of queued)
      await this.connection
        .addIceCandidate(candidate)
        .catch((error: Error) => this.host.failed(`a queued ICE candidate was refused: ${error.message}`));
  }

  #sendDescription(
    remoteConstraints: SdpConstraints | false,
    renegotiating: boolean,
    dontGetRemoteStream: boolean,
  ): void {
    const description = this.connection.localDescription;
    if (!description || this.#closed) return;
    this.host.relay(
      buildDescriptionMessage({
        description,
        remotePeerSdpConstraints: remoteConstraints,
        renegotiating,
        connectionDescription: this.connectionDescription,
        dontGetRemoteStream,
        extra: this.host.localExtra(),
        streamsToShare: streamsToShare(this.host.localStreams()),
      }),
    );
    // Only now may candidates follow: a stock peer adds them straight away and loses any that precede the description.
    const pending = this.#localCandidates ?? [];
    this.#localCandidates = undefined;
    for (const candidate of pending) this.host.relay(buildCandidateMessage(candidate));
  }

  #attachLocalStreams(): void {
    const senders = new Set(this.connection.getSenders().map((sender) => sender.track));
    for (const stream of this.host.localStreams()) {
      for (const track of stream.getTracks()) if (!senders.has(track)) this.connection.addTrack(track, stream);
    }
  }

  #adoptChannel(channel: RTCDataChannel): void {
    // Stock keeps one channel per peer and silently replaces it with any later one.
    if (this.#channel && this.#channel.readyState !== 'closed') this.#channel.close();
    this.#channel = channel;
    this.#openChannel = undefined;
    channel.binaryType = 'arraybuffer';
    channel.addEventListener('open', () => {
      if (channel !== this.#channel || this.#closed) return;
      this.#openChannel = channel;
      this.host.channelOpened(channel);
    });
    channel.addEventListener('close', () => {
      if (channel !== this.#openChannel) return;
      this.#openChannel = undefined;
      this.host.channelClosed();
    });
    channel.addEventListener('message', (event) => this.host.channelFrame(event.data));
  }

  #onTrack(event: RTCTrackEvent): void {
    const stream = event.streams[0] ?? new MediaStream([event.track]);
    const ended = () => {
      if (stream.getTracks().some((track) => track.readyState === 'live') || !this.#remoteStreams.has(stream.id))
        return;
      this.#remoteStreams.delete(stream.id);
      this.host.remoteStreamEnded(stream);
    };
    event.track.addEventListener('ended', ended);
    stream.addEventListener('removetrack', ended);
    if (this.#remoteStreams.has(stream.id)) return;
    this.#remoteStreams.set(stream.id, stream);
    const video = stream.getVideoTracks().length > 0 || event.track.kind === 'video';
    this.host.remoteStream(
      stream,
      this.#remoteStreamsToShare[stream.id] ?? { isAudio: !video, isVideo: video, isScreen: false },
    );
  }

  #updateState(): void {
    const native = this.connection.connectionState;
    const state: PeerState = native === 'connected' ? 'connected' : native === 'failed' ? 'failed' : 'connecting';
    if (state === this.#state || this.#closed) return;
    this.#state = state;
    this.host.stateChanged(state);
  }

  /** Runs negotiation steps one after another; a failed step is reported and the next still runs. */
  #step(work: () => Promise<void>): void {
    this.#steps = this.#steps.then(async () => {
      if (this.#closed) return;
      try {
        await work();
      } catch (error) {
        if (!this.#closed) this.host.failed((error as Error).message);
      }
    });
  }
}

/** What a stream carries, as stock labels it: a stream with video is a video stream. */
export function streamInfo(stream: MediaStream): StreamInfo {
  const isVideo = stream.getVideoTracks().length > 0;
  return { isAudio: !isVideo && stream.getAudioTracks().length > 0, isVideo, isScreen: false };
}

/** Our local streams as stock announces them to the receiver. */
export function streamsToShare(streams: readonly MediaStream[]): StreamsToShare {
  return Object.fromEntries(streams.map((stream) => [stream.id, streamInfo(stream)]));
}
