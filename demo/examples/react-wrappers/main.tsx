/**
 * The same app with the React components of `rtc-elements/react` (@lit/react wrappers, for React 18 as well as 19;
 * the tests bundle it against each): camelCase properties and `onRtc…` event props, typed by the module itself.
 * Importing it defines the tags. The heading shows which React runs it.
 */
import { RtcExtraEditor, RtcMedia, RtcParticipantList, RtcRoom } from 'rtc-elements/react';
import { StrictMode, version } from 'react';
import { createRoot } from 'react-dom/client';
import { logEntry, settings } from '../shared/page.js';
import { Controls, EventLog, useExampleState } from '../shared/react-parts.js';

function App() {
  const { roomId, setRoomId, extra, setExtra, mounted, setMounted, log, add } = useExampleState();

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
          onRtcParticipantJoined={(event) => add(logEntry.joined(event))}
          onRtcExtraUpdated={(event) => add(logEntry.extraUpdated(event))}
          onRtcError={(event) => add(logEntry.error(event))}
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
