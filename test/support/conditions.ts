/**
 * Waiting on conditions, never on time: each helper resolves the moment the
 * condition holds and fails with a description when it has not within a
 * deadline. Runs in browsers and in Node.
 */

export function nextEvent<E extends Event>(
  target: EventTarget,
  type: string,
  predicate: (event: E) => boolean = () => true,
  timeoutMs = 10000,
): Promise<E> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(type, listener);
      reject(new Error(`no "${type}" event matching the condition within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (event: Event) => {
      if (!predicate(event as E)) return;
      clearTimeout(timer);
      target.removeEventListener(type, listener);
      resolve(event as E);
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

export function uniqueRoom(prefix = 'room'): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
