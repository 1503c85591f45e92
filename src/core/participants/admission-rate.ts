/**
 * Spaces admissions of new participants out to a rate, with a burst as large
 * as one second's worth (the generic cell rate algorithm: one number of
 * state). A room filling up normally never waits; a server flooding us with
 * join requests is admitted at the rate, not all at once.
 */
export class AdmissionRate {
  /** When the next admission would be due if they came evenly spaced. */
  #due = -Infinity;

  constructor(private readonly perSecond: () => number) {}

  /** How long the admission asked for at `now` must wait (0: at once). Each call books a place. */
  delay(now: number): number {
    const rate = Math.max(this.perSecond(), Number.MIN_VALUE);
    const interval = 1000 / rate;
    const burst = interval * (Math.max(rate, 1) - 1);
    const due = Math.max(this.#due, now);
    this.#due = due + interval;
    return Math.max(0, due - burst - now);
  }
}
