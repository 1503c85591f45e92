/**
 * React 19 with the elements as plain JSX: properties (`extra`, `roomId`), attributes (`socket-url`) and `onrtc-*`
 * event props, all typed by `rtc-elements/types/react`. React 19 sets a property when the element has one, so the
 * tags must be defined before the first render: `import 'rtc-elements/define'` comes first.
 */
import 'rtc-elements/define';
import type {} from 'rtc-elements/types/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { extras, settings, type LogEntry, type RoomExtra } from '../shared/page.js';
import { Controls, EventLog } from '../shared/react-parts.js';

function App() {
  const [roomId, setRoomId] = useState<string>(settings.rooms[0]);
  const [extra, setExtra] = useState<RoomExtra>(extras['ada-object']!);
  const [mounted, setMounted] = useState(true);
  const [log, setLog] = useState<LogEntry[]>([]);
  const add = (entry: LogEntry) => setLog((entries) => [...entries, entry]);

  return (
    <main>
      <h1>React 19</h1>
      <Controls
        roomId={roomId}
        onMove={() => setRoomId(settings.rooms[1])}
        onUnmount={() => setMounted(false)}
        onExtra={setExtra}
      />
      {mounted && (
        <rtc-room
          roomId={roomId}
          socket-url={settings.socketUrl}
          userid={settings.userid}
          extra={extra}
          onrtc-participant-joined={(event) =>
            add({ type: event.type, userid: event.detail.userid, text: `${event.detail.userid} joined` })
          }
          onrtc-extra-updated={(event) =>
            add({
              type: event.type,
              userid: event.detail.userid,
              text: `${event.detail.userid} ${event.detail.isLocal ? '(you)' : ''} changed ${event.detail.changed.join(', ')}: ${JSON.stringify(event.detail.extra)}`,
            })
          }
          onrtc-error={(event) =>
            add({ type: event.type, code: event.detail.code, text: `${event.detail.code}: ${event.detail.message}` })
          }
        >
          <rtc-participant-list name-field="fullName"></rtc-participant-list>
          <rtc-extra-editor fields="fullName"></rtc-extra-editor>
          <rtc-media hide-local></rtc-media>
        </rtc-room>
      )}
      <EventLog log={log} />
    </main>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
