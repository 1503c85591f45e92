/**
 * "just now", "3 minutes ago", "2 hours ago": how long ago something happened, in steps that change rarely (once a
 * minute, then once an hour, then once a day), and when the text will next change, so a view can sleep until then
 * instead of re-rendering every second.
 */

export type RelativeUnit = 'now' | 'minute' | 'hour' | 'day';

export interface RelativeStep {
  /** `now` for under a minute, else the largest whole unit. */
  unit: RelativeUnit;
  /** Whole units elapsed (0 for `now`). */
  value: number;
  /** Milliseconds until the step changes (never 0). */
  nextChangeIn: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The step for `elapsed` milliseconds (a negative one, from a clock set back, counts as none). */
export function relativeStep(elapsed: number): RelativeStep {
  const ms = Math.max(0, elapsed);
  const [unit, size]: [RelativeUnit, number] =
    ms < MINUTE ? ['now', MINUTE] : ms < HOUR ? ['minute', MINUTE] : ms < DAY ? ['hour', HOUR] : ['day', DAY];
  const value = unit === 'now' ? 0 : Math.floor(ms / size);
  return { unit, value, nextChangeIn: (value + 1) * size - ms };
}

const formats = new Map<string, Intl.RelativeTimeFormat>();

/** The step as text in `lang` ("1 minute ago", "vor 1 Minute"); `now` is the caller's own "just now". */
export function formatRelativeStep(step: RelativeStep, lang: string, justNow: string): string {
  if (step.unit === 'now') return justNow;
  let format = formats.get(lang);
  if (!format) {
    try {
      format = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
    } catch {
      format = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
    }
    formats.set(lang, format);
  }
  return format.format(-step.value, step.unit);
}
