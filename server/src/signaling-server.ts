/**
 * `createSignalingServer(options)`: socket.io on an HTTP server (its own, or
 * one the caller has), the stock protocol's handlers on every socket, and
 * `/healthz` and `/metrics` beside them.
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import { ServerEvent } from '../../src/protocol/constants.js';
import { ClientSession } from './clients/client-session.js';
import { readHandshake, type ClientProfile } from './clients/handshake.js';
import { Relay } from './handlers/relay.js';
import { requestHandlers, type Handlers } from './handlers/requests.js';
import { RoomRequests } from './handlers/room-requests.js';
import { UserRequests } from './handlers/user-requests.js';
import { Metrics } from './observability/metrics.js';
import { ExtraFanout } from './rooms/extra-fanout.js';
import { Links } from './rooms/links.js';
import { Membership } from './rooms/membership.js';
import { RoomDirectory } from './rooms/room-directory.js';
import type { ServerContext } from './server-context.js';
import { resolveSettings, type ServerOptions, type ServerSettings } from './settings.js';
import { SERVER_NAME, SERVER_VERSION } from './version.js';

export interface SignalingServerOptions extends ServerOptions {
  /** Attach to this HTTP server instead of creating one (`listen()` then listens on it unless it already does). */
  httpServer?: HttpServer;
  /** A pino logger to log with; by default one at `logLevel` on stdout. */
  logger?: Logger;
}

export interface SignalingServer {
  readonly settings: ServerSettings;
  readonly io: Server;
  readonly httpServer: HttpServer;
  readonly metrics: Metrics;
  /**
   * Answers `/healthz` and `/metrics` and returns true, or returns false for
   * any other request: for an HTTP server of your own (our own answers them itself).
   */
  routes(request: IncomingMessage, response: ServerResponse): boolean;
  /** `http://HOST:PORT/` once listening. */
  readonly url: string;
  /** Listens on `settings.host`/`settings.port` (port 0: any free port). */
  listen(): Promise<string>;
  /**
   * Stops accepting, tells connected clients to go (their transports close,
   * so stock and kit clients reconnect, to another process behind a load
   * balancer), and resolves once all are gone or `shutdownTimeout` passed.
   */
  close(): Promise<void>;
}

/** What the handshake check leaves on a socket for its connection handler. */
interface ProfileData {
  profile: ClientProfile;
}

/** A stock admin page's socket gets stock's answer for a server without admin. */
const ADMIN_REFUSAL = { error: 'Please pass "adminUserName" and "adminPassword" via socket.io parameters.' };
/**
 * A socket refused its userid gets no handlers (as stock), and is closed after this long: time for its client to
 * read why (stock's and ours close it themselves at once).
 */
const REFUSED_SOCKET_LINGER_MS = 1000;

