/** The parts both React examples share around the room: their state, the buttons the tests press, and the event log. */
import { useState } from 'react';
import { badExtras, extras, settings, type LogEntry, type RoomExtra } from './page.js';

/** The room's id and extra, whether it is mounted, and the event log, with `add` for a log line. */
export function useExampleState() {
  const [roomId, setRoomId] = useState<string>(settings.rooms[0]);
  const [extra, setExtra] = useState<RoomExtra>(extras['ada-object']!);
  const [mounted, setMounted] = useState(true);
  const [log, setLog] = useState<LogEntry[]>([]);
  const add = (entry: LogEntry) => setLog((entries) => [...entries, entry]);
  return { roomId, setRoomId, extra, setExtra, mounted, setMounted, log, add };
}

export function Controls(props: {
  roomId: string;
  onMove: () => void;
  onUnmount: () => void;
  onExtra: (extra: RoomExtra) => void;
}) {
  return (
    <>
      <p>
        Room <output id="room-id">{props.roomId}</output>{' '}
        <button id="move" onClick={props.onMove}>
          Move to {settings.rooms[1]}
        </button>{' '}
        <button id="unmount" onClick={props.onUnmount}>
          Leave (unmount the room)
        </button>
      </p>
      <p>
        {Object.entries({ ...extras, ...badExtras }).map(([name, value]) => (
          <button key={name} data-extra={name} onClick={() => props.onExtra(value)}>
            extra = {JSON.stringify(value)}
          </button>
        ))}
      </p>
    </>
  );
}

export function EventLog(props: { log: LogEntry[] }) {
  return (
    <ol id="events">
      {props.log.map((entry, index) => (
        <li key={index} data-type={entry.type} data-userid={entry.userid} data-code={entry.code}>
          {entry.text}
        </li>
      ))}
    </ol>
  );
}
