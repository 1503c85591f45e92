/**
 * The base of every rtc-elements element: Lit, a typed event helper whose
 * events bubble and cross shadow roots, and a `define` that tolerates a second
 * copy of the kit on the page (two CMS plugins each shipping it).
 */
import { LitElement } from 'lit';
import { VERSION } from '../../version.js';
import { RtcEvent, type RtcEventMap } from './events.js';

export class RtcElement extends LitElement {
  /** The kit's version (package.json's, written at build): a clash between different copies is worth a warning. */
  static readonly version: string = VERSION;

  /** Registers the element under `name`, unless this or another copy already did. */
  static define(name: string): void {
    const existing: (CustomElementConstructor & { version?: string }) | undefined = customElements.get(name);
    if (!existing) {
      customElements.define(name, this);
      return;
    }
    if (existing !== this && existing.version !== this.version) {
      console.warn(
        `<${name}> is already defined by rtc-elements ${existing.version ?? '(unknown version)'}; this copy (${this.version}) is not used.`,
      );
    }
  }

  /** Dispatches a typed `rtc-*` event from this element (bubbling, composed). */
  protected emit<K extends keyof RtcEventMap>(type: K, detail: RtcEventMap[K]['detail']): boolean {
    return this.dispatchEvent(new RtcEvent(type, { detail }));
  }
}
