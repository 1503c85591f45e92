/**
 * The stock data-channel text format (TextSender/TextReceiver): every message
 * is a series of JSON frames `{type: 'text', uuid, sendingTime, packets?,
 * message, last?, isobject?}`, the first carrying `packets`, the last `last`
 * and `isobject`. Pure data: the reassembler takes the clock as an argument.
 */
import { isPlainObject } from './extra.js';

/**
 * Characters per frame. Stock uses 40 000; 16 000 keeps a frame of 3-byte
 * characters under the 64 KiB message size every browser accepts.
 */
export const TEXT_CHUNK_LENGTH = 16000;

/** Splits a value into stock text frames (serialised JSON strings). */
export function encodeTextMessage(
  data: unknown,
  uuid: string,
  sendingTime: number,
  chunkLength = TEXT_CHUNK_LENGTH,
): string[] {
  const isobject = typeof data !== 'string';
  const text = isobject ? JSON.stringify(data) : data;
  if (text === undefined) throw new TypeError('this value cannot be sent: it does not serialise to JSON');
  const frames: string[] = [];
  const count = Math.max(1, Math.ceil(text.length / chunkLength));
  for (let index = 0; index < count; index++) {
    const frame: Record<string, unknown> = {
      type: 'text',
      uuid,
      sendingTime,
      message: text.slice(index * chunkLength, (index + 1) * chunkLength),
    };
    // Stock's count of full chunks, on the first frame only.
    if (index === 0) frame['packets'] = Math.floor(text.length / chunkLength);
    if (index === count - 1) {
      frame['last'] = true;
      frame['isobject'] = isobject;
    }
    frames.push(JSON.stringify(frame));
  }
  return frames;
}

export type Reassembled = { done: true; data: unknown; latency: number } | { done: false } | { error: string };

/**
 * Collects frames per uuid until the last one. Tolerates a missing `type` and
 * `packets` and any chunk size; bounds what a peer can make it hold.
 */
export class TextReassembler {
  readonly #pending = new Map<string, { parts: string[]; length: number; since: number }>();

  constructor(
    private readonly limits = { maxMessageLength: 8 * 1024 * 1024, maxPendingMessages: 64, timeoutMs: 60000 },
  ) {}

  accept(frame: unknown, now: number): Reassembled {
    if (typeof frame !== 'string') return { error: 'a binary data-channel frame; only text messages are supported' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(frame);
    } catch {
      return { error: 'a data-channel frame that is not JSON' };
    }
    if (
      !isPlainObject(parsed) ||
      typeof parsed['message'] !== 'string' ||
      (parsed['type'] !== undefined && parsed['type'] !== 'text')
    ) {
      return { error: 'a data-channel frame that is not a stock text message' };
    }
    this.#prune(now);
    const uuid = typeof parsed['uuid'] === 'string' ? parsed['uuid'] : 'undefined';
    let entry = this.#pending.get(uuid);
    if (!entry) {
      // A flood of never-finished messages must not lock out real ones: the oldest unfinished one goes.
      if (this.#pending.size >= this.limits.maxPendingMessages)
        this.#pending.delete(this.#pending.keys().next().value as string);
      entry = { parts: [], length: 0, since: now };
      this.#pending.set(uuid, entry);
    }
    entry.parts.push(parsed['message']);
    entry.length += parsed['message'].length;
    if (entry.length > this.limits.maxMessageLength) {
      this.#pending.delete(uuid);
      return { error: `a data-channel message longer than ${this.limits.maxMessageLength} characters` };
    }
    if (!parsed['last']) return { done: false };
    this.#pending.delete(uuid);
    const text = entry.parts.join('');
    const sendingTime = parsed['sendingTime'];
    const latency = typeof sendingTime === 'number' && Number.isFinite(sendingTime) ? now - sendingTime : 0;
    if (!parsed['isobject']) return { done: true, data: text, latency };
    try {
      return { done: true, data: JSON.parse(text) as unknown, latency };
    } catch {
      return { error: 'a data-channel object message that is not JSON' };
    }
  }

  #prune(now: number): void {
    for (const [uuid, entry] of this.#pending) {
      if (now - entry.since > this.limits.timeoutMs) this.#pending.delete(uuid);
    }
  }
}
