/**
 * Whether a session needs WebRTC, kept apart from the WebRTC code itself so
 * that asking does not load it: the CDN build fetches that code on demand.
 */
import { isPresenceOnly, type Session } from '../../protocol/messages.js';

/** Whether this runtime can do WebRTC at all (browsers yes, plain Node no). */
export function canUseWebRTC(): boolean {
  return typeof RTCPeerConnection === 'function';
}

/** Whether a room in this session connects peers here: not presence-only, and WebRTC exists. */
export function needsPeers(session: Session): boolean {
  return !isPresenceOnly(session) && canUseWebRTC();
}
