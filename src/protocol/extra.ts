/**
 * `extra`: a participant's free-form JSON metadata. Validation of our own
 * outgoing extra, sanitisation of untrusted incoming extra, and the deep
 * comparisons the roster dedupes with. Pure functions, no I/O.
 */
import { SERVER_ROOM_INFO_KEY } from './constants.js';
import { FORBIDDEN_KEYS, isPlainObject, readJson, type JsonValue } from './json.js';

export { isPlainObject, type JsonPrimitive, type JsonValue } from './json.js';
/** A participant's extra as held in the roster: always a plain JSON object. */
export type Extra = { [key: string]: JsonValue };

/** Deeper than this is no participant metadata; it is an attack on the stack. */
export const MAX_EXTRA_DEPTH = 32;
/** Default cap for our own serialised extra (bytes of UTF-8 JSON), as Daily does. */
export const DEFAULT_EXTRA_SIZE_LIMIT = 4096;
/** Default cap for extra received from others: stock peers may send more than we allow ourselves. */
export const DEFAULT_INCOMING_EXTRA_SIZE_LIMIT = 65536;
/**
 * The handshake carries extra in the URL; engine.io throws past 8000
 * characters, so a larger encoded extra travels only in open-room/join-room.
 */
export const MAX_HANDSHAKE_EXTRA_LENGTH = 6000;

export type ExtraProblem =
  'extra-not-object' | 'extra-not-serializable' | 'extra-too-large' | 'extra-forbidden-key' | 'extra-too-deep';

export type ExtraCheck =
  { ok: true; extra: Extra; json: string; bytes: number } | { ok: false; problem: ExtraProblem; message: string };

const utf8 = new TextEncoder();

/**
 * Checks the page's own extra before it goes anywhere: a plain object that
 * serialises to JSON within `sizeLimit` bytes. Returns the JSON copy that is
 * sent and kept (so Dates become ISO strings, exactly as peers will see them).
 */
export function checkOwnExtra(value: unknown, sizeLimit: number): ExtraCheck {
  if (!isPlainObject(value)) {
    return { ok: false, problem: 'extra-not-object', message: `extra must be a plain object, got ${describe(value)}` };
  }
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    return {
      ok: false,
      problem: 'extra-not-serializable',
      message: `extra does not serialise to JSON: ${(error as Error).message}`,
    };
  }
  const bytes = utf8.encode(json).length;
  if (bytes > sizeLimit) {
    return {
      ok: false,
      problem: 'extra-too-large',
      message: `extra is ${bytes} bytes serialised, over the limit of ${sizeLimit}`,
    };
  }
  const copy = JSON.parse(json) as Extra;
  const forbidden = findForbiddenKey(copy, 0);
  if (forbidden === 'too-deep') {
    return { ok: false, problem: 'extra-too-deep', message: `extra nests deeper than ${MAX_EXTRA_DEPTH} levels` };
  }
  if (forbidden !== undefined) {
    return { ok: false, problem: 'extra-forbidden-key', message: `extra may not contain the key "${forbidden}"` };
  }
  return { ok: true, extra: copy, json, bytes };
}

/** The first forbidden key found (`'too-deep'` when nesting passes the limit first). */
function findForbiddenKey(value: JsonValue, depth: number): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_EXTRA_DEPTH) return 'too-deep';
  const entries = Array.isArray(value) ? value.map((item) => ['', item] as const) : Object.entries(value);
  for (const [key, item] of entries) {
    if (FORBIDDEN_KEYS.has(key)) return key;
    const found = findForbiddenKey(item, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export type IncomingExtra = { ok: true; extra: Extra | undefined } | { ok: false; message: string };

/**
 * Turns extra received from the server or a peer (untrusted) into a fresh
 * plain-JSON object: forbidden keys and the server's `_room` are dropped,
 * non-JSON values (binary attachments, functions) and excessive depth or size
 * are refused, never thrown on. `null`/`undefined` mean "no information" and
 * come back as `extra: undefined`. A non-object extra (stock allows strings) is
 * wrapped as `{value}`, as the stock server does in check-presence replies.
 */
export function sanitizeIncomingExtra(value: unknown, sizeLimit = DEFAULT_INCOMING_EXTRA_SIZE_LIMIT): IncomingExtra {
  if (value === null || value === undefined) return { ok: true, extra: undefined };
  const read = readJson(value, { maxDepth: MAX_EXTRA_DEPTH, maxSize: sizeLimit }, true);
  if (!read.ok) {
    return {
      ok: false,
      message:
        read.problem === 'too-large'
          ? `extra is larger than ${sizeLimit} bytes`
          : 'extra is not plain JSON or nests too deep',
    };
  }
  const copy = read.value;
  if (isPlainObject(copy)) {
    delete copy[SERVER_ROOM_INFO_KEY];
    return { ok: true, extra: copy };
  }
  return { ok: true, extra: { value: copy } };
}

/** Deep equality of JSON values, independent of key order. */
export function jsonEquals(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEquals(item, b[index]));
  }
  const objectA = a as Record<string, JsonValue>;
  const objectB = b as Record<string, JsonValue>;
  const keysA = Object.keys(objectA);
  if (keysA.length !== Object.keys(objectB).length) return false;
  return keysA.every((key) => Object.hasOwn(objectB, key) && jsonEquals(objectA[key], objectB[key]));
}

/** Top-level keys added, removed or changed between two extras. */
export function changedKeys(previous: Extra, next: Extra): string[] {
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)]);
  return [...keys].filter((key) => !jsonEquals(previous[key], next[key]));
}

/**
 * Applies a partial update on top of an extra: keys set to `undefined` are
 * removed (undefined is not JSON), every other key replaces its value.
 */
export function mergeExtraPatch(
  base: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const key of Object.keys(patch)) {
    if (patch[key] === undefined) delete merged[key];
    // Defined, not assigned: a `__proto__` key stays an own property, which checkOwnExtra then refuses.
    else
      Object.defineProperty(merged, key, { value: patch[key], enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

/** A JSON-safe copy of the handshake extra, or `{}` when it would overflow the URL. */
export function handshakeExtraJson(extraJson: string): string {
  return encodeURIComponent(extraJson).length <= MAX_HANDSHAKE_EXTRA_LENGTH ? extraJson : '{}';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object'
    ? `a ${(Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'non-plain'} object`
    : typeof value;
}
