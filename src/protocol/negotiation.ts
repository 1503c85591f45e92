/**
 * WebRTC negotiation messages of the stock protocol (offers, answers, ICE
 * candidates, the enableMedia/readyForOffer media handshake, stream sync),
 * carried inside relayed envelopes. Builders make exactly the stock shapes;
 * the parser accepts anything and returns a typed value or `undefined`.
 */
import { isPlainObject, sanitizeIncomingExtra, type Extra } from './extra.js';
import type { SdpConstraints } from './messages.js';

export interface StreamInfo {
  isAudio: boolean;
  isVideo: boolean;
  isScreen: boolean;
}

/** Stream id → what the stream carries; the receiver labels incoming streams with it. */
export type StreamsToShare = Record<string, StreamInfo>;

/** The fields of stock's `userPreferences` that travel in the media handshake. */
export interface WirePreferences {
  localPeerSdpConstraints: SdpConstraints;
  remotePeerSdpConstraints: SdpConstraints;
  isOneWay: boolean;
  isDataOnly: boolean;
  dontGetRemoteStream: boolean;
  dontAttachLocalStream: boolean;
  connectionDescription?: unknown;
  streamsToShare?: StreamsToShare;
}

export type Negotiation =
  | {
      kind: 'description';
      description: { type: 'offer' | 'answer'; sdp: string };
      renegotiating: boolean;
      /** The offerer asks the answerer not to send its media (one-way rooms). */
      dontAttachLocalStream: boolean;
      streamsToShare: StreamsToShare;
      connectionDescription: unknown;
      /** The sender's local extra: a fallback only; the roster takes extra from the server. */
      extra: Extra | undefined;
    }
  | { kind: 'candidate'; candidate: { candidate: string; sdpMid: string | null; sdpMLineIndex: number | null } }
  | { kind: 'enable-media'; preferences: WirePreferences }
  | { kind: 'ready-for-offer'; preferences: WirePreferences }
  | { kind: 'stream-sync'; streamid: string; action: 'mute' | 'unmute' | 'ended'; type: 'audio' | 'video' | 'both' }
  | { kind: 'drop-peer' };

/** SDP is a few kilobytes; anything far larger is not a session description. */
const MAX_SDP_LENGTH = 256 * 1024;
const MAX_CANDIDATE_LENGTH = 2048;
const MAX_STREAMS_TO_SHARE = 64;

export function buildDescriptionMessage(options: {
  description: RTCSessionDescriptionInit;
  remotePeerSdpConstraints: SdpConstraints | false;
  renegotiating: boolean;
  connectionDescription: unknown;
  dontGetRemoteStream: boolean;
  extra: Extra;
  streamsToShare: StreamsToShare;
}): Record<string, unknown> {
  return {
    type: options.description.type,
    sdp: options.description.sdp,
    remotePeerSdpConstraints: options.remotePeerSdpConstraints,
    renegotiatingPeer: options.renegotiating,
    connectionDescription: options.connectionDescription,
    dontGetRemoteStream: options.dontGetRemoteStream,
    extra: options.extra,
    streamsToShare: options.streamsToShare,
  };
}

export function buildCandidateMessage(candidate: RTCIceCandidate): Record<string, unknown> {
  return { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex };
}

export function buildEnableMedia(preferences: WirePreferences): Record<string, unknown> {
  return { enableMedia: true, userPreferences: preferences };
}

export function buildReadyForOffer(preferences: WirePreferences): Record<string, unknown> {
  return { readyForOffer: true, userPreferences: preferences };
}

export function buildStreamSync(
  streamid: string,
  action: 'mute' | 'unmute' | 'ended',
  type: 'audio' | 'video' | 'both',
): Record<string, unknown> {
  return { streamid, action, streamSyncNeeded: true, type };
}

export function parseNegotiation(message: Record<string, unknown> | string): Negotiation | undefined {
  if (message === 'dropPeerConnection') return { kind: 'drop-peer' };
  if (typeof message === 'string') return undefined;
  const { type, sdp } = message;
  if ((type === 'offer' || type === 'answer') && typeof sdp === 'string' && sdp.length <= MAX_SDP_LENGTH) {
    const constraints = message['remotePeerSdpConstraints'];
    const extra = sanitizeIncomingExtra(message['extra']);
    return {
      kind: 'description',
      description: { type, sdp },
      renegotiating: message['renegotiatingPeer'] === true,
      dontAttachLocalStream: isPlainObject(constraints) && constraints['dontGetRemoteStream'] === true,
      streamsToShare: parseStreamsToShare(message['streamsToShare']),
      connectionDescription: message['connectionDescription'],
      extra: extra.ok ? extra.extra : undefined,
    };
  }
  if (typeof message['candidate'] === 'string') {
    const candidate = message['candidate'];
    const { sdpMid, sdpMLineIndex } = message;
    if (candidate.length > MAX_CANDIDATE_LENGTH) return undefined;
    return {
      kind: 'candidate',
      candidate: {
        candidate,
        sdpMid: typeof sdpMid === 'string' ? sdpMid : null,
        sdpMLineIndex: Number.isInteger(sdpMLineIndex) ? (sdpMLineIndex as number) : null,
      },
    };
  }
  if (message['enableMedia'] === true && isPlainObject(message['userPreferences'])) {
    return { kind: 'enable-media', preferences: parsePreferences(message['userPreferences']) };
  }
  if (message['readyForOffer'] === true && isPlainObject(message['userPreferences'])) {
    return { kind: 'ready-for-offer', preferences: parsePreferences(message['userPreferences']) };
  }
  if (message['streamSyncNeeded'] === true && typeof message['streamid'] === 'string') {
    const { action, type } = message;
    if (
      action !== 'mute' &&
      action !== 'unmute' &&
      action !== 'ended' &&
      action !== 'inactive' &&
      action !== 'stream-removed'
    )
      return undefined;
    return {
      kind: 'stream-sync',
      streamid: message['streamid'],
      action: action === 'mute' || action === 'unmute' ? action : 'ended',
      type: type === 'audio' || type === 'video' ? type : 'both',
    };
  }
  return undefined;
}

export function parseSdpConstraints(value: unknown): SdpConstraints {
  const source = isPlainObject(value) ? value : {};
  return {
    OfferToReceiveAudio: source['OfferToReceiveAudio'] !== false,
    OfferToReceiveVideo: source['OfferToReceiveVideo'] !== false,
  };
}

function parsePreferences(value: Record<string, unknown>): WirePreferences {
  return {
    localPeerSdpConstraints: parseSdpConstraints(value['localPeerSdpConstraints']),
    remotePeerSdpConstraints: parseSdpConstraints(value['remotePeerSdpConstraints']),
    isOneWay: value['isOneWay'] === true,
    isDataOnly: value['isDataOnly'] === true,
    dontGetRemoteStream: value['dontGetRemoteStream'] === true,
    dontAttachLocalStream: value['dontAttachLocalStream'] === true,
    connectionDescription: value['connectionDescription'],
    streamsToShare: parseStreamsToShare(value['streamsToShare']),
  };
}

function parseStreamsToShare(value: unknown): StreamsToShare {
  const streams: StreamsToShare = {};
  if (!isPlainObject(value)) return streams;
  for (const key of Object.keys(value).slice(0, MAX_STREAMS_TO_SHARE)) {
    const info = value[key];
    if (!isPlainObject(info) || key === '__proto__') continue;
    streams[key] = {
      isAudio: info['isAudio'] === true,
      isVideo: info['isVideo'] === true,
      isScreen: info['isScreen'] === true,
    };
  }
  return streams;
}
