/**
 * `connection.peers`, shaped as stock apps read it: `peers[userid].extra`,
 * `peers.getLength()`, `peers.getAllParticipants()`, `peers.forEach(fn)`.
 * Entries are the roster's remote participants; the helpers live on the
 * prototype so `Object.keys(peers)` lists userids only, as in stock.
 */
import type { Participant } from '../events.js';

export interface PeersHelpers {
  getLength(): number;
  getAllParticipants(): string[];
  selectFirst(): PeerEntry | undefined;
  forEach(callback: (peer: PeerEntry) => void): void;
}

/** A remote participant as `connection.peers[userid]` shows it: the roster entry plus, in browsers, its RTCPeerConnection. */
export interface PeerEntry extends Participant {
  readonly peer?: RTCPeerConnection;
}

export type Peers = PeersHelpers & { [userid: string]: PeerEntry | undefined };

const helpers: PeersHelpers = {
  getLength(this: Peers) {
    return Object.keys(this).length;
  },
  getAllParticipants(this: Peers) {
    return Object.keys(this);
  },
  selectFirst(this: Peers) {
    const first = Object.keys(this)[0];
    return first === undefined ? undefined : this[first];
  },
  forEach(this: Peers, callback: (peer: PeerEntry) => void) {
    for (const userid of Object.keys(this)) {
      const peer = this[userid];
      if (peer) callback(peer);
    }
  },
};

export function createPeers(): Peers {
  return Object.create(helpers) as Peers;
}

export function setPeer(peers: Peers, participant: Participant, peer?: RTCPeerConnection): void {
  // A plain assignment: userids are never names on the prototype chain (ids.ts refuses them).
  peers[participant.userid] = peer ? { ...participant, peer } : participant;
}

export function deletePeer(peers: Peers, userid: string): void {
  if (Object.hasOwn(peers, userid)) delete peers[userid];
}
