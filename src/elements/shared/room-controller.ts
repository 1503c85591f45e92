/**
 * Gives an element its enclosing room's connection and re-renders it when the
 * roster changes: socket events → core roster → this controller → render.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConnectionEventMap, RTCMultiConnection } from '../../core/index.js';
import { connectionContext } from './context.js';

const ROSTER_EVENTS: Array<keyof ConnectionEventMap> = [
  'participant-joined',
  'participant-left',
  'extra-updated',
  'participant-status-changed',
  'peer-state-changed',
  'connection-state-changed',
  'stream',
  'stream-ended',
];

export class RoomController implements ReactiveController {
  connection: RTCMultiConnection | undefined;
  readonly #onEvent = (event: Event) => {
    if (this.onEvent?.(event) !== false) this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** Sees each roster event before the host re-renders (for announcements, say); `false` skips the re-render. */
    private readonly onEvent?: (event: Event) => boolean | void,
    /** Called when the host gets (or loses) a connection. */
    private readonly onAttach?: (connection: RTCMultiConnection | undefined) => void,
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: connectionContext,
      subscribe: true,
      callback: (connection) => this.#attach(connection),
    });
  }

  hostDisconnected(): void {
    this.#attach(undefined);
  }

  #attach(connection: RTCMultiConnection | undefined): void {
    if (connection === this.connection) return;
    for (const type of ROSTER_EVENTS) this.connection?.removeEventListener(type, this.#onEvent);
    this.connection = connection;
    for (const type of ROSTER_EVENTS) connection?.addEventListener(type, this.#onEvent);
    this.onAttach?.(connection);
    this.host.requestUpdate();
  }
}
