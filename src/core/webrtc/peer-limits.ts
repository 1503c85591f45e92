/**
 * Bounds on the peer connections a room can make us open: at most
 * `maxPeerConnections` in all (the rest are listed but not connected), and at
 * most `maxConnectingPeers` negotiating at once (the rest wait their turn).
 * A server that floods us with join requests then costs a bounded amount of
 * WebRTC, and the browser's own limit (Chromium throws past a few hundred) is
 * never reached.
 */
export interface PeerLimitSettings {
  maxPeerConnections: number;
  maxConnectingPeers: number;
}

export type PeerAdmission = 'started' | 'waiting' | 'refused';

export class PeerLimits {
  readonly #connecting = new Set<string>();
  /** Offers waiting for a free negotiation slot, in order of arrival. */
  readonly #waiting = new Map<string, () => void>();

  constructor(private readonly settings: () => PeerLimitSettings) {}

  /**
   * Starts a peer now, queues it, or refuses it. `existing`: peers that exist
   * now, not counting one this userid already has (it would be replaced).
   */
  admit(userid: string, existing: number, start: () => void, queue = true): PeerAdmission {
    const { maxPeerConnections, maxConnectingPeers } = this.settings();
    const waitingOthers = this.#waiting.size - (this.#waiting.has(userid) ? 1 : 0);
    if (existing + waitingOthers >= maxPeerConnections) return 'refused';
    if (queue && this.#connecting.size >= maxConnectingPeers && !this.#connecting.has(userid)) {
      this.#waiting.set(userid, start);
      return 'waiting';
    }
    this.#waiting.delete(userid);
    this.#connecting.add(userid);
    start();
    return 'started';
  }

  /** The peer connected or failed: its negotiation slot goes to the next in line. */
  settled(userid: string): void {
    if (this.#connecting.delete(userid)) this.#drain();
  }

  /** The peer is gone (closed, or never made): it neither holds a slot nor waits for one. */
  forget(userid: string): void {
    this.#waiting.delete(userid);
    this.settled(userid);
  }

  clear(): void {
    this.#waiting.clear();
    this.#connecting.clear();
  }

  #drain(): void {
    const { maxConnectingPeers } = this.settings();
    for (const [userid, start] of this.#waiting) {
      if (this.#connecting.size >= maxConnectingPeers) return;
      this.#waiting.delete(userid);
      this.#connecting.add(userid);
      start();
    }
  }
}
