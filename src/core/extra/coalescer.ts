/**
 * Leading-and-trailing coalescing: the first request after a quiet spell runs
 * at once (no added latency); requests inside the window collapse into one run
 * at its end, so the last state always goes out and at most one run happens
 * per window.
 */
export class Coalescer {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending = false;

  constructor(
    private readonly interval: () => number,
    private readonly run: () => void,
  ) {}

  request(): void {
    if (this.#timer !== undefined) {
      this.#pending = true;
      return;
    }
    // The window opens first: a run that requests again lands in it instead of running inside itself.
    this.#openWindow();
    this.run();
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = false;
  }

  #openWindow(): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.#pending) return;
      this.#pending = false;
      this.#openWindow();
      this.run();
    }, this.interval());
  }
}
