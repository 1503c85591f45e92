/**
 * One socket's rates: events and bytes it sends, join requests it fans out,
 * password guesses. What goes over is dropped; a socket that keeps flooding
 * (`floodDisconnectAfter` drops within 10 s) is to be disconnected.
 */
import type { Limits } from '../settings.js';
import { monotonic, TokenBucket } from './token-bucket.js';

const FLOOD_WINDOW_MS = 10_000;

export class SocketLimits {
  readonly #messages: TokenBucket;
  readonly #bytes: TokenBucket;
  /** Made when first needed: most sockets never send either (and every idle socket's bytes count). */
  #joinRequests: TokenBucket | undefined;
  #passwordAttempts: TokenBucket | undefined;
  #dropsInWindow = 0;
  #windowStart: number;
  /** Bytes the socket's last frames brought, not yet charged to an event. */
  #pendingBytes = 0;

  constructor(
    private readonly limits: Limits,
    private readonly now: () => number = monotonic,
  ) {
    this.#messages = new TokenBucket(limits.messagesPerSecond, limits.burstMessages, now);
    this.#bytes = new TokenBucket(limits.bytesPerSecond, limits.burstBytes, now);
    this.#windowStart = now();
  }

  /** A frame arrived (its size as received); its event is charged in `admitEvent`. */
  received(bytes: number): void {
    this.#pendingBytes += bytes;
  }

  /** Whether the next event fits the socket's rates; a refusal counts towards flooding. */
  admitEvent(): boolean {
    const bytes = this.#pendingBytes;
    this.#pendingBytes = 0;
    // Both are charged: a burst of tiny events and one of huge ones are each limited.
    const fits = this.#messages.take() && this.#bytes.take(bytes);
    if (!fits) this.#dropped();
    return fits;
  }

  admitJoinRequest(): boolean {
    const { joinRequestsPer10s } = this.limits;
    this.#joinRequests ??= new TokenBucket(joinRequestsPer10s / 10, joinRequestsPer10s, this.now);
    return this.#joinRequests.take();
  }

  admitPasswordAttempt(): boolean {
    const { passwordAttemptsPerMinute } = this.limits;
    this.#passwordAttempts ??= new TokenBucket(passwordAttemptsPerMinute / 60, passwordAttemptsPerMinute, this.now);
    return this.#passwordAttempts.take();
  }

  /** True once the socket has been dropped often enough to be cut off. */
  get flooding(): boolean {
    return this.#dropsInWindow >= this.limits.floodDisconnectAfter;
  }

  #dropped(): void {
    const now = this.now();
    if (now - this.#windowStart > FLOOD_WINDOW_MS) {
      this.#windowStart = now;
      this.#dropsInWindow = 0;
    }
    this.#dropsInWindow++;
  }
}
