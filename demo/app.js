// The few lines of JavaScript the main demo needs beyond markup: a room id from the URL, a name, and a chat.
const room = document.querySelector('#room');
const roomId = new URLSearchParams(location.search).get('room') ?? 'demo';
document.querySelector('#room-name').textContent = roomId;
room.setAttribute(
  'extra',
  JSON.stringify({ fullName: `Guest ${Math.floor(Math.random() * 900 + 100)}`, status: 'available' }),
);
room.setAttribute('room-id', roomId);
room.addEventListener(
  'rtc-room-status-changed',
  (event) => (document.querySelector('#status').textContent = event.detail.status),
);

const messages = document.querySelector('#messages');
function show(name, text) {
  const item = document.createElement('li');
  const who = document.createElement('strong');
  who.textContent = `${name}: `;
  item.append(who, String(text));
  messages.append(item);
}
room.addEventListener('rtc-message', (event) =>
  show(event.detail.extra.fullName ?? event.detail.userid, event.detail.data),
);
document.querySelector('#chat').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = event.target.elements.message;
  room.send(input.value);
  show(`${room.extra.fullName ?? 'You'} (you)`, input.value);
  input.value = '';
});
