/**
 * The command line's flags and environment variables, read into server
 * options: flags win over the environment, which wins over the defaults.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_LIMITS, DEFAULT_SETTINGS, type Limits, type ServerOptions } from './settings.js';

/** Flags for limits, their environment variables and the limit each sets. */
const LIMIT_FLAGS: Array<[flag: string, env: string, limit: keyof Limits]> = [
  ['max-connections', 'MAX_CONNECTIONS', 'maxConnections'],
  ['max-rooms', 'MAX_ROOMS', 'maxRooms'],
  ['max-participants', 'MAX_PARTICIPANTS', 'maxParticipantsPerRoom'],
  ['max-message-size', 'MAX_MESSAGE_SIZE', 'maxMessageSize'],
  ['max-extra-size', 'MAX_EXTRA_SIZE', 'maxExtraSize'],
  ['messages-per-second', 'MESSAGES_PER_SECOND', 'messagesPerSecond'],
  ['bytes-per-second', 'BYTES_PER_SECOND', 'bytesPerSecond'],
];

export const HELP = `Usage: rtc-elements-server [options]

A signaling server for RTCMultiConnection rooms: stock 3.7.1 clients and the
rtc-elements kit, on socket.io 4. Rooms live in this process's memory.

Options (environment variable in brackets):
  --host HOST               interface to bind [HOST] (default ${DEFAULT_SETTINGS.host}; loopback only)
  --port PORT               port [PORT] (default ${DEFAULT_SETTINGS.port}; 0 picks a free one)
  --cors-origin ORIGIN      a page origin allowed to connect, repeatable or comma-separated, or * [CORS_ORIGINS]
                            (default: none, as stock: websocket from any origin, polling same-origin only;
                            once set, other origins are refused on both)
  --log-level LEVEL         fatal, error, warn, info, debug, trace or silent [LOG_LEVEL] (default ${DEFAULT_SETTINGS.logLevel})
  --shutdown-timeout MS     how long SIGTERM waits for clients to go [SHUTDOWN_TIMEOUT] (default ${DEFAULT_SETTINGS.shutdownTimeout})
${LIMIT_FLAGS.map(([flag, env, limit]) => `  --${`${flag} N`.padEnd(24)}[${env}] (default ${DEFAULT_LIMITS[limit]})`).join('\n')}
  --help                    this text

GET /healthz answers {"status":"ok"} (503 while closing); GET /metrics is Prometheus text.`;

export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv): ServerOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'cors-origin': { type: 'string', multiple: true },
      'log-level': { type: 'string' },
      'shutdown-timeout': { type: 'string' },
      help: { type: 'boolean' },
      ...Object.fromEntries(LIMIT_FLAGS.map(([flag]) => [flag, { type: 'string' as const }])),
    },
    strict: true,
  });
  if (values.help) return 'help';
  const text = (flag: string, name: string): string | undefined => {
    const value = (values as Record<string, unknown>)[flag];
    return typeof value === 'string' ? value : env[name];
  };
  const origins = values['cors-origin']?.join(',') ?? env['CORS_ORIGINS'];
  const limits: Partial<Limits> = {};
  for (const [flag, name, limit] of LIMIT_FLAGS) limits[limit] = number(text(flag, name), `--${flag}`);
  return {
    host: text('host', 'HOST'),
    port: number(text('port', 'PORT'), '--port'),
    corsOrigins:
      origins === undefined
        ? undefined
        : origins.trim() === '*'
          ? '*'
          : origins
              .split(',')
              .map((origin) => origin.trim())
              .filter(Boolean),
    logLevel: text('log-level', 'LOG_LEVEL'),
    shutdownTimeout: number(text('shutdown-timeout', 'SHUTDOWN_TIMEOUT'), '--shutdown-timeout'),
    limits,
  };
}

function number(value: string | undefined, what: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new RangeError(`${what} must be a number, got "${value}"`);
  return parsed;
}
