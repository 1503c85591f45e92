/**
 * A connection a stock-style page made itself (`var connection = new RTCMultiConnection()`), adopted by a
 * `<rtc-room>` so that elements added by markup show that page's room. The page keeps driving it (open, join,
 * leave); the room only shares it and forwards its events.
 */
import type { RTCMultiConnection } from '../../core/index.js';

/**
 * Whether `value` is one of our connections. Not `instanceof`: the page's connection may come from another copy of
 * the class (the classic build beside the elements bundle).
 */
export function isConnection(value: unknown): value is RTCMultiConnection {
  const candidate = value as Partial<RTCMultiConnection> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.addEventListener === 'function' &&
    typeof candidate.openOrJoin === 'function' &&
    Array.isArray(candidate.participants) &&
    typeof candidate.connectionState === 'string'
  );
}

/** The page's global named `name`, when it is a connection; throws, saying what is wrong, when it is not. */
export function globalConnection(name: string): RTCMultiConnection {
  const value = (globalThis as Record<string, unknown>)[name];
  if (isConnection(value)) return value;
  throw new Error(
    value === undefined
      ? `adopt="${name}": the page has no global "${name}" (yet)`
      : `adopt="${name}": window.${name} is not an RTCMultiConnection of rtc-elements (the classic build's or the core's)`,
  );
}
