/**
 * One connected socket: its rates checked before any handler runs, its
 * events handed to the handlers with their acknowledgements, refusals told
 * back to it, and its departure announced when it goes.
 */
import type { Socket } from 'socket.io';
import { ExtensionEvent, type Refusal, type RefusalReason } from '../../../src/protocol/server-extensions.js';
import { ackOf } from '../handlers/caller.js';
import { CustomEvents } from '../handlers/custom-events.js';
import type { Handlers, RequestHandler, RequestingSession } from '../handlers/requests.js';
import type { User } from '../rooms/room-directory.js';
import type { ServerContext } from '../server-context.js';
import type { ClientProfile } from './handshake.js';
import { SocketLimits } from './socket-limits.js';

/** A refusal of the same kind is told to the socket at most this often (a flood gets no flood of answers). */
const NOTICE_INTERVAL_MS = 1000;
/** A flooder's connection, read no more once it is disconnected, is cut this long after. */
const FLOODER_LINGER_MS = 2000;

/** What ws's WebSocket (engine.io's websocket transport's `socket`) offers to stop reading and to cut. */
interface PausableWebSocket {
  pause(): void;
  terminate(): void;
}

export class ClientSession implements RequestingSession {
  readonly limits: SocketLimits;
  readonly customEvents: CustomEvents;
  /** When each kind of refusal was last told (made with the first refusal: most sockets never get one). */
  #noticeAt: Map<string, number> | undefined;

  constructor(
    readonly socket: Socket,
    readonly profile: ClientProfile,
    private readonly current: User,
    private readonly ctx: ServerContext,
    private readonly handlers: Handlers,
    private readonly requests: ReadonlyMap<string, RequestHandler>,
  ) {
    this.limits = new SocketLimits(ctx.settings.limits);
    this.customEvents = new CustomEvents(ctx, this);
  }

  user(): User {
    return this.current;
  }

  /**
   * Listens: one listener for every event (a closure per handler per socket
   * was a kilobyte of each idle connection), the rate checked before anything
   * is handled.
   */
  start(): void {
    const { socket, profile } = this;
    socket.conn.on('packet', (packet: { type: string; data?: unknown }) => {
      if (packet.type === 'message') this.limits.received(byteLength(packet.data));
    });
    socket.onAny((event: string, ...args: unknown[]) => this.#handle(event, args));
    if (profile.customEvent) this.customEvents.declare(profile.customEvent);
    socket.on('disconnect', () => this.#gone());
  }

  #handle(event: string, args: unknown[]): void {
    if (!this.limits.admitEvent()) {
      if (this.limits.flooding) return this.#disconnectFlooder();
      return this.refuse('any', 'rate-limited', 'over the rate limit: dropped');
    }
    // socket.io passes the acknowledgement last, after however many arguments the client sent: a request that leaves
    // its argument out (`emit('get-public-rooms', ack)`) still gets its answer, and no handler takes the ack for data.
    const ack = ackOf(args);
    const values = typeof args.at(-1) === 'function' ? args.slice(0, -1) : args;
    try {
      const request = this.requests.get(event);
      if (request) request(this, values, ack);
      else if (event === this.profile.msgEvent) this.handlers.relay.relay(this, values[0], ack);
      else if (this.customEvents.has(event)) this.customEvents.broadcast(event, values[0]);
    } catch (error) {
      // A bug of ours: logged with what caused it, and the socket stays (stock's process died on garbage).
      this.ctx.log.error({ err: error, event, userid: this.current.userid }, 'handler failed');
    }
  }

  refuse(event: string, reason: RefusalReason, message: string): void {
    this.ctx.metrics.refused(event, reason);
    const key = `${event}\u0000${reason}`;
    const now = performance.now();
    this.#noticeAt ??= new Map();
    if (now - (this.#noticeAt.get(key) ?? -Infinity) < NOTICE_INTERVAL_MS) return;
    this.#noticeAt.set(key, now);
    this.ctx.log.debug({ userid: this.current.userid, event, reason }, message);
    const refusal: Refusal = { event, reason, message };
    this.socket.emit(ExtensionEvent.refused, refusal);
  }

  #disconnectFlooder(): void {
    if (this.socket.disconnected) return;
    this.ctx.metrics.disconnectedForFlood.inc();
    this.ctx.log.warn({ userid: this.current.userid }, 'disconnected a socket that stayed over its rate limits');
    const refusal: Refusal = {
      event: 'any',
      reason: 'rate-limited',
      message: 'disconnected: over the rate limits for too long',
    };
    this.socket.emit(ExtensionEvent.refused, refusal);
    // The websocket under engine.io (none under long-polling): its close handshake would go on reading, and decoding,
    // every frame the flooder queued before its close frame (after a 200 000-relay flood: all of them, seconds of
    // CPU). It is read no more, and cut once what we wrote has had time to go out.
    const websocket = (this.socket.conn as unknown as { transport: { socket?: PausableWebSocket } }).transport.socket;
    this.socket.disconnect(true);
    if (typeof websocket?.pause !== 'function' || typeof websocket.terminate !== 'function') return;
    websocket.pause();
    setTimeout(() => websocket.terminate(), FLOODER_LINGER_MS).unref();
  }

  #gone(): void {
    const { directory, metrics } = this.ctx;
    const departure = directory.release(this.current.userid);
    if (departure) this.handlers.membership.departed(departure);
    else this.handlers.membership.disconnected(this.current.userid);
    metrics.connections.dec({ kind: this.profile.kit ? 'kit' : 'stock' });
  }
}

/** Bytes of a frame as received (text frames by their UTF-8 length). */
function byteLength(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}
