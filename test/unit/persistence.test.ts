/**
 * What `<rtc-room persist>` keeps: the scope from the attribute, the keys, the extra without its away mark (a stored
 * value that is not usable is dropped), and per-tab userids that a copied tab or a second element does not share.
 * Storage is a stand-in over a Map with the Storage calls the code makes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  extraKey,
  keptExtra,
  persistScope,
  restoreExtra,
  saveExtra,
  useridKey,
  UseridStore,
} from '../../src/elements/room/persistence.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, String(value)),
    removeItem: (key: string) => void items.delete(key),
  } as unknown as Storage;
  return { storage, items };
}

describe('persistScope', () => {
  it('reads the attribute: present or site is the site, room is per room, absent or false is none', () => {
    assert.equal(persistScope(''), 'site');
    assert.equal(persistScope('site'), 'site');
    assert.equal(persistScope(true), 'site');
    assert.equal(persistScope('room'), 'room');
    assert.equal(persistScope(null), undefined);
    assert.equal(persistScope(undefined), undefined);
    assert.equal(persistScope(false), undefined);
  });

  it('refuses anything else, saying what it takes', () => {
    assert.throws(() => persistScope('forever'), /persist must be empty, "site" or "room", not "forever"/);
  });
});

describe('keys', () => {
  it('are one extra for the site or one per room, and one userid per room', () => {
    assert.equal(extraKey('site', 'standup'), 'rtc-elements:extra');
    assert.equal(extraKey('room', 'standup'), 'rtc-elements:extra:room:standup');
    assert.equal(useridKey('standup'), 'rtc-elements:userid:standup');
  });
});

describe('saveExtra and restoreExtra', () => {
  it('keep the extra without the away mark, and lay it over the page’s own', () => {
    const { storage, items } = memoryStorage();
    saveExtra(storage, 'k', { fullName: 'Ada', status: 'busy', away: true });
    assert.equal(items.get('k'), '{"fullName":"Ada","status":"busy"}');
    const restored = restoreExtra(storage, 'k', { fullName: 'Guest 12', team: 'blue' }, 4096);
    assert.deepEqual(restored, { fullName: 'Ada', team: 'blue', status: 'busy' });
  });

  it('restore nothing when nothing was kept', () => {
    const { storage } = memoryStorage();
    assert.equal(restoreExtra(storage, 'k', { fullName: 'Guest' }, 4096), undefined);
  });

  it('drop a stored value that is not JSON, not an object, has a forbidden key or would be too large', () => {
    for (const bad of [
      '{oops',
      '[1,2]',
      '"text"',
      '{"__proto__":{"x":1}}',
      JSON.stringify({ bio: 'x'.repeat(5000) }),
    ]) {
      const { storage, items } = memoryStorage({ k: bad });
      assert.equal(restoreExtra(storage, 'k', { fullName: 'Guest' }, 4096), undefined, bad.slice(0, 20));
      assert.equal(items.has('k'), false, 'removed, so it is not tried again');
    }
  });

  it('never restore the away mark, even if one was stored by hand', () => {
    const { storage } = memoryStorage({ k: '{"fullName":"Ada","away":true}' });
    assert.deepEqual(restoreExtra(storage, 'k', {}, 4096), { fullName: 'Ada' });
    assert.deepEqual(keptExtra({ away: true }), {});
  });
});

describe('UseridStore', () => {
  const key = useridKey('standup');

  it('stores a fresh userid on first claim, and gives it back after a release (a reload)', () => {
    const { storage } = memoryStorage();
    const first = new UseridStore(storage, new Set());
    assert.equal(first.claim(key, 'fresh-1').userid, 'fresh-1');
    first.release(key, 'fresh-1');
    const reloaded = new UseridStore(storage, new Set());
    assert.equal(reloaded.claim(key, 'fresh-2').userid, 'fresh-1');
  });

  it('gives a fresh userid when the stored one is held by a live page (a duplicated tab’s copied storage)', () => {
    const { storage, items } = memoryStorage();
    new UseridStore(storage, new Set()).claim(key, 'original');
    const copy = memoryStorage(Object.fromEntries(items));
    const duplicate = new UseridStore(copy.storage, new Set());
    assert.equal(duplicate.claim(key, 'fresh').userid, 'fresh');
    assert.deepEqual(JSON.parse(copy.items.get(key)!), { userid: 'fresh', live: true }, 'the copy now keeps its own');
    assert.deepEqual(JSON.parse(items.get(key)!), { userid: 'original', live: true }, 'the original is untouched');
  });

  it('gives a second element of the same document a fresh userid without storing it', () => {
    const { storage, items } = memoryStorage();
    const held = new Set<string>();
    assert.equal(new UseridStore(storage, held).claim(key, 'first').userid, 'first');
    const second = new UseridStore(storage, held).claim(key, 'second');
    assert.deepEqual(second, { userid: 'second', owned: false });
    assert.deepEqual(JSON.parse(items.get(key)!), { userid: 'first', live: true });
    // The second element, moved in the page, cannot take the key over while the first holds it.
    assert.equal(new UseridStore(storage, held).hold(key, 'second'), false);
    assert.deepEqual(JSON.parse(items.get(key)!), { userid: 'first', live: true });
  });

  it('holds a userid again when the page comes back from the back/forward cache', () => {
    const { storage, items } = memoryStorage();
    const held = new Set<string>();
    const store = new UseridStore(storage, held);
    store.claim(key, 'mine');
    store.release(key, 'mine');
    assert.deepEqual(JSON.parse(items.get(key)!), { userid: 'mine', live: false });
    assert.equal(store.hold(key, 'mine'), true);
    assert.deepEqual(JSON.parse(items.get(key)!), { userid: 'mine', live: true });
    assert.equal(new UseridStore(storage, held).claim(key, 'other').userid, 'other', 'held again in this document');
  });

  it('ignores a stored record that is not JSON or whose userid the server could not take', () => {
    for (const bad of ['{', '{"userid":"constructor","live":false}', '{"userid":"","live":false}', '{"live":false}']) {
      const { storage } = memoryStorage({ [key]: bad });
      assert.equal(new UseridStore(storage, new Set()).claim(key, 'fresh').userid, 'fresh', bad);
    }
  });

  it('forgets: the record is gone and the key no longer held', () => {
    const { storage, items } = memoryStorage();
    const held = new Set<string>();
    const store = new UseridStore(storage, held);
    store.claim(key, 'mine');
    store.forget(key);
    assert.equal(items.has(key), false);
    assert.equal(held.size, 0);
  });

  it('does not release a key it does not hold', () => {
    const { storage, items } = memoryStorage();
    new UseridStore(storage, new Set()).release(key, 'nobody');
    assert.equal(items.size, 0);
  });
});
