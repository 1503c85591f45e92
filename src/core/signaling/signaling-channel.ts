/**
 * The connection's socket.io socket and everything said over it: connecting,
 * requests answered within a timeout, relayed messages, and a close that lets
 * goodbyes reach the server first. It speaks the stock event names but knows
 * nothing of rooms or rosters: what the server says goes to a listener.
 */
import { io, type Socket } from 'socket.io-client';
import { ClientEvent, ServerEvent } from '../../protocol/constants.js';
import {
  EXTENSION_VERSION,
  ExtensionEvent,
  KIT_AUTH_FIELD,
  parseExtraBatch,
  parseRefusal,
  type Refusal,
} from '../../protocol/server-extensions.js';
import { RtcError } from '../errors.js';

/** What the server says, as it says it: arguments are untrusted and unparsed. */
export interface SignalingListener {
  disconnected(reason: string): void;
  extraDataUpdated(userid: unknown, extra: unknown): void;
  message(envelope: unknown): void;
  userDisconnected(userid: unknown): void;
  setIsInitiatorTrue(roomid: unknown): void;
  /**
   * The server says our userid is taken. Only a refusal while we enter a room
   * is real (the server then answers nothing more on this socket): the
   * listener calls `refuse` for those.
   */
  useridTaken(error: RtcError): void;
  /** The room's owner closed it for everyone (`closed-entire-session`, which stock's server never sends). */
  roomClosed(roomid: unknown, extra: unknown): void;
  /** rtc-elements-server dropped something we sent, and says why. */
  refused(refusal: Refusal): void;
  /** A listener threw: a bug of ours, not bad input (parsers report that themselves). */
  failed(error: RtcError): void;
}

export interface SignalingOptions {
  url: string;
  userid: string;
  /** The handshake query, read at every (re)connect: it carries our current extra. */
  query: () => Record<string, string>;
  requestTimeout: number;
  messageEvent: string;
}

/** A server's answer to a request, with its place among the server's pushes. */
export interface ServerAnswer {
  readonly values: readonly unknown[];
  /** How many server events had arrived with it: a push numbered higher came after the answer. */
  readonly order: number;
}

/** How long closing waits for the server to confirm it handled our goodbyes. */
const GOODBYE_TIMEOUT_MS = 1000;

/** The socket URL as socket.io wants it: absolute, http(s) or ws(s), without query or fragment. */
export function resolveSocketUrl(socketURL: string): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  let url: URL;
  try {
    url = new URL(socketURL, base);
  } catch {
    throw new RtcError('invalid-socket-url', `socketURL "${String(socketURL)}" is not a valid URL`, { socketURL });
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    throw new RtcError('invalid-socket-url', `socketURL "${socketURL}" must be an http(s) or ws(s) URL`, {
      socketURL,
    });
  }
  url.search = '';
  url.hash = '';
  return url.href;
}

export class SignalingChannel {
  readonly socket: Socket;
  readonly #options: SignalingOptions;
  readonly #inflight = new Set<(error: RtcError) => void>();
  /** Server events received so far: answers and pushes are ordered by it. */
  #arrivals = 0;
  /** Set when the server refused our userid on the current socket, which then answers nothing. */
  #refusal: RtcError | undefined;
  /** The server answered a room request on the current connection as rtc-elements-server does. */
  #extended = false;
  #closed = false;

  constructor(options: SignalingOptions, listener: SignalingListener) {
    this.#options = options;
    this.socket = io(options.url, {
      query: options.query(),
      // Websocket first: the stock server sends no CORS headers, so polling fails cross-origin.
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      // Each connection is its own server user; socket.io would otherwise share one manager per URL.
      forceNew: true,
      // Says we speak rtc-elements-server's extension (server-extensions.ts); the stock server ignores it.
      auth: { [KIT_AUTH_FIELD]: EXTENSION_VERSION },
      // Reconnecting is the room session's job: socket.io resets its delay after every connect, so a server
      // that accepts and drops us again and again would get a storm of attempts.
      reconnection: false,
      timeout: options.requestTimeout,
      autoConnect: false,
    });
    this.#listen(listener);
  }

  get connected(): boolean {
    return !this.#closed && this.socket.connected;
  }

  /** Server events received so far; see `ServerAnswer.order`. */
  get arrivals(): number {
    return this.#arrivals;
  }

  /**
   * Whether the server on the current connection is rtc-elements-server: it
   * stamps join requests with the joiner's extra, lists a room's members in
   * its room answers and tells us of every departure from our room. Known
   * from an answer to our own request, which no other socket can forge (the
   * stock server broadcasts any event name a socket asks it to, so an event
   * saying so would prove nothing); until then its events are ignored.
   */
  get extended(): boolean {
    return this.#extended;
  }

  /** A room answer of ours came from rtc-elements-server (see `extended`). */
  markExtended(): void {
    this.#extended = true;
  }

