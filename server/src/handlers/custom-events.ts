/**
 * Custom events (`socketCustomEvent`, `set-custom-socket-event-listener`): a
 * message on one reaches every other socket that declared the same name, in
 * any room or none (upstream's admin/guest demo pairs a guest outside any
 * room with an admin in one), once. Stock broadcast them to every socket on
 * the server, twice when a name was declared both ways, and let a socket
 * declare the signaling event itself.
 */
import { ClientEvent, DEFAULT_SOCKET_MESSAGE_EVENT } from '../../../src/protocol/constants.js';
import { eventNameProblem } from '../clients/handshake.js';
import { readCustomMessage } from '../clients/payloads.js';
import { customChannel } from '../rooms/channels.js';
import type { ServerContext } from '../server-context.js';
import type { Caller } from './caller.js';

export class CustomEvents {
  readonly #names = new Set<string>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly caller: Caller,
  ) {}

  /** Starts listening on a name for this socket; refused for protocol names and past the per-socket limit. */
  declare(name: unknown): void {
    const { caller } = this;
    if (typeof name === 'string' && this.#names.has(name)) return;
    const problem =
      eventNameProblem(name) ??
      (name === caller.profile.msgEvent || name === DEFAULT_SOCKET_MESSAGE_EVENT
        ? `"${String(name)}" is a relay event`
        : undefined);
    if (problem)
      return caller.refuse(
        ClientEvent.setCustomSocketEventListener,
        'reserved-event-name',
        `a custom event ${problem}`,
      );
    if (this.#names.size >= this.ctx.settings.limits.maxCustomEventsPerSocket) {
      return caller.refuse(
        ClientEvent.setCustomSocketEventListener,
        'limit-reached',
        `a socket may listen on ${this.ctx.settings.limits.maxCustomEventsPerSocket} custom events`,
      );
    }
    const declared = name as string;
    this.#names.add(declared);
    void caller.socket.join(customChannel(declared));
  }

  /** Whether this socket declared the name. */
  has(name: string): boolean {
    return this.#names.has(name);
  }

  /** A message on a declared name, to every other socket that declared it. */
  broadcast(name: string, value: unknown): void {
    const message = readCustomMessage(value, this.ctx.settings.limits);
    if (!message.ok) return this.caller.refuse('custom', message.reason, message.message);
    const channel = customChannel(name);
    this.caller.socket.to(channel).emit(name, message.value);
    const { metrics, io } = this.ctx;
    metrics.messages.inc({ kind: 'custom' });
    metrics.deliveries.inc({ kind: 'custom' }, Math.max(0, (io.sockets.adapter.rooms.get(channel)?.size ?? 1) - 1));
  }
}
