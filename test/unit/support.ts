/** Shared by the unit tests. */
import { afterEach, beforeEach, mock } from 'node:test';

/**
 * Mocks setTimeout/clearTimeout and Date for every test of the enclosing `describe`: time moves only by
 * `mock.timers.tick(ms)`, starting from 0, so no test waits for real time and every timer boundary is exact.
 */
export function useMockTimers(): void {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'] }));
  afterEach(() => mock.timers.reset());
}