  /** Connects (again, after a drop on purpose) and resolves once connected. */
  connect(): Promise<void> {
    const { socket } = this;
    // The handshake carries what the query says now (our extra may have changed since the last connect).
    this.socket.io.opts.query = this.#options.query();
    this.#extended = false;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        socket.off('connect', onConnect);
        socket.off('connect_error', onError);
      };
      const onConnect = () => {
        cleanup();
        resolve();
      };
      const onError = (error: Error) => {
        cleanup();
        reject(
          new RtcError(
            'connection-failed',
            `cannot reach the signaling server at ${this.#options.url}: ${error.message}`,
            { socketURL: this.#options.url },
          ),
        );
      };
      socket.on('connect', onConnect);
      socket.on('connect_error', onError);
      socket.connect();
    });
  }

  /** Drops the connection on purpose (to connect again later); pending requests fail. */
  drop(): void {
    this.socket.disconnect();
  }

  /** A request the server acknowledges: rejects with `timeout`, or `connection-failed` when the socket drops. */
  request(event: string, ...args: unknown[]): Promise<ServerAnswer> {
    if (!this.connected) {
      return Promise.reject(new RtcError('connection-failed', 'not connected to the signaling server'));
    }
    if (this.#refusal) return Promise.reject(this.#refusal);
    const timeout = this.#options.requestTimeout;
    return new Promise((resolve, reject) => {
      this.#inflight.add(reject);
      this.socket.timeout(timeout).emit(event, ...args, (error: Error | null, ...values: unknown[]) => {
        if (!this.#inflight.delete(reject)) return;
        if (error) {
          reject(
            new RtcError('timeout', `the signaling server did not answer "${event}" within ${timeout} ms`, { event }),
          );
        } else resolve({ values, order: this.#arrivals });
      });
    });
  }

  /** Sends through the server's relay, only while connected (socket.io would replay it stale after a reconnect). */
  relay(envelope: object): boolean {
    return this.emit(this.#options.messageEvent, envelope);
  }

  /** Emits an event without an answer, only while connected; returns whether it went out. */
  emit(event: string, payload: unknown): boolean {
    if (!this.connected) return false;
    this.socket.emit(event, payload);
    return true;
  }

  /**
   * Stops listening at once, then closes. The stock server ignores events that
   * arrive in the same read as a disconnect, so after goodbyes the close waits
   * for a cheap request's answer, which the server sends only after handling
   * what came before it.
   */
  async close(afterGoodbye: boolean, reason: RtcError): Promise<void> {
    if (this.#closed) return;
    const mayConfirm = afterGoodbye && this.socket.connected;
    this.#closed = true;
    this.socket.removeAllListeners();
    this.#rejectInflight(reason);
    if (mayConfirm) {
      await new Promise<void>((resolve) =>
        this.socket
          .timeout(GOODBYE_TIMEOUT_MS)
          .emit(ClientEvent.getRemoteUserExtraData, this.#options.userid, () => resolve()),
      );
    }
    this.socket.disconnect();
  }

  #listen(listener: SignalingListener): void {
    const on = <A extends unknown[]>(event: string, handler: (...args: A) => void) => {
      this.socket.on(event, (...args: A) => {
        if (this.#closed) return;
        this.#arrivals++;
        try {
          handler(...args);
        } catch (error) {
          listener.failed(new RtcError('internal', `handling "${event}" failed: ${String(error)}`, { error }));
        }
      });
    };
    on('disconnect', (reason: string) => {
      this.#refusal = undefined;
      this.#rejectInflight(new RtcError('connection-failed', `the signaling connection dropped (${reason})`));
      listener.disconnected(reason);
    });
    on(ServerEvent.extraDataUpdated, (userid: unknown, extra: unknown) => listener.extraDataUpdated(userid, extra));
    on(this.#options.messageEvent, (envelope: unknown) => listener.message(envelope));
    on(ServerEvent.userDisconnected, (userid: unknown) => listener.userDisconnected(userid));
    on(ServerEvent.setIsInitiatorTrue, (roomid: unknown) => listener.setIsInitiatorTrue(roomid));
    // Events only rtc-elements-server sends (stock's server never closes a room for everyone): from any other
    // server they are another socket's broadcast.
    const onExtended = <A extends unknown[]>(event: string, handler: (...args: A) => void) =>
      on(event, (...args: A) => {
        if (this.#extended) handler(...args);
      });
    onExtended(ServerEvent.closedEntireSession, (roomid: unknown, extra: unknown) =>
      listener.roomClosed(roomid, extra),
    );
    onExtended(ExtensionEvent.extras, (batch: unknown) => {
      for (const [userid, extra] of parseExtraBatch(batch)) listener.extraDataUpdated(userid, extra);
    });
    onExtended(ExtensionEvent.refused, (refusal: unknown) => {
      const parsed = parseRefusal(refusal);
      if (parsed) listener.refused(parsed);
    });
    on(ServerEvent.useridAlreadyTaken, (taken: unknown, suggested: unknown) =>
      listener.useridTaken(
        new RtcError(
          'userid-already-taken',
          `the userid "${String(taken)}" is already in use on the signaling server`,
          {
            userid: taken,
            suggestedUserid: suggested,
          },
        ),
      ),
    );
  }

  /** The server refused our userid on this socket: what waits on it fails, and so does every later request. */
  refuse(error: RtcError): void {
    this.#refusal = error;
    this.#rejectInflight(error);
  }

  #rejectInflight(error: RtcError): void {
    const inflight = [...this.#inflight];
    this.#inflight.clear();
    for (const reject of inflight) reject(error);
  }
}
