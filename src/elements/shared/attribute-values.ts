/**
 * Attribute values as pages and frameworks pass them (text, numbers, URLs, arrays of tokens), checked: each function
 * returns the value the room can use, or throws an Error saying which attribute is wrong and why.
 */
import type { Session } from '../../core/index.js';
import { tokenList } from './tokens.js';

const SESSION_TOKENS = ['audio', 'video', 'data', 'screen', 'oneway', 'broadcast'] as const;
const PRESENCE_TOKEN = 'presence';

/** A value for `Error` messages: what it is, briefly. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${value}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** An attribute's value as text: strings, and numbers (and URLs) as frameworks pass them; anything else throws. */
export function textOf(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof URL) return value.href;
  throw new Error(`${name} must be text, not ${describe(value)}`);
}

/** A whole-number attribute at least `min`, from a number or its digits; empty is unset, anything else throws. */
export function numberOf(name: string, value: unknown, min: number): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min)
    throw new Error(`${name} must be a whole number of at least ${min}, not ${describe(value)}`);
  return number;
}

/**
 * `session="audio video"` (or `['audio', 'video']`) → `{audio: true, video: true}`; `presence`, or nothing, is
 * `{}` (presence only: signaling, no WebRTC); unknown tokens, and `presence` with anything else, throw.
 */
export function sessionOf(value: unknown): Session {
  const tokens = Array.isArray(value)
    ? value.map((token) => textOf('session', token) ?? '')
    : tokenList(textOf('session', value));
  const session: Session = {};
  const names = tokens.map((token) => token.toLowerCase());
  for (const token of names) {
    if (token === PRESENCE_TOKEN) {
      if (names.length > 1) throw new Error(`session: "${PRESENCE_TOKEN}" means no WebRTC, so it stands alone`);
      continue;
    }
    if (!(SESSION_TOKENS as readonly string[]).includes(token))
      throw new Error(
        `session: unknown token ${JSON.stringify(token)} (use ${PRESENCE_TOKEN}, or any of ${SESSION_TOKENS.join(', ')})`,
      );
    session[token as (typeof SESSION_TOKENS)[number]] = true;
  }
  return session;
}

/** A positive number of seconds (fractions allowed), from a number or its text; empty is unset, anything else throws. */
export function secondsOf(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0)
    throw new Error(`${name} must be a number of seconds above 0, not ${describe(value)}`);
  return number;
}
