/**
 * Reading untrusted JSON-shaped data (what socket.io decoded from a peer, a
 * client or a server): plain objects, arrays, strings, finite numbers,
 * booleans and null only, within a depth and an approximate serialised size.
 * Pure functions, no I/O; they return results and never throw.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };

/** Keys that could reach an object's prototype chain if ever assigned. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface JsonLimits {
  /** Nesting deeper than this is refused: no payload needs it, and it is an attack on the stack. */
  maxDepth: number;
  /** Approximate serialised size (strings and keys by length, other values by a fixed charge). */
  maxSize: number;
}

export type JsonProblem = 'not-json' | 'too-deep' | 'too-large';

export type JsonReading<T = JsonValue> = { ok: true; value: T; size: number } | { ok: false; problem: JsonProblem };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  // Another window's (an iframe's) Object.prototype is not ours, but it too is the last link before null.
  return (
    proto === null ||
    proto === Object.prototype ||
    (Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(value) === '[object Object]')
  );
}

/**
 * Checks that a value is plain JSON within the limits. With `copy`, returns a
 * fresh copy without forbidden keys (for data kept or handed to a page);
 * without, the value itself (for data only passed on, read by nobody here).
 */
export function readJson(value: unknown, limits: JsonLimits, copy: boolean): JsonReading {
  const budget = { remaining: limits.maxSize, problem: undefined as JsonProblem | undefined };
  const result = walk(value, 0, limits.maxDepth, budget, copy);
  if (result === INVALID) return { ok: false, problem: budget.problem ?? 'not-json' };
  return { ok: true, value: result, size: limits.maxSize - budget.remaining };
}

const INVALID = Symbol('invalid');

interface Budget {
  remaining: number;
  problem: JsonProblem | undefined;
}

function charge(budget: Budget, cost: number): boolean {
  budget.remaining -= cost;
  if (budget.remaining >= 0) return true;
  budget.problem = 'too-large';
  return false;
}

function walk(
  value: unknown,
  depth: number,
  maxDepth: number,
  budget: Budget,
  copy: boolean,
): JsonValue | typeof INVALID {
  if (depth > maxDepth) {
    budget.problem = 'too-deep';
    return INVALID;
  }
  switch (typeof value) {
    case 'string':
      return charge(budget, value.length + 2) ? value : INVALID;
    case 'number':
      return charge(budget, 8) ? (Number.isFinite(value) ? value : null) : INVALID;
    case 'boolean':
      return charge(budget, 5) ? value : INVALID;
    case 'object': {
      if (value === null) return charge(budget, 4) ? null : INVALID;
      if (Array.isArray(value)) {
        const out: JsonValue[] | undefined = copy ? [] : undefined;
        for (const item of value) {
          if (!charge(budget, 1)) return INVALID;
          const read = walk(item, depth + 1, maxDepth, budget, copy);
          if (read === INVALID) return INVALID;
          out?.push(read);
        }
        return out ?? (value as JsonValue[]);
      }
      if (!isPlainObject(value)) return INVALID;
      const out: Record<string, JsonValue> | undefined = copy ? {} : undefined;
      for (const key of Object.keys(value)) {
        if (copy && FORBIDDEN_KEYS.has(key)) continue;
        if (!charge(budget, key.length + 4)) return INVALID;
        const read = walk(value[key], depth + 1, maxDepth, budget, copy);
        if (read === INVALID) return INVALID;
        if (out) out[key] = read;
      }
      return out ?? (value as Record<string, JsonValue>);
    }
    default:
      return INVALID;
  }
}
