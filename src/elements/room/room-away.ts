/**
 * `<rtc-room away-after>`: you are marked away (`away: true` in your extra)
 * after that many seconds without input, a hidden tab included, and back (the
 * key removed) on the next input or when the tab is shown again. Only the mark
 * it set itself is ever removed; a `status` of yours is never touched.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RTCMultiConnection } from '../../core/index.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { AWAY_KEY } from '../shared/presence.js';
import { AwayTimer } from './away.js';

/** What counts as the user being there. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const;
const LISTENING = { capture: true, passive: true } as const;

export class RoomAway implements ReactiveController {
  #seconds: number | undefined;
  #timer: AwayTimer | undefined;
  /** `away: true` is in the extra because we put it there. */
  #marked = false;
  readonly #onInput = () => this.#timer?.activity();
  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible') this.#timer?.activity();
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly connection: RTCMultiConnection,
    private readonly clock: Clock = systemClock,
  ) {
    host.addController(this);
  }

  get away(): boolean {
    return this.#timer?.away ?? false;
  }

  /** Seconds without input before you are away; undefined for never. */
  set after(seconds: number | undefined) {
    if (seconds === this.#seconds) return;
    this.#seconds = seconds;
    this.#restart();
  }

  hostConnected(): void {
    this.#restart();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #restart(): void {
    this.#stop();
    if (this.#seconds === undefined || !this.host.isConnected) return;
    this.#timer = new AwayTimer(this.#seconds * 1000, (away) => this.#publish(away), this.clock);
    for (const type of INPUT_EVENTS) window.addEventListener(type, this.#onInput, LISTENING);
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#timer.start();
  }

  #stop(): void {
    for (const type of INPUT_EVENTS) window.removeEventListener(type, this.#onInput, LISTENING);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#timer?.stop();
    this.#timer = undefined;
    this.#publish(false);
  }

  #publish(away: boolean): void {
    // Already away, or the page keeps an `away` of its own (`"back at 3"`): not ours to set, nor later to remove.
    if (away === this.#marked || (away && AWAY_KEY in this.connection.extra)) return;
    this.#marked = away;
    // Failures are the connection's error events (rtc-error on the room).
    this.connection.updateExtraData({ [AWAY_KEY]: away ? true : undefined }).catch(() => {});
  }
}
