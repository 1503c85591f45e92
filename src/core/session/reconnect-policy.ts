/**
 * When to try the signaling server again after losing it. The delay doubles
 * with every attempt (with jitter, so a room's clients do not return in one
 * burst) and only starts over once a connection stayed up for a while: a
 * server that accepts and drops us again and again gets fewer and fewer
 * attempts, whoever closes the socket. The cap keeps a healthy server's
 * return within a few seconds.
 */
export interface ReconnectTiming {
  /** The first delay's upper bound; each attempt doubles it. */
  baseDelay: number;
  maxDelay: number;
  /** How long a connection must stay up before the next loss counts as a first one again. */
  stableAfter: number;
}

export const DEFAULT_RECONNECT_TIMING: ReconnectTiming = { baseDelay: 500, maxDelay: 4000, stableAfter: 10000 };

export class ReconnectPolicy {
  #attempt = 0;
  #connectedAt: number | undefined;

  constructor(
    private readonly timing: () => ReconnectTiming,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** Attempts made since the last stable connection. */
  get attempt(): number {
    return this.#attempt;
  }

  /** We are back (in the room again). */
  connected(): void {
    this.#connectedAt = this.now();
  }

  /** The wait before the next attempt: between half and all of `min(maxDelay, baseDelay × 2^attempt)`. */
  nextDelay(): number {
    const { baseDelay, maxDelay, stableAfter } = this.timing();
    if (this.#connectedAt !== undefined && this.now() - this.#connectedAt >= stableAfter) this.#attempt = 0;
    this.#connectedAt = undefined;
    const ceiling = Math.min(maxDelay, baseDelay * 2 ** this.#attempt);
    this.#attempt++;
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  /** We left: the next session starts afresh. */
  reset(): void {
    this.#attempt = 0;
    this.#connectedAt = undefined;
  }
}
