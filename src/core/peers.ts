/**
 * `connection.peers`, shaped as stock apps read it: `peers[userid].extra`,
 * `peers.getLength()`, `peers.getAllParticipants()`, `peers.forEach(fn)`.
 * Entries are the roster's remote participants; the helpers live on the
 * prototype so `Object.keys(peers)` lists userids only, as in stock.
 */
import type { Participant } from './events.js';

export interface PeersHelpers {
  getLength(): number;
  getAllParticipants(): string[];
  selectFirst(): Participant | undefined;
  forEach(callback: (peer: Participant) => void): void;
}

export type Peers = PeersHelpers & { [userid: string]: Participant | undefined };

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
  forEach(this: Peers, callback: (peer: Participant) => void) {
    for (const userid of Object.keys(this)) {
      const peer = this[userid];
      if (peer) callback(peer);
    }
  },
};

export function createPeers(): Peers {
  return Object.create(helpers) as Peers;
}

export function setPeer(peers: Peers, participant: Participant): void {
  Object.defineProperty(peers, participant.userid, { value: participant, enumerable: true, configurable: true, writable: true });
}

export function deletePeer(peers: Peers, userid: string): void {
  if (Object.hasOwn(peers, userid)) delete peers[userid];
}
