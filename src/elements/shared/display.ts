/**
 * How a participant's untrusted extra becomes something to show: a display
 * name, a photo URL that is safe to load, initials, field values as text.
 */
import type { Extra, JsonValue, Participant } from '../../core/index.js';
import { tokenList } from './tokens.js';

const DEFAULT_NAME_FIELDS: readonly string[] = ['fullName', 'name', 'username'];
const DEFAULT_PHOTO_FIELDS: readonly string[] = ['photo', 'avatar'];
/** Extra values longer than this are cut in displays; extra is capped, but others' caps are theirs. */
const MAX_SHOWN_LENGTH = 200;

/** The extra keys a display name is looked for in, in order: the given one, else the defaults. */
export function nameFields(nameField?: string): readonly string[] {
  return nameField ? [nameField] : DEFAULT_NAME_FIELDS;
}

/** The extra keys a photo URL is looked for in, in order: the given one, else the defaults. */
export function photoFields(photoField?: string): readonly string[] {
  return photoField ? [photoField] : DEFAULT_PHOTO_FIELDS;
}

export function displayName(participant: Pick<Participant, 'userid' | 'extra'>, nameField?: string): string {
  for (const field of nameFields(nameField)) {
    const value = participant.extra[field];
    if ((typeof value === 'string' && value.trim()) || typeof value === 'number') return clip(String(value).trim());
  }
  return participant.userid;
}

/**
 * The photo URL, only when it is `https:`, `http:` or a `data:image/` URL:
 * `javascript:`, `data:text/html` and the like are never loaded.
 */
export function photoUrl(extra: Readonly<Extra>, photoField?: string): string | undefined {
  for (const field of photoFields(photoField)) {
    const value = extra[field];
    if (typeof value === 'string' && isSafeImageUrl(value)) return value;
  }
  return undefined;
}

export function isSafeImageUrl(value: string): boolean {
  if (/^data:image\/(png|gif|jpeg|webp|avif);/i.test(value.trim())) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function initials(name: string): string {
  const letters = tokenList(name)
    .slice(0, 2)
    .map((word) => [...word][0]!.toUpperCase());
  return letters.join('') || '?';
}

/** The extra fields to list besides name and photo: the given ones, or all others, in order. */
export function shownFields(
  extra: Readonly<Extra>,
  fields: readonly string[] | undefined,
  hidden: readonly string[],
): string[] {
  return fields
    ? fields.filter((field) => field in extra)
    : Object.keys(extra).filter((field) => !hidden.includes(field));
}

/** A value as text: strings as they are, everything else as compact JSON. */
export function fieldText(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  return clip(typeof value === 'string' ? value : JSON.stringify(value));
}

function clip(text: string): string {
  return text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH - 1)}…` : text;
}
