/**
 * Whitespace-separated lists, as attributes hold them (`fields="fullName status"`, `session="audio video"`) and as
 * names are made of words.
 */

/**
 * The tokens of a whitespace-separated list (or of an array of them, as a framework may pass the property), empty
 * ones dropped; none when there is no list.
 */
export function tokenList(value: string | readonly string[] | null | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : value;
  return typeof text === 'string' ? text.split(/\s+/).filter(Boolean) : [];
}
