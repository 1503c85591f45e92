/**
 * Away state, as `<rtc-room away-after>` publishes it: `away: true` in the participant's own extra while away, the
 * key removed on return. Any client reads it, stock ones included; a `status` the user set is never touched.
 */
import type { Extra } from '../../core/index.js';

/** The extra key that marks a participant away. */
export const AWAY_KEY = 'away';

export function isAway(extra: Readonly<Extra> | Readonly<Record<string, unknown>>): boolean {
  return extra[AWAY_KEY] === true;
}
