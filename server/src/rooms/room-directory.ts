/**
 * Who is connected under which userid, which rooms exist and who is in them,
 * in this process's memory. The rules of the stock protocol live here (a room
 * exists while it has members; the owner's leaving hands it to the member
 * present longest, or closes it for everyone when the owner asked for that),
 * with stock's defects fixed: a refused request leaves you where you were,
 * a userid is held by one socket only, and nothing is shared by reference.
 * No sockets here: callers deliver what the results say.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ServerError } from '../../../src/protocol/constants.js';
import type { Session } from '../../../src/protocol/messages.js';

/** A connected user, whether or not in a room. */
export interface User {
  /** Changed in place by `rename`: whoever holds the object follows the user. */
  userid: string;
  readonly socketId: string;
  /** Announced as a kit socket (gets the extension events). */
  readonly kit: boolean;
  /** The relay event it speaks; relays reach only members that speak the same. */
  readonly msgEvent: string;
  /** Its handshake's autoCloseEntireSession: a room it owns closes when it leaves. */
  readonly closeRoomOnLeave: boolean;
  extra: unknown;
  roomid: string | undefined;
}

export interface Room {
  readonly id: string;
  owner: string;
  /** Members by userid, in the order they arrived. */
  readonly members: Map<string, User>;
  readonly maxParticipants: number;
  readonly session: Session;
  readonly identifier: string | undefined;
  passwordDigest: Buffer | undefined;
  /** Whether the room closes when its current owner leaves (one-way rooms, or the owner asked for it). */
  closesWithOwner: boolean;
}

/** What `open-room` and `join-room` carry, validated. */
export interface RoomRequest {
  roomid: string;
  session: Session;
  extra: unknown;
  password: string;
  identifier: string;
  /** From the handshake, capped by the server: used when this request opens the room. */
  maxParticipants: number;
}

export interface Departure {
  roomid: string;
  /** Who left. */
  user: User;
  /** The member ownership passed to. */
  newOwner: User | undefined;
  /** The room closed with its owner: these members were put out of it. */
  evicted: User[];
}

export type EntryResult = { ok: true; left: Departure | undefined } | { ok: false; error: string };

export class RoomDirectory {
  readonly #users = new Map<string, User>();
  readonly #rooms = new Map<string, Room>();

  constructor(private readonly maxRooms: number) {}

  get userCount(): number {
    return this.#users.size;
  }

  get roomCount(): number {
    return this.#rooms.size;
  }

