/**
 * The room session's state machine. Each attempt to be in a room (from
 * open/join until leaving or failing) owns one AbortController: work that
 * outlives its attempt (an answer, a fetch, a backoff) sees its signal aborted
 * and does nothing.
 */
import { RtcError } from '../errors.js';
import type { ConnectionState } from '../events.js';

const TRANSITIONS: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  idle: ['connecting', 'closed'],
  connecting: ['joined', 'idle', 'closed'],
  joined: ['reconnecting', 'idle', 'closed'],
  reconnecting: ['joined', 'idle', 'closed'],
  closed: ['connecting', 'idle'],
};

export class SessionState {
  #state: ConnectionState = 'idle';
  #attempt = new AbortController();

  constructor(private readonly changed: (state: ConnectionState, previous: ConnectionState) => void) {
    this.#attempt.abort();
  }

  get current(): ConnectionState {
    return this.#state;
  }

  /** The current attempt's signal; aborted once it ended. */
  get signal(): AbortSignal {
    return this.#attempt.signal;
  }

  /** Starts a new attempt (`connecting`); whatever the previous one left running is aborted. */
  begin(): AbortSignal {
    this.#attempt.abort();
    this.#attempt = new AbortController();
    this.to('connecting');
    return this.#attempt.signal;
  }

  /** Ends the current attempt: its pending work is aborted with `reason`. */
  end(reason: RtcError): void {
    this.#attempt.abort(reason);
  }

  /** Moves to `state`; an impossible move is a bug of ours. */
  to(state: ConnectionState): void {
    const previous = this.#state;
    if (previous === state) return;
    if (!TRANSITIONS[previous].includes(state)) {
      throw new RtcError('internal', `the connection cannot go from "${previous}" to "${state}"`);
    }
    this.#state = state;
    this.changed(state, previous);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
