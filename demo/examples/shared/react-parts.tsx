/** The parts both React examples share around the room: the buttons the tests press, and the event log. */
import { badExtras, extras, settings, type LogEntry, type RoomExtra } from './page.js';

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