  get participantCount(): number {
    let count = 0;
    for (const room of this.#rooms.values()) count += room.members.size;
    return count;
  }

  user(userid: string): User | undefined {
    return this.#users.get(userid);
  }

  room(roomid: string): Room | undefined {
    return this.#rooms.get(roomid);
  }

  /** Takes a userid for a socket; `undefined` when another socket holds it. */
  claim(user: Omit<User, 'roomid'>): User | undefined {
    if (this.#users.has(user.userid)) return undefined;
    const claimed: User = { ...user, roomid: undefined };
    this.#users.set(user.userid, claimed);
    return claimed;
  }

  /** The socket is gone: its userid is free and it leaves its room. */
  release(userid: string): Departure | undefined {
    const departure = this.leave(userid);
    this.#users.delete(userid);
    return departure;
  }

  /** `changed-uuid`: the same socket under a new userid, in the same place in its room. */
  rename(userid: string, newUserid: string): 'renamed' | 'taken' | 'unknown' {
    const user = this.#users.get(userid);
    if (!user) return 'unknown';
    if (this.#users.has(newUserid)) return 'taken';
    user.userid = newUserid;
    this.#users.delete(userid);
    this.#users.set(newUserid, user);
    const room = user.roomid === undefined ? undefined : this.#rooms.get(user.roomid);
    if (room) {
      // Re-keyed in place: the member keeps its place in the order of arrival.
      const members = [...room.members.values()];
      room.members.clear();
      for (const member of members) room.members.set(member.userid, member);
      if (room.owner === userid) room.owner = newUserid;
    }
    return 'renamed';
  }

  /** Opens a room: refused when it exists with someone else in it, or the server has enough rooms. */
  open(userid: string, request: RoomRequest): EntryResult {
    const user = this.#users.get(userid);
    if (!user) return { ok: false, error: ServerError.roomNotAvailable };
    const existing = this.#rooms.get(request.roomid);
    const reopening = existing !== undefined && existing.members.size === 1 && existing.members.has(userid);
    if (existing && !reopening) return { ok: false, error: ServerError.roomNotAvailable };
    // Moving out of a room of one frees that room: no new one is counted against the limit then.
    const current = user.roomid === undefined ? undefined : this.#rooms.get(user.roomid);
    const freesOne = current !== undefined && current.members.size === 1;
    if (!existing && !freesOne && this.#rooms.size >= this.maxRooms) return { ok: false, error: ROOM_LIMIT_REACHED };
    const left = this.leave(userid);
    user.extra = request.extra;
    const room: Room = {
      id: request.roomid,
      owner: userid,
      members: new Map([[userid, user]]),
      maxParticipants: request.maxParticipants,
      session: request.session,
      identifier: request.identifier || undefined,
      passwordDigest: request.password ? digest(request.password) : undefined,
      closesWithOwner: isOneWay(request.session) || user.closeRoomOnLeave,
    };
    this.#rooms.set(room.id, room);
    user.roomid = room.id;
    return { ok: true, left };
  }

  /** Joins a room: refused when it does not exist, the password is wrong or it is full. */
  join(userid: string, request: RoomRequest): EntryResult {
    const user = this.#users.get(userid);
    const room = this.#rooms.get(request.roomid);
    if (!user || !room) return { ok: false, error: ServerError.roomNotAvailable };
    if (room.members.has(userid)) {
      user.extra = request.extra;
      return { ok: true, left: undefined };
    }
    if (!passwordMatches(room, request.password)) return { ok: false, error: ServerError.invalidPassword };
    if (room.members.size >= room.maxParticipants) return { ok: false, error: ServerError.roomFull };
    const left = this.leave(userid);
    user.extra = request.extra;
    room.members.set(userid, user);
    user.roomid = room.id;
    return { ok: true, left };
  }

  /** Leaves the user's room, if any: the room goes when empty; an owner hands it on or closes it. */
  leave(userid: string): Departure | undefined {
    const user = this.#users.get(userid);
    const room = user?.roomid === undefined ? undefined : this.#rooms.get(user.roomid);
    if (!user || !room) return undefined;
    room.members.delete(userid);
    user.roomid = undefined;
    const departure: Departure = { roomid: room.id, user, newOwner: undefined, evicted: [] };
    if (room.members.size === 0) {
      this.#rooms.delete(room.id);
      return departure;
    }
    if (room.owner === userid) {
      if (room.closesWithOwner) {
        departure.evicted = this.close(room.id);
        return departure;
      }
      // The member present longest: stock's order too, and what users of long-lived rooms expect.
      const [next] = room.members.values();
      room.owner = next!.userid;
      room.closesWithOwner = isOneWay(room.session) || next!.closeRoomOnLeave;
      departure.newOwner = next;
    }
    return departure;
  }

  /** Closes a room for everyone in it; returns who was put out. */
  close(roomid: string): User[] {
    const room = this.#rooms.get(roomid);
    if (!room) return [];
    const evicted = [...room.members.values()];
    for (const member of evicted) member.roomid = undefined;
    this.#rooms.delete(room.id);
    return evicted;
  }

  setPassword(roomid: string, password: string): void {
    const room = this.#rooms.get(roomid);
    if (room) room.passwordDigest = password ? digest(password) : undefined;
  }

  passwordMatches(roomid: string, password: string): boolean {
    const room = this.#rooms.get(roomid);
    return !!room && passwordMatches(room, password);
  }

  /** Rooms opened with this public identifier, for `get-public-rooms`. */
  publicRooms(identifier: string): Room[] {
    return [...this.#rooms.values()].filter((room) => room.identifier === identifier);
  }
}

/** Not a stock string: stock has no room limit. */
export const ROOM_LIMIT_REACHED = 'Room limit reached';

/** One-way and broadcast rooms are nothing without their owner: stock closes them when it leaves. */
export function isOneWay(session: Session): boolean {
  return session.oneway === true || session.broadcast === true;
}

function digest(password: string): Buffer {
  return createHash('sha256').update(password).digest();
}

function passwordMatches(room: Room, password: string): boolean {
  return !room.passwordDigest || timingSafeEqual(room.passwordDigest, digest(password));
}
