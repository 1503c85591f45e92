/**
 * What the kit and rtc-elements-server say to each other beyond the stock
 * protocol. A kit socket announces itself in socket.io's handshake `auth`;
 * only sockets that did get the extension (a join answer listing the room,
 * the events below), so stock clients see exactly stock's messages, and the
 * stock server (which ignores `auth`) never answers with it, so the kit
 * there keeps to the stock protocol.
 * Pure data: builders and parsers that never throw.
 */
import { SERVER_EXTENSION_PREFIX } from './constants.js';
import { isPlainObject } from './json.js';
import { isValidId } from './ids.js';

/** The handshake `auth` field a kit socket sets: the extension version it speaks. */
export const KIT_AUTH_FIELD = 'rtcElements';
export const EXTENSION_VERSION = 1;

export const ExtensionEvent = {
  /** Server → kit: a big room's extra updates, gathered over a short tick: `[[userid, extra], …]`. */
  extras: `${SERVER_EXTENSION_PREFIX}extras`,
  /** Server → any socket: something it sent was refused, where no acknowledgement carries the reason. */
  refused: `${SERVER_EXTENSION_PREFIX}refused`,
} as const;

/** A member as the join answer lists it: its extra as the server holds it (untrusted shape). */
export interface MemberEntry {
  userid: string;
  extra: unknown;
}

/**
 * What rtc-elements-server adds to a kit socket's `join-room` acknowledgement,
 * as its third argument (stock's is `(true)`): everyone already in the room.
 */
export interface JoinAnswer {
  members: MemberEntry[];
}

export function buildJoinAnswer(members: MemberEntry[]): JoinAnswer {
  return { members };
}

/** The members of a join answer, or `undefined` when there is none (the stock server) or it is malformed. */
export function parseJoinAnswer(value: unknown): MemberEntry[] | undefined {
  if (!isPlainObject(value) || !Array.isArray(value['members'])) return undefined;
  const members: MemberEntry[] = [];
  for (const entry of value['members'] as unknown[]) {
    if (isPlainObject(entry) && isValidId(entry['userid']))
      members.push({ userid: entry['userid'], extra: entry['extra'] });
  }
  return members;
}

/** `[userid, extra]` pairs of an extras batch; malformed pairs are left out. */
export function parseExtraBatch(value: unknown): Array<[string, unknown]> {
  if (!Array.isArray(value)) return [];
  const pairs: Array<[string, unknown]> = [];
  for (const pair of value as unknown[]) {
    if (Array.isArray(pair) && pair.length === 2 && isValidId(pair[0])) pairs.push([pair[0], pair[1]]);
  }
  return pairs;
}

/** Why the server refused something; `event` is what was refused. */
export type RefusalReason =
  /** Not the shape the protocol has, not plain JSON, or nested too deep. */
  | 'invalid-payload'
  /** Over a size limit (a message, an extra). */
  | 'too-large'
  /** Over the socket's message or byte rate: dropped. */
  | 'rate-limited'
  /** Only members of a room may do this. */
  | 'not-in-room'
  /** The addressee is not in the sender's room. */
  | 'not-a-member'
  /** A relay in another userid's name. */
  | 'sender-mismatch'
  /** A custom event with a name the protocol uses. */
  | 'reserved-event-name'
  /** A server limit (rooms, custom events per socket). */
  | 'limit-reached'
  /** The userid asked for is held by another socket. */
  | 'userid-taken';

export interface Refusal {
  event: string;
  reason: RefusalReason;
  message: string;
}

export function parseRefusal(value: unknown): Refusal | undefined {
  if (!isPlainObject(value)) return undefined;
  const { event, reason, message } = value;
  if (typeof event !== 'string' || typeof reason !== 'string' || typeof message !== 'string') return undefined;
  return { event, reason: reason as RefusalReason, message };
}
