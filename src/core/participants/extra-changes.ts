/**
 * When each key of a participant's extra last changed, as this connection saw
 * it: the time of receipt on this machine's clock (ms since the epoch), never
 * the sender's, whose clock may be anywhere. A participant's record starts
 * empty when it joins (what it had before is not a change we saw).
 */
import type { Extra } from '../../protocol/extra.js';

/** Top-level extra key → when it last changed (ms since the epoch, on this clock). */
export type ExtraChangeTimes = Readonly<Record<string, number>>;

/** One change: when, and which top-level keys it added, removed or changed. */
export interface ExtraChange {
  readonly at: number;
  readonly keys: readonly string[];
}

/**
 * The record after a change of `changed` keys at `at`: those keys get `at`, the others keep their time while they are
 * in the new extra. Keys removed by an earlier change are forgotten, so the record never outgrows the extra by more
 * than the latest change's removals.
 */
export function recordExtraChange(
  times: ExtraChangeTimes | undefined,
  changed: readonly string[],
  extra: Readonly<Extra>,
  at: number,
): ExtraChangeTimes {
  const next: Record<string, number> = {};
  for (const [key, time] of Object.entries(times ?? {})) if (Object.hasOwn(extra, key)) next[key] = time;
  for (const key of changed) next[key] = at;
  return Object.freeze(next);
}

/**
 * The latest change among `keys` (default: every key recorded), with all the keys it touched among them; undefined
 * when none of them changed since the participant joined.
 */
export function lastExtraChange(
  participant: { readonly extraChangedAt?: ExtraChangeTimes | undefined },
  keys?: readonly string[],
): ExtraChange | undefined {
  const times = participant.extraChangedAt;
  if (!times) return undefined;
  let at = -Infinity;
  let touched: string[] = [];
  for (const key of keys ?? Object.keys(times)) {
    if (!Object.hasOwn(times, key)) continue;
    const time = times[key]!;
    if (time > at) [at, touched] = [time, [key]];
    else if (time === at) touched.push(key);
  }
  return touched.length > 0 ? { at, keys: touched } : undefined;
}
