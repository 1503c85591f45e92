/** What every handler of the server shares: the socket.io server, the room state and how it reports. */
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { Metrics } from './observability/metrics.js';
import type { ExtraFanout } from './rooms/extra-fanout.js';
import type { Links } from './rooms/links.js';
import type { RoomDirectory } from './rooms/room-directory.js';
import type { ServerSettings } from './settings.js';

export interface ServerContext {
  readonly io: Server;
  readonly settings: ServerSettings;
  readonly directory: RoomDirectory;
  readonly links: Links;
  readonly fanout: ExtraFanout;
  readonly metrics: Metrics;
  readonly log: Logger;
}
