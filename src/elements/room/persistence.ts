/**
 * What `<rtc-room persist>` keeps across reloads, and where:
 *
 * - your own extra in localStorage, under `rtc-elements:extra` (`persist` or `persist="site"`: one for the whole
 *   site, every room of it) or `rtc-elements:extra:room:<room id>` (`persist="room"`); without the `away` key;
 * - your userid in sessionStorage, under `rtc-elements:userid:<room id>`: per tab, so two tabs are two participants
 *   and a reload is the same one. The record says whether a page holds it (`live`); a tab whose sessionStorage was
 *   copied from a live one (a duplicated tab) or a second room element for the same room takes a fresh userid.
 *
 * Storage is passed in (a browser's, or a stand-in in tests); any of its calls may throw (storage disabled, full,
 * private mode), which the callers report.
 */
import { checkOwnExtra, isPlainObject, type Extra } from '../../protocol/extra.js';
import { isValidId } from '../../protocol/ids.js';
import { AWAY_KEY } from '../shared/presence.js';

export type PersistScope = 'site' | 'room';

export const STORAGE_PREFIX = 'rtc-elements:';

/** The `persist` attribute's value as a scope: present (empty) or `site` → site, `room` → room; absent → none. */
export function persistScope(value: unknown): PersistScope | undefined {
  if (value === null || value === undefined || value === false) return undefined;
  if (value === '' || value === true || value === 'site') return 'site';
  if (value === 'room') return 'room';
  throw new Error(`persist must be empty, "site" or "room", not ${JSON.stringify(value)}`);
}

export function extraKey(scope: PersistScope, roomId: string): string {
  return scope === 'room' ? `${STORAGE_PREFIX}extra:room:${roomId}` : `${STORAGE_PREFIX}extra`;
}

export function useridKey(roomId: string): string {
  return `${STORAGE_PREFIX}userid:${roomId}`;
}

/** Extra as it is kept: everything but the away mark, which says nothing about the next visit. */
export function keptExtra(extra: Readonly<Extra>): Extra {
  const { [AWAY_KEY]: _away, ...kept } = extra;
  return kept;
}

/**
 * The stored extra laid over `base` (the page's own extra: its defaults), when there is a stored one that is still
 * usable (a JSON object that, merged, passes the size limit); a stored value that is not is removed.
 */
export function restoreExtra(
  storage: Storage,
  key: string,
  base: Readonly<Extra>,
  sizeLimit: number,
): Extra | undefined {
  const text = storage.getItem(key);
  if (text === null) return undefined;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    stored = undefined;
  }
  const check = isPlainObject(stored)
    ? checkOwnExtra({ ...base, ...keptExtra(stored as Extra) }, sizeLimit)
    : undefined;
  if (!check?.ok) {
    storage.removeItem(key);
    return undefined;
  }
  return check.extra;
}

export function saveExtra(storage: Storage, key: string, extra: Readonly<Extra>): void {
  storage.setItem(key, JSON.stringify(keptExtra(extra)));
}

interface UseridRecord {
  userid: string;
  /** A page holds this userid now: whoever else reads the record (a copy of this tab) must not take it. */
  live: boolean;
}

/** Userid keys held by room elements of this document: a second element for the same room takes a fresh userid. */
const heldInThisDocument = new Set<string>();

/**
 * Per-tab userids in sessionStorage, claimed while a room element holds them and released when the page goes
 * (`pagehide`) or the element leaves.
 */
export class UseridStore {
  constructor(
    private readonly storage: Storage,
    private readonly held: Set<string> = heldInThisDocument,
  ) {}

  /**
   * The userid for `key`: the stored one, unless it is held by a live page (a copied tab) or by another element of
   * this document, in which case `fresh`. `owned`: the caller now holds the key (and may release or forget it); a
   * fresh userid given because another element of this document holds the key is not stored (that element's is).
   */
  claim(key: string, fresh: string): { userid: string; owned: boolean } {
    if (this.held.has(key)) return { userid: fresh, owned: false };
    const record = this.#read(key);
    const userid = record && !record.live ? record.userid : fresh;
    this.#write(key, { userid, live: true });
    this.held.add(key);
    return { userid, owned: true };
  }

  /** Only by the key's holder: the page is going (it may come back: `hold`), or the element is done with it. */
  release(key: string, userid: string): void {
    if (!this.held.delete(key)) return;
    this.#write(key, { userid, live: false });
  }

  /** Holds `key` for `userid` again (back from the back/forward cache, moved in the page), unless another element holds it. */
  hold(key: string, userid: string): boolean {
    if (this.held.has(key)) return false;
    this.#write(key, { userid, live: true });
    this.held.add(key);
    return true;
  }

  /** Only by the key's holder. */
  forget(key: string): void {
    this.held.delete(key);
    this.storage.removeItem(key);
  }

  #read(key: string): UseridRecord | undefined {
    try {
      const record = JSON.parse(this.storage.getItem(key) ?? 'null') as Partial<UseridRecord> | null;
      return record && isValidId(record.userid) ? { userid: record.userid, live: record.live === true } : undefined;
    } catch {
      return undefined;
    }
  }

  #write(key: string, record: UseridRecord): void {
    this.storage.setItem(key, JSON.stringify(record));
  }
}