export function createSignalingServer(options: SignalingServerOptions = {}): SignalingServer {
  const settings = resolveSettings(options);
  const log = options.logger ?? pino({ level: settings.logLevel, base: { name: SERVER_NAME } });
  const ownHttp = !options.httpServer;
  // Our own server answers /healthz and /metrics (routes), and 404 for the rest; socket.io takes /socket.io/ first.
  const httpServer =
    options.httpServer ??
    createServer((request, response) => {
      if (routes(request, response)) return;
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    });
  const cors = settings.corsOrigins;
  const io = new Server(httpServer, {
    pingInterval: settings.pingInterval,
    pingTimeout: settings.pingTimeout,
    // Stock's default; a frame over it closes the connection before any handler sees it.
    maxHttpBufferSize: 1_000_000,
    serveClient: true,
    cors: cors === '*' || cors.length > 0 ? { origin: cors === '*' ? true : cors } : undefined,
    allowRequest: (request, callback) => callback(null, originAllowed(request, cors)),
  });
  const directory = new RoomDirectory(settings.limits.maxRooms);
  const metrics = new Metrics({ rooms: () => directory.roomCount, participants: () => directory.participantCount });
  const links = new Links();
  const fanout = new ExtraFanout(io, settings, metrics);
  const ctx: ServerContext = { io, settings, directory, links, fanout, metrics, log };
  const membership = new Membership(ctx);
  const handlers: Handlers = {
    rooms: new RoomRequests(ctx, membership),
    relay: new Relay(ctx),
    users: new UserRequests(ctx),
    membership,
  };
  const requests = requestHandlers(handlers);
  let closing = false;

  /** `/healthz` and `/metrics`; true when the request was one of them. */
  const routes = (request: IncomingMessage, response: ServerResponse): boolean => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname === '/healthz') {
      const health = {
        status: closing ? 'closing' : 'ok',
        version: SERVER_VERSION,
        connections: directory.userCount,
        rooms: directory.roomCount,
      };
      response.writeHead(closing ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(health));
      return true;
    }
    if (pathname === '/metrics') {
      void metrics.registry.metrics().then((text) => {
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        response.end(text);
      });
      return true;
    }
    return false;
  };

  io.use((socket, next) => {
    const refuse = (reason: 'invalid-payload' | 'limit-reached', message: string) => {
      metrics.refused('handshake', reason);
      log.debug({ reason: message }, 'refused a handshake');
      next(new Error(message));
    };
    if (closing) return refuse('limit-reached', 'the server is shutting down');
    // Counted on the transport: sockets refused their userid (and lingering) count too.
    if (io.engine.clientsCount > settings.limits.maxConnections) {
      return refuse('limit-reached', 'the server has as many connections as it takes');
    }
    const reading = readHandshake(socket.handshake.query, socket.handshake.auth, settings.limits);
    if (!reading.ok) return refuse('invalid-payload', reading.reason);
    (socket.data as ProfileData).profile = reading.profile;
    next();
  });

  io.on('connection', (socket: Socket) => {
    const { profile } = socket.data as ProfileData;
    if (profile.admin) {
      socket.emit(ServerEvent.admin, ADMIN_REFUSAL);
      socket.disconnect(true);
      return;
    }
    const user = directory.claim({
      userid: profile.userid,
      socketId: socket.id,
      kit: profile.kit,
      msgEvent: profile.msgEvent,
      closeRoomOnLeave: profile.closeRoomOnLeave,
      extra: profile.extra,
    });
    if (!user) {
      // Stock's answer, with a fresh suggestion; the socket then gets no handlers, as on stock.
      socket.emit(ServerEvent.useridAlreadyTaken, profile.userid, `${profile.userid}-${socket.id.slice(0, 6)}`);
      metrics.refused('handshake', 'userid-taken');
      const linger = setTimeout(() => socket.disconnect(true), REFUSED_SOCKET_LINGER_MS);
      socket.once('disconnect', () => clearTimeout(linger));
      return;
    }
    metrics.connections.inc({ kind: profile.kit ? 'kit' : 'stock' });
    new ClientSession(socket, profile, user, ctx, handlers, requests).start();
  });

  let url = '';
  let closed: Promise<void> | undefined;
  return {
    settings,
    io,
    httpServer,
    metrics,
    routes,
    get url() {
      return url;
    },
    async listen() {
      if (!httpServer.listening) {
        await new Promise<void>((resolve, reject) => {
          httpServer.once('error', reject);
          httpServer.listen(settings.port, settings.host, () => {
            httpServer.off('error', reject);
            resolve();
          });
        });
      }
      const address = httpServer.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      url = `http://${host}:${address.port}/`;
      log.info({ url }, 'listening');
      return url;
    },
    close() {
      closed ??= (async () => {
        closing = true;
        fanout.close();
        // Closing the transport (not a socket.io disconnect) makes clients reconnect, as after any network drop.
        for (const socket of io.sockets.sockets.values()) socket.conn.close();
        await new Promise<void>((resolve) => {
          const deadline = setTimeout(resolve, settings.shutdownTimeout);
          void io.close(() => {
            clearTimeout(deadline);
            resolve();
          });
        });
        if (ownHttp) httpServer.closeAllConnections();
        log.info('closed');
      })();
      return closed;
    },
  };
}

/** With origins set, a request from a page of another origin is refused (polling and websocket alike). */
function originAllowed(request: IncomingMessage, allowed: ServerSettings['corsOrigins']): boolean {
  const origin = request.headers.origin;
  if (allowed === '*' || allowed.length === 0 || origin === undefined) return true;
  return allowed.includes(origin);
}
