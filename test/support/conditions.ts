/**
 * Waiting on conditions, never on time: each helper resolves the moment the
 * condition holds and fails with a description when it has not within a
 * deadline. Runs in browsers and in Node.
 */
import type { ConnectionEventMap } from '../../src/index.js';

/** The next event of a connection matching a predicate. */
export function nextEvent<K extends keyof ConnectionEventMap>(
  target: EventTarget,
  type: K,
  predicate: (event: ConnectionEventMap[K]) => boolean = () => true,
  timeoutMs = 10000,
): Promise<ConnectionEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(type, listener);
      reject(new Error(`no "${type}" event matching the condition within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: Event) => {
      const typed = event as ConnectionEventMap[K];
      if (!predicate(typed)) return;
      clearTimeout(timer);
      target.removeEventListener(type, listener);
      resolve(typed);
    };
    target.addEventListener(type, listener);
  });
}

/** Resolves once `condition()` is true, checking every few milliseconds. */
export async function until(condition: () => boolean, description: string, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves once the async `check` holds, asking again every 20 ms (a browser round trip each time). */
export async function untilAsync(check: () => Promise<boolean>, description: string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function uniqueRoom(prefix = 'room'): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
