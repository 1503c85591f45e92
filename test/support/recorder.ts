import type { ConnectionEventMap, RTCMultiConnection } from '../../src/index.js';

type Recorded = {
  [K in keyof ConnectionEventMap]: { type: K; event: ConnectionEventMap[K] };
}[keyof ConnectionEventMap];

/** Records every typed event a connection dispatches, in order. */
export function recordEvents(connection: RTCMultiConnection): Recorded[] {
  const events: Recorded[] = [];
  const types: Array<keyof ConnectionEventMap> = [
    'extra-updated',
    'participant-joined',
    'participant-left',
    'participant-status-changed',
    'connection-state-changed',
    'error',
  ];
  for (const type of types) connection.addEventListener(type, (event) => events.push({ type, event } as Recorded));
  return events;
}

export function ofType<K extends keyof ConnectionEventMap>(events: Recorded[], type: K): Array<ConnectionEventMap[K]> {
  return events.filter((entry) => entry.type === type).map((entry) => entry.event as ConnectionEventMap[K]);
}

/** Userid → extra, as the connection's roster holds it. */
export function rosterOf(connection: RTCMultiConnection): Record<string, unknown> {
  return Object.fromEntries(connection.participants.map((participant) => [participant.userid, participant.extra]));
}
