/**
 * Whitespace-separated lists, as attributes hold them (`fields="fullName status"`, `session="audio video"`) and as
 * names are made of words.
 */

/** The tokens of a whitespace-separated list, empty ones dropped (none when there is no list). */
export function tokenList(value: string | null | undefined): string[] {
  return value?.split(/\s+/).filter(Boolean) ?? [];
}
