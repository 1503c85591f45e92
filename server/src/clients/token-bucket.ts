/** The clock buckets use unless told otherwise: one function for all (a closure per socket adds up). */
export const monotonic = (): number => performance.now();

/** A token bucket: refills at `rate` tokens a second up to `burst`; a take that does not fit is refused. */
export class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = monotonic,
  ) {
    this.#tokens = burst;
    this.#last = now();
  }

  take(cost = 1): boolean {
    const now = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.rate);
    this.#last = now;
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }
}
