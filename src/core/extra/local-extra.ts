/**
 * Our own extra: the last good value (what the roster and the server hold),
 * validated before it is accepted, and sent coalesced (the first send at once,
 * the last value always). An edit made while we cannot send is sent when we
 * can again; `publish()` resolves once the value went out.
 */
import { checkOwnExtra, jsonEquals, type Extra, type ExtraCheck } from '../../protocol/extra.js';
import { Coalescer } from './coalescer.js';

export interface ExtraSender {
  /** Sends the extra to the room now; false while that is impossible (not in a room, offline). */
  send(extra: Extra): boolean;
}

export class LocalExtra {
  #extra: Extra = {};
  #json = '{}';
  #everCommitted = false;
  /** The extra the server holds for us, as far as we know. */
  #serverJson = '{}';
  #waiters: Array<() => void> = [];
  readonly #coalescer: Coalescer;

  constructor(
    private readonly sizeLimit: () => number,
    interval: () => number,
    private readonly sender: ExtraSender,
  ) {
    this.#coalescer = new Coalescer(interval, () => this.sendNow());
  }

  /** The last good extra. */
  get value(): Extra {
    return this.#extra;
  }

  get json(): string {
    return this.#json;
  }

  /** Whether any extra was ever accepted (before that there is no last good one to fall back to). */
  get everCommitted(): boolean {
    return this.#everCommitted;
  }

  /** Whether the server may hold an older extra than ours (an edit came while a room request was in flight, say). */
  get unsent(): boolean {
    return this.#serverJson !== this.#json;
  }

  check(candidate: unknown): ExtraCheck {
    return checkOwnExtra(candidate, this.sizeLimit());
  }

  /** Whether a checked extra equals the one in force. */
  equals(extra: Extra): boolean {
    return jsonEquals(extra, this.#extra);
  }

  /** Accepts a checked extra as the one in force. */
  commit(extra: Extra, json: string): void {
    this.#extra = extra;
    this.#json = json;
    this.#everCommitted = true;
  }

  /** Sends the committed extra, coalesced; resolves once it went out (or was dropped by `cancel`). */
  publish(): Promise<void> {
    const sent = new Promise<void>((resolve) => this.#waiters.push(resolve));
    this.#coalescer.request();
    return sent;
  }

  /** A room request carried the committed extra to the server. */
  carried(): void {
    this.#serverJson = this.#json;
  }

  /** Sends at once, if we can: rejoins re-publish through this. */
  sendNow(): void {
    if (!this.sender.send(this.#extra)) return;
    this.#serverJson = this.#json;
    this.#resolveWaiters();
  }

  /** We left: nothing more goes out, and nobody waits for it. */
  cancel(): void {
    this.#coalescer.cancel();
    this.#resolveWaiters();
  }

  #resolveWaiters(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }
}
