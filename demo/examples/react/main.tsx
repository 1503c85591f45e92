/**
 * React 19 with the elements as plain JSX: properties (`extra`, `roomId`), attributes (`socket-url`) and `onrtc-*`
 * event props, all typed by `rtc-elements/types/react`. React 19 sets a property when the element has one, so the
 * tags must be defined before the first render: `import 'rtc-elements/define'` comes first.
 */
import 'rtc-elements/define';
import type {} from 'rtc-elements/types/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { logEntry, settings } from '../shared/page.js';
import { Controls, EventLog, useExampleState } from '../shared/react-parts.js';

function App() {
  const { roomId, setRoomId, extra, setExtra, mounted, setMounted, log, add } = useExampleState();

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
          onrtc-participant-joined={(event) => add(logEntry.joined(event))}
          onrtc-extra-updated={(event) => add(logEntry.extraUpdated(event))}
          onrtc-error={(event) => add(logEntry.error(event))}
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
