/**
 * The same app with the React components of `rtc-elements/react` (@lit/react wrappers, for React 18 as well as 19;
 * the tests bundle it against each): camelCase properties and `onRtc…` event props, typed by the module itself.
 * Importing it defines the tags. The heading shows which React runs it.
 */
import { RtcExtraEditor, RtcMedia, RtcParticipantList, RtcRoom } from 'rtc-elements/react';
import { StrictMode, useState, version } from 'react';
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
      <h1>
        React <span id="react-version">{version}</span> with the components of rtc-elements/react
      </h1>
      <Controls
        roomId={roomId}
        onMove={() => setRoomId(settings.rooms[1])}
        onUnmount={() => setMounted(false)}
        onExtra={setExtra}
      />
      {mounted && (
        <RtcRoom
          roomId={roomId}
          socketUrl={settings.socketUrl}
          userid={settings.userid}
          extra={extra}
          onRtcParticipantJoined={(event) =>
            add({ type: event.type, userid: event.detail.userid, text: `${event.detail.userid} joined` })
          }
          onRtcExtraUpdated={(event) =>
            add({
              type: event.type,
              userid: event.detail.userid,
              text: `${event.detail.userid} ${event.detail.isLocal ? '(you)' : ''} changed ${event.detail.changed.join(', ')}: ${JSON.stringify(event.detail.extra)}`,
            })
          }
          onRtcError={(event) =>
            add({ type: event.type, code: event.detail.code, text: `${event.detail.code}: ${event.detail.message}` })
          }
        >
          <RtcParticipantList nameField="fullName" />
          <RtcExtraEditor fields="fullName" />
          <RtcMedia hideLocal />
        </RtcRoom>
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
