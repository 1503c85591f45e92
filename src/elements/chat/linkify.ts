/**
 * Web addresses in chat text as links, and only those: `https:` and `http:`
 * URLs, checked by the URL parser; everything else stays text. Trailing
 * punctuation that ends a sentence ("see https://example.com.") is not part of
 * the link, nor is a closing bracket the URL did not open.
 */

export interface TextPart {
  text: string;
  /** The parsed URL, for a link. */
  href?: string;
}

const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"*_~]+$/;

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const candidate = trimEnd(match[0]);
    const href = httpUrl(candidate);
    if (!href) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: candidate, href });
    last = match.index + candidate.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

function trimEnd(candidate: string): string {
  let url = candidate;
  for (;;) {
    const trimmed = url.replace(TRAILING, '');
    const unopened = /[)\]}]$/.test(trimmed) && count(trimmed, closerOf(trimmed)) > count(trimmed, openerOf(trimmed));
    const next = unopened ? trimmed.slice(0, -1) : trimmed;
    if (next === url) return url;
    url = next;
  }
}

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const closerOf = (url: string) => url.at(-1)!;
const openerOf = (url: string) => PAIRS[url.at(-1)!]!;
const count = (text: string, character: string) => text.split(character).length - 1;

function httpUrl(candidate: string): string | undefined {
  try {
    const url = new URL(candidate);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname ? url.href : undefined;
  } catch {
    return undefined;
  }
}
