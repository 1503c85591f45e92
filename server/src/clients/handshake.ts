/**
 * A socket's handshake as stock clients and the kit send it: the query string
 * (userid, msgEvent, socketCustomEvent, autoCloseEntireSession,
 * maxParticipantsAllowed, extra) and, from the kit, socket.io's `auth`.
 * Read with stock's defaults; what stock would key its tables or route
 * events with unchecked is refused here with a reason.
 */
import {
  DEFAULT_SOCKET_MESSAGE_EVENT,
  FALLBACK_SOCKET_CUSTOM_EVENT,
  isProtocolEventName,
  RESERVED_USERID,
} from '../../../src/protocol/constants.js';
import { idProblem, randomToken } from '../../../src/protocol/ids.js';
import { readJson } from '../../../src/protocol/json.js';
import { KIT_AUTH_FIELD } from '../../../src/protocol/server-extensions.js';
import type { Limits } from '../settings.js';

/** Stock's default when a handshake says nothing (or nothing numeric). */
const STOCK_MAX_PARTICIPANTS = 1000;
/** Event names are ids too: the same bounds. */
const MAX_EVENT_NAME_LENGTH = 256;

export interface ClientProfile {
  userid: string;
  /** The relay event this socket speaks. */
  msgEvent: string;
  /** The custom event from the handshake, unless it names a protocol event. */
  customEvent: string | undefined;
  closeRoomOnLeave: boolean;
  /** For a room this socket opens: stock's per-handshake limit, capped by the server's. */
  maxParticipants: number;
  extra: unknown;
  /** Announced itself as the rtc-elements kit. */
  kit: boolean;
  /** Asked for stock's admin socket (`userid=admin`), which this server does not offer. */
  admin: boolean;
}

export type HandshakeReading = { ok: true; profile: ClientProfile } | { ok: false; reason: string };

export function readHandshake(query: Record<string, unknown>, auth: unknown, limits: Limits): HandshakeReading {
  const given = single(query['userid']);
  // Stock invents a userid when none is sent (and never tells the client); so do we, in stock's token format.
  const userid = given === undefined || given === '' ? randomToken() : given;
  const useridProblem = idProblem(userid, 'userid');
  if (useridProblem) return { ok: false, reason: useridProblem };

  const msgEvent = single(query['msgEvent']) || DEFAULT_SOCKET_MESSAGE_EVENT;
  const msgEventProblem = eventNameProblem(msgEvent);
  if (msgEventProblem) return { ok: false, reason: `msgEvent ${msgEventProblem}` };

  const customEvent = single(query['socketCustomEvent']) || FALLBACK_SOCKET_CUSTOM_EVENT;
  const requested = Number.parseInt(single(query['maxParticipantsAllowed']) ?? '', 10) || STOCK_MAX_PARTICIPANTS;
  return {
    ok: true,
    profile: {
      userid,
      msgEvent,
      customEvent: eventNameProblem(customEvent) ? undefined : customEvent,
      closeRoomOnLeave: single(query['autoCloseEntireSession']) === 'true',
      maxParticipants: Math.max(1, Math.min(requested, limits.maxParticipantsPerRoom)),
      extra: handshakeExtra(query['extra'], limits),
      kit: isKitAuth(auth),
      admin: userid === RESERVED_USERID,
    },
  };
}

/** Why a name cannot be a relay or custom event, or `undefined` when it can. */
export function eventNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'must be a non-empty string';
  if (name.length > MAX_EVENT_NAME_LENGTH) return `is over ${MAX_EVENT_NAME_LENGTH} characters`;
  if (isProtocolEventName(name)) return `"${name}" is an event of the protocol`;
  return undefined;
}

function isKitAuth(auth: unknown): boolean {
  const version = (auth as Record<string, unknown> | null | undefined)?.[KIT_AUTH_FIELD];
  return typeof version === 'number' && version >= 1;
}

/**
 * The handshake extra, as stock reads it: JSON, `{}` when absent or
 * unreadable; over the limits, `{}` too (its room request carries it again).
 * A repeated `extra=` is read as its last copy, as the stock client meant it.
 */
function handshakeExtra(value: unknown, limits: Limits): unknown {
  const text: unknown = Array.isArray(value) ? (value as unknown[]).at(-1) : value;
  if (typeof text !== 'string' || text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  const read = readJson(parsed, { maxDepth: limits.maxDepth, maxSize: limits.maxExtraSize }, false);
  return read.ok ? read.value : {};
}

/** A query value given once; a repeated parameter is no value of the protocol. */
function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
