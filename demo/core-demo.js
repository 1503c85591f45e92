// The connection core driving a hand-written view: socket events → roster → DOM.
// Everything from extra is rendered with textContent: extra is untrusted.
import { RTCMultiConnection } from '/dist/bundle/rtc-core.js';

const { socketURL } = await (await fetch('/config.json')).json();
const params = new URLSearchParams(location.search);
const room = params.get('room') ?? 'demo';
document.querySelector('#room').textContent = room;

const connection = new RTCMultiConnection(undefined, {
  socketURL,
  session: { data: true },
  extra: { fullName: `Guest ${Math.floor(Math.random() * 900 + 100)}`, status: 'available' },
});

const form = document.querySelector('#me');
form.elements.fullName.value = connection.extra.fullName;
form.addEventListener('input', () => {
  connection
    .updateExtraData({ fullName: form.elements.fullName.value, status: form.elements.status.value })
    .catch(() => {});
});

function render() {
  const list = document.querySelector('#participants');
  list.replaceChildren(
    ...connection.participants.map((participant) => {
      const item = document.createElement('li');
      item.dataset.status = participant.status;
      const name = String(participant.extra.fullName ?? participant.userid);
      const avatar = Object.assign(document.createElement('span'), {
        className: 'avatar',
        textContent: name.slice(0, 1).toUpperCase(),
      });
      avatar.setAttribute('aria-hidden', 'true');
      const label = Object.assign(document.createElement('span'), {
        className: 'name',
        textContent: participant.isLocal ? `${name} (you)` : name,
      });
      const meta = Object.assign(document.createElement('span'), {
        className: 'meta',
        textContent: `${participant.status} · ${String(participant.extra.status ?? '')} · ${participant.userid}`,
      });
      item.append(avatar, label, meta);
      return item;
    }),
  );
  document.querySelector('#count').textContent = `(${connection.participants.length})`;
}

function log(text) {
  const entry = document.createElement('li');
  entry.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  document.querySelector('#log').prepend(entry);
}

const nameOf = (event) => String(event.extra?.fullName ?? event.userid);
connection.addEventListener('participant-joined', (event) => (render(), log(`${nameOf(event)} joined`)));
connection.addEventListener('participant-left', (event) => (render(), log(`${nameOf(event)} left`)));
connection.addEventListener(
  'participant-status-changed',
  (event) => (render(), log(`${event.userid} is ${event.status}`)),
);
connection.addEventListener(
  'extra-updated',
  (event) => (render(), event.isLocal || log(`${nameOf(event)} changed ${event.changed.join(', ')}`)),
);
connection.addEventListener(
  'connection-state-changed',
  (event) => (document.querySelector('#state').textContent = event.state),
);
connection.addEventListener('error', (event) => log(`error (${event.code}): ${event.message}`));

await connection.openOrJoin(room);
