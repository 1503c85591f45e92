/**
 * A member's new extra, delivered once to every other member of its room:
 * stock sockets get stock's `extra-data-updated(userid, extra)`, one frame
 * encoded once for all of them; kit sockets get the same, or, in a room with
 * many kit members, one `rtc-elements:extras` frame per tick carrying each
 * member's last extra of the tick. Nobody gets their own update back.
 */
import type { Server } from 'socket.io';
import { ServerEvent } from '../../../src/protocol/constants.js';
import { ExtensionEvent } from '../../../src/protocol/server-extensions.js';
import type { Metrics } from '../observability/metrics.js';
import { kitChannel, stockChannel } from './channels.js';

interface PendingBatch {
  /** userid → [extra, sender's socket id], in order of first update within the tick. */
  readonly updates: Map<string, [unknown, string]>;
  readonly timer: NodeJS.Timeout;
}

export interface FanoutSettings {
  extraBatchMinMembers: number;
  extraBatchInterval: number;
}

export class ExtraFanout {
  readonly #pending = new Map<string, PendingBatch>();

  constructor(
    private readonly io: Server,
    private readonly settings: FanoutSettings,
    private readonly metrics: Metrics,
  ) {}

  /** `userid` (on socket `socketId`, a kit socket or not) has a new extra in `roomid`. */
  updated(roomid: string, userid: string, extra: unknown, socketId: string): void {
    const stock = this.#localSize(stockChannel(roomid));
    if (stock > 0) {
      this.io.to(stockChannel(roomid)).except(socketId).emit(ServerEvent.extraDataUpdated, userid, extra);
    }
    const kit = this.#localSize(kitChannel(roomid));
    const pending = this.#pending.get(roomid);
    if (pending || kit >= this.settings.extraBatchMinMembers) {
      this.#batch(roomid, userid, extra, socketId, pending);
    } else if (kit > 0) {
      this.io.to(kitChannel(roomid)).except(socketId).emit(ServerEvent.extraDataUpdated, userid, extra);
    }
    this.metrics.deliveries.inc({ kind: 'extra' }, Math.max(0, stock + kit - 1));
  }

  /** A member left: an update of its still waiting would list it again. */
  forget(roomid: string, userid: string): void {
    this.#pending.get(roomid)?.updates.delete(userid);
  }

  /** Stops every tick (the server is closing); what waits is dropped with the connections. */
  close(): void {
    for (const batch of this.#pending.values()) clearTimeout(batch.timer);
    this.#pending.clear();
  }

  #batch(roomid: string, userid: string, extra: unknown, socketId: string, pending: PendingBatch | undefined): void {
    const batch = pending ?? {
      updates: new Map<string, [unknown, string]>(),
      timer: setTimeout(() => this.#flush(roomid), this.settings.extraBatchInterval),
    };
    batch.updates.set(userid, [extra, socketId]);
    if (!pending) this.#pending.set(roomid, batch);
  }

  #flush(roomid: string): void {
    const batch = this.#pending.get(roomid);
    this.#pending.delete(roomid);
    if (!batch || batch.updates.size === 0) return;
    const entries = [...batch.updates].map(([userid, [extra]]) => [userid, extra] as const);
    const senders = [...batch.updates].map(([userid, [, socketId]]) => [userid, socketId] as const);
    const channel = kitChannel(roomid);
    const members = this.io.sockets.adapter.rooms.get(channel);
    // One frame for everyone who sent nothing this tick; each sender gets the others' updates, without its own.
    this.io
      .to(channel)
      .except(senders.map(([, socketId]) => socketId))
      .emit(ExtensionEvent.extras, entries);
    for (const [userid, socketId] of senders) {
      if (!members?.has(socketId)) continue;
      const others = entries.filter(([sender]) => sender !== userid);
      if (others.length > 0) this.io.to(socketId).emit(ExtensionEvent.extras, others);
    }
  }

  /** Sockets in a channel on this process. */
  #localSize(channel: string): number {
    return this.io.sockets.adapter.rooms.get(channel)?.size ?? 0;
  }
}
