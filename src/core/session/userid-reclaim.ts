/**
 * When the server refuses our userid because a socket of ours still holds it
 * (the page reloaded, our connection dropped), the server lets go once it
 * notices that socket closed, at worst after its ping timeout (about 45 s).
 * This policy decides whether a refusal is worth waiting out, and how long to
 * wait before each retry.
 */

/** How long after we closed a socket a refusal of our userid is blamed on it. */
export const RECENT_OWN_DISCONNECT_MS = 10000;
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 4000;

export class UseridReclaim {
  #deadline: number | undefined;
  #attempt = 0;
  #lastOwnClose = -Infinity;

  constructor(
    /** How long to keep retrying, read when a reclaim starts. */
    private readonly timeout: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** We closed a socket of ours: a refusal soon after is that socket lingering on the server. */
  ownSocketClosed(): void {
    this.#lastOwnClose = this.now();
  }

  /**
   * Whether to wait out a refusal and retry. `ownSocketMayLinger`: we know a
   * socket of ours may still hold the userid (we are reconnecting, or the page
   * asked to reclaim it). The first yes starts the deadline.
   */
  shouldRetry(ownSocketMayLinger: boolean): boolean {
    const now = this.now();
    if (this.#deadline === undefined) {
      if (!ownSocketMayLinger && now - this.#lastOwnClose >= RECENT_OWN_DISCONNECT_MS) return false;
      this.#deadline = now + this.timeout();
      this.#attempt = 0;
    }
    if (now < this.#deadline) return true;
    this.reset();
    return false;
  }

  /** The wait before the next retry: 250 ms, doubling, at most 4 s. */
  nextDelay(): number {
    return Math.min(FIRST_DELAY_MS * 2 ** this.#attempt++, MAX_DELAY_MS);
  }

  /** The userid is ours again, or we gave up. */
  reset(): void {
    this.#deadline = undefined;
    this.#attempt = 0;
  }
}
