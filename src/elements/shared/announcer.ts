/**
 * Joins, leaves and renames read out through one polite live region, batched
 * ("Ada joined, Bo left") so a busy room does not flood screen readers.
 */

/** Announcements within this window are read as one. */
const BATCH_MS = 400;

export class Announcer {
  #pending: string[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly region: () => HTMLElement | null | undefined,
    private readonly lang: () => string,
  ) {}

  announce(message: string): void {
    this.#pending.push(message);
    this.#timer ??= setTimeout(() => this.#flush(), BATCH_MS);
  }

  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
  }

  #flush(): void {
    this.#timer = undefined;
    const region = this.region();
    const messages = this.#pending;
    this.#pending = [];
    if (!region || messages.length === 0) return;
    let text: string;
    try {
      text = new Intl.ListFormat(this.lang(), { type: 'unit', style: 'long' }).format(messages);
    } catch {
      text = messages.join(', ');
    }
    // Same text twice in a row is not re-read by some screen readers unless the region changes.
    region.textContent = region.textContent === text ? `${text}\u00a0` : text;
  }
}

/** The language in force for an element: its own or its closest ancestor's `lang`, else the document's. */
export function languageOf(element: Element): string {
  return element.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
}
