/**
 * The chat's memory: the latest messages of the current room, up to a limit
 * (the oldest go first), emptied when the room changes. Each change makes a
 * new array, so a view can tell what changed by identity.
 */
import type { Extra } from '../../core/index.js';

export interface ChatMessage {
  /** Unique within the element's life: a stable key for rendering. */
  readonly id: number;
  readonly userid: string;
  readonly text: string;
  /** When it was sent (yours) or arrived (others'), in ms since the epoch on this clock. */
  readonly at: number;
  readonly isLocal: boolean;
  /** The sender's extra as it arrived: shown only when nothing newer is known of the sender. */
  readonly extra: Readonly<Extra>;
}

export const DEFAULT_MAX_MESSAGES = 200;

export class ChatHistory {
  #messages: readonly ChatMessage[] = [];
  #room: string | undefined;
  #nextId = 1;
  #limit = DEFAULT_MAX_MESSAGES;

  get messages(): readonly ChatMessage[] {
    return this.#messages;
  }

  get limit(): number {
    return this.#limit;
  }

  /** At least 1; lowering it drops the oldest messages beyond it. */
  set limit(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
    if (this.#messages.length > this.#limit) this.#messages = this.#messages.slice(-this.#limit);
  }

  /** The room the messages are of. */
  get room(): string | undefined {
    return this.#room;
  }

  /** The chat is in `room` now: another room than the messages' starts the history afresh. */
  moveTo(room: string | undefined): void {
    if (room === this.#room) return;
    this.clear();
    this.#room = room;
  }

  /** Adds a message of `room` (see `moveTo`). */
  add(room: string | undefined, message: Omit<ChatMessage, 'id'>): ChatMessage {
    this.moveTo(room);
    const added = Object.freeze({ ...message, id: this.#nextId++ });
    this.#messages = Object.freeze([...this.#messages, added].slice(-this.#limit));
    return added;
  }

  clear(): void {
    this.#messages = [];
  }
}
