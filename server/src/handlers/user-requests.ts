/**
 * What a user says about itself and asks about others: its extra
 * (`extra-data-updated`), another member's extra, a new userid
 * (`changed-uuid`), and ending a link (`disconnect-with`).
 */
import { ClientEvent, ServerError, ServerEvent } from '../../../src/protocol/constants.js';
import { readExtra, readId } from '../clients/payloads.js';
import { memberChannel } from '../rooms/channels.js';
import type { ServerContext } from '../server-context.js';
import type { Ack, Caller } from './caller.js';

export class UserRequests {
  constructor(private readonly ctx: ServerContext) {}

  /** The full new extra: kept, and delivered once to every other member of the room (never back). */
  extraUpdated(caller: Caller, value: unknown): void {
    const extra = readExtra(value, this.ctx.settings.limits);
    if (!extra.ok) return caller.refuse(ClientEvent.extraDataUpdated, extra.reason, extra.message);
    const user = caller.user();
    user.extra = extra.value;
    this.ctx.metrics.messages.inc({ kind: 'extra' });
    if (user.roomid !== undefined) this.ctx.fanout.updated(user.roomid, user.userid, extra.value, user.socketId);
  }

  /** Another user's extra, for members of one's own room (and oneself): stock answered anyone about anyone. */
  remoteExtra(caller: Caller, userid: unknown, ack: Ack): void {
    const user = caller.user();
    const id = readId(userid, 'userid');
    const other = id.ok ? this.ctx.directory.user(id.value) : undefined;
    const visible =
      other === user || (other !== undefined && user.roomid !== undefined && other.roomid === user.roomid);
    ack(visible ? (other.extra ?? null) : ServerError.useridNotAvailable);
  }

  /**
   * A new userid for this socket, in the same place in its room. Refused when
   * another socket holds it (stock handed the table entry over: a takeover).
   */
  changeUserid(caller: Caller, value: unknown, ack: Ack): void {
    const user = caller.user();
    const id = readId(value, 'userid');
    if (!id.ok) {
      caller.refuse(ClientEvent.changedUuid, id.reason, id.message);
      return ack(false, id.message);
    }
    if (id.value === user.userid) return ack();
    const previous = user.userid;
    if (this.ctx.directory.rename(previous, id.value) === 'taken') {
      const message = `the userid "${id.value}" is in use`;
      caller.refuse(ClientEvent.changedUuid, 'userid-taken', message);
      return ack(false, message);
    }
    this.ctx.links.rename(previous, id.value);
    if (user.roomid !== undefined) {
      // An update still waiting for its tick would go out under the old userid, which nobody lists any more.
      this.ctx.fanout.forget(user.roomid, previous);
      void caller.socket.leave(memberChannel(user.msgEvent, user.roomid, previous));
      void caller.socket.join(memberChannel(user.msgEvent, user.roomid, id.value));
    }
    ack();
  }

  /** Ends the link between two users, each side told `user-disconnected` as stock does. */
  disconnectWith(caller: Caller, value: unknown, ack: Ack): void {
    const user = caller.user();
    const id = readId(value, 'userid');
    if (id.ok && this.ctx.links.unlink(user.userid, id.value)) {
      caller.socket.emit(ServerEvent.userDisconnected, id.value);
      const other = this.ctx.directory.user(id.value);
      if (other) this.ctx.io.to(other.socketId).emit(ServerEvent.userDisconnected, user.userid);
    }
    ack();
  }
}
