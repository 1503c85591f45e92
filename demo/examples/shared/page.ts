/**
 * What the framework examples share, so that each shows only its framework's syntax: the settings from the
 * page's query (`?socket=…&room=…&room2=…&userid=…`), the extras its buttons set, and the event log's entries.
 */
import type { RtcRoomEvents, RtcRoomProperties } from 'rtc-elements/types';

/** What `<rtc-room>`'s `extra` property accepts: an object, or a JSON object as text. */
export type RoomExtra = NonNullable<RtcRoomProperties['extra']>;

const query = new URLSearchParams(location.search);

export const settings = {
  socketUrl: query.get('socket') ?? 'http://127.0.0.1:9001/',
  rooms: [query.get('room') ?? 'frameworks-a', query.get('room2') ?? 'frameworks-b'] as const,
  userid: query.get('userid') ?? undefined,
};

/** Both forms `extra` accepts: the same extra as an object or as JSON text. */
export const extras: Record<string, RoomExtra> = {
  'ada-object': { fullName: 'Ada' },
  'grace-object': { fullName: 'Grace' },
  'ada-json': '{"fullName":"Ada"}',
  'grace-json': '{"fullName":"Grace"}',
};

/**
 * What a caller without types could pass. The typings refuse these (see test/types/), so the examples cast;
 * the room answers them with `rtc-error` and keeps the extra in force.
 */
export const badExtras = {
  number: 42 as unknown as RoomExtra,
  'not-json': 'not json',
};

/** One line of an example's event log, rendered as `<li data-type data-userid data-code>text</li>`. */
export interface LogEntry {
  type: string;
  text: string;
  userid?: string;
  code?: string;
}

/** The log line for each event the examples handle (the tests read them); only the handlers' syntax is each framework's. */
export const logEntry = {
  joined: (event: RtcRoomEvents['rtc-participant-joined']): LogEntry => ({
    type: event.type,
    userid: event.detail.userid,
    text: `${event.detail.userid} joined`,
  }),
  extraUpdated: ({ type, detail }: RtcRoomEvents['rtc-extra-updated']): LogEntry => ({
    type,
    userid: detail.userid,
    text: `${detail.userid} ${detail.isLocal ? '(you)' : ''} changed ${detail.changed.join(', ')}: ${JSON.stringify(detail.extra)}`,
  }),
  error: (event: RtcRoomEvents['rtc-error']): LogEntry => ({
    type: event.type,
    code: event.detail.code,
    text: `${event.detail.code}: ${event.detail.message}`,
  }),
};
