/**
 * Stock's `connectedWith`: two users are linked once a message has been
 * relayed between them. A link is what makes stock tell each of them
 * `user-connected` about the other (once) and `user-disconnected` when the
 * other goes. Kept both ways, by userid.
 */
export class Links {
  readonly #links = new Map<string, Set<string>>();

  /** Links two users; true when they were not linked before. */
  link(a: string, b: string): boolean {
    const ofA = this.#of(a);
    if (ofA.has(b)) return false;
    ofA.add(b);
    this.#of(b).add(a);
    return true;
  }

  linked(a: string, b: string): boolean {
    return this.#links.get(a)?.has(b) ?? false;
  }

  /** Ends one link; true when there was one. */
  unlink(a: string, b: string): boolean {
    const had = this.#links.get(a)?.delete(b) ?? false;
    this.#links.get(b)?.delete(a);
    this.#prune(a);
    this.#prune(b);
    return had;
  }

  /** Ends every link of a user and returns whom it was linked with. */
  unlinkAll(userid: string): string[] {
    const others = [...(this.#links.get(userid) ?? [])];
    for (const other of others) this.unlink(userid, other);
    this.#links.delete(userid);
    return others;
  }

  /** `changed-uuid`: the links follow the user to its new id. */
  rename(userid: string, newUserid: string): void {
    for (const other of this.unlinkAll(userid)) this.link(newUserid, other);
  }

  #of(userid: string): Set<string> {
    let set = this.#links.get(userid);
    if (!set) {
      set = new Set();
      this.#links.set(userid, set);
    }
    return set;
  }

  #prune(userid: string): void {
    if (this.#links.get(userid)?.size === 0) this.#links.delete(userid);
  }
}
