/**
 * What clients send, read defensively: each reader returns the value the
 * handlers work with, or a refusal with its reason. Nothing here throws, and
 * nothing a client sends is used before it has been through one of these.
 */
import { idProblem } from '../../../src/protocol/ids.js';
import { isPlainObject, readJson } from '../../../src/protocol/json.js';
import type { Session } from '../../../src/protocol/messages.js';
import type { RefusalReason } from '../../../src/protocol/server-extensions.js';
import type { RoomRequest } from '../rooms/room-directory.js';
import type { Limits } from '../settings.js';

export type Reading<T> = { ok: true; value: T } | { ok: false; reason: RefusalReason; message: string };

const refuse = <T>(reason: RefusalReason, message: string): Reading<T> => ({ ok: false, reason, message });

/** Stock sends ids as strings; numbers (a page's numeric room id) are what stock's tables would key them as. */
export function readId(value: unknown, what: 'room id' | 'userid'): Reading<string> {
  const id = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const problem = idProblem(id, what);
  return problem ? refuse('invalid-payload', problem) : { ok: true, value: id as string };
}

/** Any JSON within the extra limits (stock takes strings and numbers too). */
export function readExtra(value: unknown, limits: Limits): Reading<unknown> {
  return readWithin(value, limits.maxExtraSize, 'extra', limits);
}

/**
 * `open-room` / `join-room`'s argument. A missing extra keeps the one the
 * server holds (stock sets it to undefined, and every later relay then
 * carries none).
 */
export function readRoomRequest(
  value: unknown,
  currentExtra: unknown,
  maxParticipants: number,
  limits: Limits,
): Reading<RoomRequest> {
  if (!isPlainObject(value)) return refuse('invalid-payload', 'the room request must be an object');
  const roomid = readId(value['sessionid'], 'room id');
  if (!roomid.ok) return roomid;
  const extra =
    value['extra'] === undefined ? { ok: true as const, value: currentExtra } : readExtra(value['extra'], limits);
  if (!extra.ok) return extra;
  return {
    ok: true,
    value: {
      roomid: roomid.value,
      session: readSession(value['session']),
      extra: extra.value,
      password: readText(value['password']),
      identifier: readText(value['identifier']),
      maxParticipants,
    },
  };
}

/** A relayed message: `{remoteUserId, message, sender}`, the message an object or a string. */
export interface RelayEnvelope {
  remoteUserId: string;
  sender: unknown;
  message: Record<string, unknown> | string;
}

export function readEnvelope(value: unknown, limits: Limits): Reading<RelayEnvelope> {
  if (!isPlainObject(value)) return refuse('invalid-payload', 'a relayed message must be an object');
  const remoteUserId = readId(value['remoteUserId'], 'userid');
  if (!remoteUserId.ok) return remoteUserId;
  const message = value['message'];
  if (typeof message !== 'string' && !isPlainObject(message)) {
    return refuse('invalid-payload', 'a relayed message needs a `message` object or string');
  }
  const read = readWithin(message, limits.maxMessageSize, 'the message', limits);
  if (!read.ok) return read;
  return { ok: true, value: { remoteUserId: remoteUserId.value, sender: value['sender'], message } };
}

/** A custom event's payload: any JSON within the message limits. */
export function readCustomMessage(value: unknown, limits: Limits): Reading<unknown> {
  return readWithin(value ?? null, limits.maxMessageSize, 'the message', limits);
}

/** Plain JSON within a size: passed on as it came (nothing here reads into it). */
function readWithin(value: unknown, maxSize: number, what: string, limits: Limits): Reading<unknown> {
  const read = readJson(value, { maxDepth: limits.maxDepth, maxSize }, false);
  if (read.ok) return { ok: true, value: read.value };
  return read.problem === 'too-large'
    ? refuse('too-large', `${what} is larger than the server's limit of ${maxSize}`)
    : refuse('invalid-payload', `${what} is not plain JSON or nests too deep`);
}

/** A password, an identifier: stock compares and stores them as text. */
export function readText(value: unknown): string {
  if (typeof value === 'string') return value.slice(0, 1024);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** The session flags a room keeps: stock's keys only, booleans (audio and video may say `'two-way'`). */
function readSession(value: unknown): Session {
  if (!isPlainObject(value)) return {};
  const session: Session = {};
  for (const key of ['screen', 'data', 'oneway', 'broadcast'] as const) {
    if (typeof value[key] === 'boolean') session[key] = value[key];
  }
  for (const key of ['audio', 'video'] as const) {
    const flag = value[key];
    if (typeof flag === 'boolean' || flag === 'two-way') session[key] = flag;
  }
  return session;
}
