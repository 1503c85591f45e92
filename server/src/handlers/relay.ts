/**
 * The message event (`msgEvent`): relays between members of one room, in the
 * name of the socket that sends them, and join requests fanned out to the
 * room. A relay reaches its addressee only when both are in the same room
 * and speak the same relay event; it carries the sender's extra as the
 * server holds it. Stock's `user-connected` goes to stock sockets the first
 * time two users exchange a message (stock's link), once each.
 */
import { ServerEvent } from '../../../src/protocol/constants.js';
import { isPlainObject } from '../../../src/protocol/json.js';
import { readEnvelope } from '../clients/payloads.js';
import { kitRelayChannel, memberChannel } from '../rooms/channels.js';
import { isOneWay, type Room, type User } from '../rooms/room-directory.js';
import type { ServerContext } from '../server-context.js';
import type { Ack, Caller } from './caller.js';

/** Stock's legacy presence probe (clients before 3.3.3): `remoteUserId: 'system'`, answered through the ack. */
const SYSTEM_RECIPIENT = 'system';

export class Relay {
  constructor(private readonly ctx: ServerContext) {}

  relay(caller: Caller, value: unknown, ack: Ack): void {
    const { directory, settings } = this.ctx;
    const envelope = readEnvelope(value, settings.limits);
    if (!envelope.ok) return caller.refuse('relay', envelope.reason, envelope.message);
    const sender = caller.user();
    const { remoteUserId, message } = envelope.value;
    if (envelope.value.sender !== sender.userid) {
      return caller.refuse(
        'relay',
        'sender-mismatch',
        `a relay's sender must be this socket's userid "${sender.userid}"`,
      );
    }
    const room = sender.roomid === undefined ? undefined : directory.room(sender.roomid);
    const fields = isPlainObject(message) ? message : {};
    if (!room) {
      // A goodbye after the room is gone (closed, or left) is no mistake: there is nobody left to tell.
      if (!fields['userLeft'])
        caller.refuse('relay', 'not-in-room', 'relays go to members of your room: join one first');
      return;
    }
    if (remoteUserId === SYSTEM_RECIPIENT && fields['detectPresence']) {
      const userid = fields['userid'];
      ack(typeof userid === 'string' && userid !== sender.userid && room.members.has(userid), userid);
      return;
    }
    if (fields['newParticipationRequest'] && remoteUserId === room.id) return this.#joinRequest(caller, room, message);
    const recipient = room.members.get(remoteUserId);
    if (!recipient || recipient.msgEvent !== sender.msgEvent || recipient === sender) {
      return caller.refuse('relay', 'not-a-member', `"${remoteUserId}" is not in your room`);
    }
    if (!fields['userLeft'] && this.ctx.links.link(sender.userid, recipient.userid)) this.#connected(sender, recipient);
    this.ctx.io
      .to(memberChannel(sender.msgEvent, room.id, recipient.userid))
      .emit(sender.msgEvent, { remoteUserId, message, sender: sender.userid, extra: sender.extra });
    this.ctx.metrics.messages.inc({ kind: 'relay' });
    this.ctx.metrics.deliveries.inc({ kind: 'relay' });
  }

  /**
   * A member asks the room to connect it: in a one-way room the owner alone
   * is asked, elsewhere everyone. Stock members each get a copy addressed to
   * them (they check); kit members share one frame addressed to the room.
   * Every copy carries the joiner's extra, which stock's never did.
   */
  #joinRequest(caller: Caller, room: Room, message: Record<string, unknown> | string): void {
    const sender = caller.user();
    if (!caller.limits.admitJoinRequest()) {
      return caller.refuse('relay', 'rate-limited', 'too many join requests: each one reaches the whole room');
    }
    const { io, metrics } = this.ctx;
    const envelope = (remoteUserId: string) => ({ remoteUserId, message, sender: sender.userid, extra: sender.extra });
    const owner = room.members.get(room.owner);
    const recipients = isOneWay(room.session) ? (owner ? [owner] : []) : [...room.members.values()];
    let delivered = 0;
    let kitMembers = false;
    for (const member of recipients) {
      if (member === sender || member.msgEvent !== sender.msgEvent) continue;
      delivered++;
      if (member.kit && !isOneWay(room.session)) kitMembers = true;
      else io.to(memberChannel(member.msgEvent, room.id, member.userid)).emit(sender.msgEvent, envelope(member.userid));
    }
    if (kitMembers) {
      io.to(kitRelayChannel(sender.msgEvent, room.id)).except(sender.socketId).emit(sender.msgEvent, envelope(room.id));
    }
    metrics.messages.inc({ kind: 'join-request' });
    metrics.deliveries.inc({ kind: 'join-request' }, delivered);
  }

  /** Stock's `user-connected`, to each side that is a stock socket. */
  #connected(sender: User, recipient: User): void {
    const { io } = this.ctx;
    if (!sender.kit) io.to(sender.socketId).emit(ServerEvent.userConnected, recipient.userid);
    if (!recipient.kit) io.to(recipient.socketId).emit(ServerEvent.userConnected, sender.userid);
  }
}
