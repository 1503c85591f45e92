/**
 * Every setting of the server, its default and why. The command line and the
 * environment (cli.ts) and `createSignalingServer(options)` all end here.
 */

export interface Limits {
  /** Sockets at once; past it new handshakes are refused. */
  maxConnections: number;
  /** Rooms at once; past it `open-room` is refused. */
  maxRooms: number;
  /** Members per room, whatever a handshake's `maxParticipantsAllowed` asks for (stock's default is 1000). */
  maxParticipantsPerRoom: number;
  /** A relayed message (SDP, ICE, chat fallbacks), approximate serialised size. */
  maxMessageSize: number;
  /** A participant's extra, approximate serialised size. */
  maxExtraSize: number;
  /** Nesting depth of any payload. */
  maxDepth: number;
  /** Sustained events per second per socket; a burst of `burstMessages` is let through at once. */
  messagesPerSecond: number;
  burstMessages: number;
  /** Sustained bytes per second per socket (engine.io frames as received), and the burst allowed. */
  bytesPerSecond: number;
  burstBytes: number;
  /** A socket that has had this many events dropped for its rate within 10 s is disconnected. */
  floodDisconnectAfter: number;
  /** Join requests a socket may fan out to its room per 10 s (each reaches every member). */
  joinRequestsPer10s: number;
  /** Password guesses (`join-room` with a wrong one, `is-valid-password`) per socket per minute. */
  passwordAttemptsPerMinute: number;
  /** Custom event names one socket may listen on. */
  maxCustomEventsPerSocket: number;
}

export interface ServerSettings {
  host: string;
  port: number;
  /**
   * Origins whose pages may connect, or `'*'`; empty: any origin over
   * websocket and same-origin long-polling only, as stock (which sends no
   * CORS headers). When set, websocket handshakes from other origins are refused too.
   */
  corsOrigins: string[] | '*';
  logLevel: string;
  /** socket.io's heartbeat: an unreachable client is dropped after at most the sum of both. */
  pingInterval: number;
  pingTimeout: number;
  /** On SIGTERM / `close()`: how long clients get to go before they are cut off. */
  shutdownTimeout: number;
  /** A room with at least this many kit members gets their extra updates batched… */
  extraBatchMinMembers: number;
  /** …over a tick of this many milliseconds (the last update of each member in the tick goes out). */
  extraBatchInterval: number;
  limits: Limits;
}

export const DEFAULT_LIMITS: Limits = {
  maxConnections: 20000,
  maxRooms: 10000,
  maxParticipantsPerRoom: 5000,
  // An SDP offer with trickled candidates inlined is a few KB; 64 KB leaves room for odd codecs lists.
  maxMessageSize: 65536,
  // The kit caps its own extra at 4 KB; stock apps put photos as data URLs in theirs.
  maxExtraSize: 65536,
  maxDepth: 32,
  // Joining a mesh of stock peers sends an answer and a dozen ICE candidates per peer within a second or two.
  messagesPerSecond: 200,
  burstMessages: 1000,
  bytesPerSecond: 1_000_000,
  burstBytes: 4_000_000,
  floodDisconnectAfter: 2000,
  joinRequestsPer10s: 20,
  passwordAttemptsPerMinute: 10,
  maxCustomEventsPerSocket: 8,
};

export const DEFAULT_SETTINGS: ServerSettings = {
  host: '127.0.0.1',
  port: 9001,
  corsOrigins: [],
  logLevel: 'info',
  pingInterval: 25000,
  pingTimeout: 20000,
  shutdownTimeout: 10000,
  extraBatchMinMembers: 50,
  extraBatchInterval: 50,
  limits: DEFAULT_LIMITS,
};

export type ServerOptions = Partial<Omit<ServerSettings, 'limits'>> & { limits?: Partial<Limits> };

export function resolveSettings(options: ServerOptions = {}): ServerSettings {
  const settings: ServerSettings = {
    ...DEFAULT_SETTINGS,
    ...definedOnly(options),
    limits: { ...DEFAULT_LIMITS, ...definedOnly(options.limits ?? {}) },
  };
  for (const [name, value] of Object.entries(settings.limits)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`limit ${name} must be a number ≥ 0, got ${value}`);
  }
  if (!Number.isInteger(settings.port) || settings.port < 0 || settings.port > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${settings.port}`);
  }
  return settings;
}

function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
