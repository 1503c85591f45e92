/**
 * The room requests: open-room, join-room, check-presence, get-public-rooms,
 * set-password, is-valid-password, close-entire-session. Answers have stock's
 * shapes and strings; where stock is a bug the answer is what stock meant
 * (see the README's list).
 */
import { ClientEvent, SERVER_ROOM_INFO_KEY, ServerError } from '../../../src/protocol/constants.js';
import { isPlainObject } from '../../../src/protocol/json.js';
import { buildJoinAnswer, type MemberEntry } from '../../../src/protocol/server-extensions.js';
import { readId, readRoomRequest, readText } from '../clients/payloads.js';
import type { Membership } from '../rooms/membership.js';
import type { Room } from '../rooms/room-directory.js';
import type { ServerContext } from '../server-context.js';
import type { Ack, Caller } from './caller.js';

/** Public rooms listed in one answer, at most. */
const MAX_PUBLIC_ROOMS = 500;

export class RoomRequests {
  constructor(
    private readonly ctx: ServerContext,
    private readonly membership: Membership,
  ) {}

  open(caller: Caller, arg: unknown, ack: Ack): void {
    this.#enter(caller, arg, ack, true);
  }

  join(caller: Caller, arg: unknown, ack: Ack): void {
    this.#enter(caller, arg, ack, false);
  }

  /** `(exists, roomid, ownerExtraWith_room)`: a copy, never the owner's own object. */
  checkPresence(roomid: unknown, ack: Ack): void {
    const id = readId(roomid, 'room id');
    const room = id.ok ? this.ctx.directory.room(id.value) : undefined;
    if (!room) {
      ack(false, id.ok ? id.value : String(roomid), {
        [SERVER_ROOM_INFO_KEY]: { isFull: false, isPasswordProtected: false },
      });
      return;
    }
    ack(true, room.id, { ...roomExtra(room, this.ctx), [SERVER_ROOM_INFO_KEY]: roomInfo(room) });
  }

  publicRooms(identifier: unknown, ack: Ack): void {
    const text = readText(identifier);
    if (!text.trim()) {
      ack(null, ServerError.publicIdentifierMissing);
      return;
    }
    const rooms = this.ctx.directory.publicRooms(text).slice(0, MAX_PUBLIC_ROOMS);
    ack(
      rooms.map((room) => ({
        maxParticipantsAllowed: room.maxParticipants,
        owner: room.owner,
        participants: [...room.members.keys()],
        extra: roomExtra(room, this.ctx),
        session: room.session,
        sessionid: room.id,
        isRoomFull: room.members.size >= room.maxParticipants,
        isPasswordProtected: room.passwordDigest !== undefined,
      })),
    );
  }

  setPassword(caller: Caller, password: unknown, ack: Ack): void {
    const roomid = caller.user().roomid;
    if (roomid === undefined) {
      ack(null, null, ServerError.didNotJoinAnyRoom);
      return;
    }
    if (this.ctx.directory.room(roomid)?.owner !== caller.user().userid) {
      ack(false, roomid, ServerError.roomPermissionDenied);
      return;
    }
    this.ctx.directory.setPassword(roomid, readText(password));
    ack(true, roomid, null);
  }

  /** Stock's answers, in stock's order of checks; guesses count against the socket's password rate. */
  isValidPassword(caller: Caller, password: unknown, roomid: unknown, ack: Ack): void {
    const text = readText(password);
    const id = readText(roomid);
    if (!text.trim()) return ack(false, roomid, ServerError.passwordMissing);
    if (!id.trim()) return ack(false, roomid, ServerError.roomidMissing);
    const room = this.ctx.directory.room(id);
    if (!room) return ack(false, roomid, ServerError.roomNotAvailable);
    if (!room.passwordDigest) return ack(false, roomid, ServerError.roomHasNoPassword);
    if (!caller.limits.admitPasswordAttempt()) {
      caller.refuse(ClientEvent.isValidPassword, 'rate-limited', 'too many password attempts: wait a minute');
      return ack(false, roomid, ServerError.invalidPassword);
    }
    if (this.ctx.directory.passwordMatches(id, text)) return ack(true, roomid, false);
    ack(false, roomid, ServerError.invalidPassword);
  }

  /** The owner closes its room: every other member is told (`closed-entire-session`) and put out. */
  closeEntireSession(caller: Caller, ack: Ack): void {
    const { directory } = this.ctx;
    const user = caller.user();
    const room = user.roomid === undefined ? undefined : directory.room(user.roomid);
    if (!room) return ack(false, ServerError.roomNotAvailable);
    if (room.owner !== user.userid) return ack(false, ServerError.roomPermissionDenied);
    // The owner asked: it is put out too, but not told what it did.
    this.membership.closed(room.id, directory.close(room.id), user.extra, user.userid);
    ack(true);
  }

  #enter(caller: Caller, arg: unknown, ack: Ack, open: boolean): void {
    const { directory, settings } = this.ctx;
    const event = open ? ClientEvent.openRoom : ClientEvent.joinRoom;
    const user = caller.user();
    const request = readRoomRequest(arg, user.extra, caller.profile.maxParticipants, settings.limits);
    if (!request.ok) {
      caller.refuse(event, request.reason, request.message);
      ack(false, request.message);
      return;
    }
    const room = directory.room(request.value.roomid);
    const guessing = !open && room?.passwordDigest !== undefined && !room.members.has(user.userid);
    if (guessing && !caller.limits.admitPasswordAttempt()) {
      caller.refuse(event, 'rate-limited', 'too many password attempts: wait a minute');
      ack(false, ServerError.invalidPassword);
      return;
    }
    const result = open ? directory.open(user.userid, request.value) : directory.join(user.userid, request.value);
    if (!result.ok) {
      ack(false, result.error);
      return;
    }
    if (result.left) this.membership.departed(result.left);
    this.membership.entered(caller.socket, user, request.value.roomid);
    // A kit socket learns from this answer (which no other socket can forge) that the server is ours, and who is in.
    if (!user.kit) ack(true);
    else ack(true, null, buildJoinAnswer(open ? [] : this.#members(request.value.roomid, user.userid)));
  }

  /** Everyone in the room but the joiner, with the extra the server holds: a kit joiner lists them at once. */
  #members(roomid: string, joiner: string): MemberEntry[] {
    const room = this.ctx.directory.room(roomid);
    if (!room) return [];
    const members: MemberEntry[] = [];
    for (const member of room.members.values()) {
      if (member.userid !== joiner) members.push({ userid: member.userid, extra: member.extra });
    }
    return members;
  }
}

/** The room's extra as stock hands it out: its owner's, a non-object wrapped as `{value}`. */
function roomExtra(room: Room, ctx: ServerContext): Record<string, unknown> {
  const extra = ctx.directory.user(room.owner)?.extra;
  return isPlainObject(extra) ? extra : { value: extra };
}

/** Stock's `_room`, with `isPasswordProtected` a boolean (stock sends the password's length). */
function roomInfo(room: Room): { isFull: boolean; isPasswordProtected: boolean } {
  return { isFull: room.members.size >= room.maxParticipants, isPasswordProtected: room.passwordDigest !== undefined };
}
