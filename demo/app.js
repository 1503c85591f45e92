// The few lines of JavaScript the main demo needs beyond markup: a room id from the URL and a default name (the one
// you type is kept across reloads by the room's `persist`).
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
