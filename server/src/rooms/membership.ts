/**
 * A member's place in the socket.io channels of its room, and what the others
 * are told when someone leaves: kit sockets learn of every departure from
 * their room; stock sockets, as stock has it, of the users they were linked
 * with. Ownership handed on is told to the new owner; a room closed with its
 * owner is told to everyone it put out.
 */
import type { Socket } from 'socket.io';
import { ServerEvent } from '../../../src/protocol/constants.js';
import type { ServerContext } from '../server-context.js';
import { kitChannel, kitRelayChannel, memberChannel, roomChannel, stockChannel } from './channels.js';
import type { Departure, User } from './room-directory.js';

export class Membership {
  constructor(private readonly ctx: ServerContext) {}

  /** The member's socket joins its room's channels. */
  entered(socket: Socket, user: User, roomid: string): void {
    void socket.join(channelsOf(user, roomid));
  }

  /** A departure: the channels are left, the links ended, and everyone concerned is told. */
  departed(departure: Departure): void {
    const { io, links, fanout } = this.ctx;
    const { roomid, user } = departure;
    fanout.forget(roomid, user.userid);
    io.in(user.socketId).socketsLeave(channelsOf(user, roomid));
    io.to(kitChannel(roomid)).emit(ServerEvent.userDisconnected, user.userid);
    this.#tellLinked(user.userid, links.unlinkAll(user.userid));
    if (departure.newOwner) io.to(departure.newOwner.socketId).emit(ServerEvent.setIsInitiatorTrue, roomid);
    if (departure.evicted.length > 0) this.closed(roomid, departure.evicted, user.extra);
  }

  /** A socket that goes: besides its room's departure, users it was linked with outside any room are told. */
  disconnected(userid: string): void {
    this.#tellLinked(userid, this.ctx.links.unlinkAll(userid));
  }

  /**
   * A room closed for everyone in it (its owner asked, or left a room that
   * closes with it): each member leaves its channels and is told, but the one
   * who closed it.
   */
  closed(roomid: string, evicted: User[], ownerExtra: unknown, closer?: string): void {
    const { io, links, fanout } = this.ctx;
    for (const member of evicted) {
      fanout.forget(roomid, member.userid);
      io.in(member.socketId).socketsLeave(channelsOf(member, roomid));
      if (member.userid !== closer)
        io.to(member.socketId).emit(ServerEvent.closedEntireSession, roomid, ownerExtra ?? {});
      links.unlinkAll(member.userid);
    }
  }

  /** Stock's `user-disconnected` to the stock users a leaver was linked with (kit sockets had it by room). */
  #tellLinked(userid: string, linked: string[]): void {
    const { io, directory } = this.ctx;
    for (const other of linked) {
      const user = directory.user(other);
      if (user && !user.kit) io.to(user.socketId).emit(ServerEvent.userDisconnected, userid);
    }
  }
}

/** The channels a member of a room is in (see channels.ts). */
export function channelsOf(user: User, roomid: string): string[] {
  const channels = [roomChannel(roomid), memberChannel(user.msgEvent, roomid, user.userid)];
  if (user.kit) channels.push(kitChannel(roomid), kitRelayChannel(user.msgEvent, roomid));
  else channels.push(stockChannel(roomid));
  return channels;
}
