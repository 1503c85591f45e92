/** Room ids and userids: what the stock server can safely key its tables with. */

/** Longer ids bloat every envelope and the handshake URL; nobody needs them. */
export const MAX_ID_LENGTH = 256;

/**
 * The stock server keys plain objects (`listOfUsers`, `listOfRooms`) by these
 * ids, so a name like `constructor` or `__proto__` resolves to an inherited
 * member there and breaks it. Such ids, empty ones and over-long ones are refused.
 */
export function idProblem(value: unknown, what: 'room id' | 'userid'): string | undefined {
  if (typeof value !== 'string') return `${what} must be a string, got ${value === null ? 'null' : typeof value}`;
  if (value.length === 0) return `${what} must not be empty`;
  if (value.length > MAX_ID_LENGTH) return `${what} is ${value.length} characters, over the limit of ${MAX_ID_LENGTH}`;
  if (value in Object.prototype) return `${what} "${value}" clashes with a built-in property name on the server`;
  return undefined;
}

export function isValidId(value: unknown): value is string {
  return idProblem(value, 'userid') === undefined;
}

/** The stock token format: three random uint32 in base 36, concatenated. */
export function randomToken(): string {
  const words = crypto.getRandomValues(new Uint32Array(3));
  return Array.from(words, (word) => word.toString(36)).join('');
}
