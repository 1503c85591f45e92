/**
 * A clock whose time moves only when a test says so (`advance`), running each
 * timer that falls due on the way, in order. Starts at a given time (by default
 * the real one, so it agrees with times stamped by code that reads Date.now).
 * Runs in browsers and in Node.
 */
import type { Clock } from '../../src/elements/shared/clock.js';

interface Timer {
  at: number;
  callback: () => void;
}

export class ManualClock implements Clock {
  #now: number;
  #next = 1;
  readonly #timers = new Map<number, Timer>();
  /** Every delay asked for, in order: what a schedule looks like. */
  readonly delays: number[] = [];

  constructor(start = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.#next++;
    this.delays.push(ms);
    this.#timers.set(handle, { at: this.#now + Math.max(0, ms), callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Timers waiting to run. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, running every timer due on the way at its own time. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const due = [...this.#timers].filter(([, timer]) => timer.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      const [handle, timer] = due;
      this.#timers.delete(handle);
      this.#now = timer.at;
      timer.callback();
    }
    this.#now = end;
  }
}
