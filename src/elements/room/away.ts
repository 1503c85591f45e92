/**
 * Away after a while without input: the countdown starts over on every input
 * and when the page is shown again (a hidden tab gets no input, so it goes
 * away once the countdown runs out), and any of those brings you back at once.
 * One timer at a time, moved lazily: input as fast as a pointer moves costs a
 * time stamp, not a timer.
 */
import { systemClock, type Clock } from '../shared/clock.js';

/** The longest delay setTimeout keeps (2^31 - 1 ms). */
const MAX_TIMEOUT = 2 ** 31 - 1;

export class AwayTimer {
  #away = false;
  #lastActive = 0;
  #timer: unknown;
  #running = false;

  constructor(
    private readonly afterMs: number,
    private readonly onChange: (away: boolean) => void,
    private readonly clock: Clock = systemClock,
  ) {}

  get away(): boolean {
    return this.#away;
  }

  /** Starts counting from now, as if there had just been input (not away). */
  start(): void {
    this.#running = true;
    this.#lastActive = this.clock.now();
    this.#schedule(this.afterMs);
  }

  /** Stops counting; the state stays as it is. */
  stop(): void {
    this.#running = false;
    this.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Input, or the page shown again: back at once if away, and the countdown starts over. */
  activity(): void {
    if (!this.#running) return;
    this.#lastActive = this.clock.now();
    if (this.#away) this.#set(false);
    if (this.#timer === undefined) this.#schedule(this.afterMs);
  }

  #schedule(ms: number): void {
    this.clock.clearTimeout(this.#timer);
    // Past 2^31 - 1 ms (24.8 days) setTimeout fires at once: wait the longest it can, and check again then.
    this.#timer = this.clock.setTimeout(() => this.#check(), Math.min(ms, MAX_TIMEOUT));
  }

  #check(): void {
    this.#timer = undefined;
    const idle = this.clock.now() - this.#lastActive;
    if (idle >= this.afterMs) this.#set(true);
    else this.#schedule(this.afterMs - idle);
  }

  #set(away: boolean): void {
    this.#away = away;
    this.onChange(away);
  }
}
