/**
 * `<rtc-room persist>`: your own extra and a per-tab userid kept across reloads
 * (see persistence.ts for where and how), restored before joining so nobody
 * sees a default name first. Without `persist` nothing is read or stored;
 * removing the attribute forgets what was stored.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Extra, RTCMultiConnection } from '../../core/index.js';
import { extraKey, restoreExtra, saveExtra, useridKey, UseridStore, type PersistScope } from './persistence.js';

export class RoomPersistence implements ReactiveController {
  #scope: PersistScope | undefined;
  /** The room the stored values are for (the last one entered). */
  #roomId: string | undefined;
  /** The page gave no userid: the one we join with is ours to keep. */
  #keepsUserid = false;
  /** The userid held for `#roomId` while persisting. */
  #heldUserid: string | undefined;
  /**
   * Whether this element holds the room's stored userid: a second element for the same room was given a fresh one,
   * and must never release, overwrite or forget the first one's.
   */
  #owned = false;
  readonly #onPageHide = () => {
    const userid = this.#heldUserid;
    if (userid && this.#owned) this.#withUserids((store) => store.release(useridKey(this.#roomId!), userid));
  };
  readonly #onPageShow = (event: PageTransitionEvent) => {
    const userid = this.#heldUserid;
    if (event.persisted && userid && this.#owned)
      this.#owned = this.#withUserids((store) => store.hold(useridKey(this.#roomId!), userid)) ?? false;
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly connection: RTCMultiConnection,
    /** The room the host names now (for forgetting before it ever entered one). */
    private readonly currentRoomId: () => string | undefined,
    /** Storage refused (disabled, full, private mode): says why. */
    private readonly report: (message: string) => void,
  ) {
    host.addController(this);
    connection.addEventListener('extra-updated', (event) => {
      if (event.isLocal) this.#save();
    });
  }

  /** The `persist` scope changed: off forgets what was stored; on in a room stores what is in force now. */
  set scope(scope: PersistScope | undefined) {
    const previous = this.#scope;
    if (scope === previous) return;
    this.#scope = scope;
    const roomId = this.#roomId ?? this.currentRoomId();
    if (!scope) {
      if (previous && roomId !== undefined) this.#forget(previous, roomId);
      return;
    }
    if (this.#roomId === undefined) return;
    this.#save();
    this.#hold();
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#onPageHide);
    window.addEventListener('pageshow', this.#onPageShow);
    // Moved in the page (out and straight back in), the room stays in its room with its userid: held again.
    this.#hold();
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    window.removeEventListener('pageshow', this.#onPageShow);
    this.#release();
  }

  /**
   * About to join `roomId`: lays the stored extra over `pageExtra` (the page's own, not what another room left in
   * force), and returns the userid to join with (the stored one, else the connection's own, now stored), unless the
   * page gave one or nothing persists.
   */
  enter(roomId: string, pageUserid: string | undefined, pageExtra: Extra): string | undefined {
    const moved = roomId !== this.#roomId && this.#roomId !== undefined;
    if (roomId !== this.#roomId) this.#release();
    this.#roomId = roomId;
    this.#keepsUserid = pageUserid === undefined;
    const scope = this.#scope;
    if (!scope) return undefined;
    const base = moved ? pageExtra : (this.connection.extra as Extra);
    const restored = this.#attempt(() =>
      restoreExtra(localStorage, extraKey(scope, roomId), base, this.connection.extraSizeLimit),
    );
    if (restored) this.connection.extra = restored;
    if (!this.#keepsUserid) return undefined;
    if (this.#heldUserid === undefined) {
      const claim = this.#withUserids((store) => store.claim(useridKey(roomId), this.connection.userid));
      this.#heldUserid = claim?.userid ?? this.connection.userid;
      this.#owned = claim?.owned ?? false;
    }
    return this.#heldUserid;
  }

  #save(): void {
    const scope = this.#scope;
    const roomId = this.#roomId;
    if (!scope || roomId === undefined) return;
    this.#attempt(() => saveExtra(localStorage, extraKey(scope, roomId), this.connection.extra as Extra));
  }

  /** Holds the userid in force for the room entered, when it is ours to keep and persist is on. */
  #hold(): void {
    const roomId = this.#roomId;
    if (!this.#scope || roomId === undefined || !this.#keepsUserid || this.#heldUserid) return;
    const userid = this.connection.userid;
    this.#heldUserid = userid;
    this.#owned = this.#withUserids((store) => store.hold(useridKey(roomId), userid)) ?? false;
  }

  #release(): void {
    const userid = this.#heldUserid;
    if (userid && this.#owned && this.#roomId !== undefined) {
      const key = useridKey(this.#roomId);
      this.#withUserids((store) => store.release(key, userid));
    }
    this.#heldUserid = undefined;
    this.#owned = false;
  }

  #forget(scope: PersistScope, roomId: string): void {
    this.#attempt(() => localStorage.removeItem(extraKey(scope, roomId)));
    if (this.#owned) this.#withUserids((store) => store.forget(useridKey(roomId)));
    this.#heldUserid = undefined;
    this.#owned = false;
  }

  #withUserids<T>(call: (store: UseridStore) => T): T | undefined {
    return this.#attempt(() => call(new UseridStore(sessionStorage)));
  }

  /** Runs a storage call; one that throws is reported and skipped. */
  #attempt<T>(call: () => T): T | undefined {
    try {
      return call();
    } catch (error) {
      this.report(`persist: the browser's storage refused (${(error as Error).message})`);
      return undefined;
    }
  }
}
