/**
 * Typing: 60 keystrokes a second for 5 s into <rtc-extra-editor>; messages
 * sent per second (counted at the server's fan-out by a bare observer in the
 * room) and the delay until a peer sees the final value. Beside it, stock
 * wired the usual way: updateExtraData() on every input event.
 */
/* global RTCMultiConnection -- page globals of the code these files run in the browser */
import { io } from 'socket.io-client';
import { openPage, sleep, stockScripts } from '../support/browser.mjs';

const KEYS_PER_SECOND = 60;
const SECONDS = 5;

async function observer(url, room) {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    query: { userid: `observer-${room}`, msgEvent: 'RTCMultiConnection-Message', extra: '{}' },
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  await new Promise((resolve) =>
    socket.emit('join-room', { sessionid: room, session: { data: true }, extra: {}, password: '' }, resolve),
  );
  const counts = new Map();
  socket.on('extra-data-updated', (userid) => counts.set(userid, (counts.get(userid) ?? 0) + 1));
  return { counts, close: () => socket.disconnect() };
}

async function type(page, text) {
  const interval = 1000 / KEYS_PER_SECOND;
  const start = performance.now();
  for (let index = 0; index < text.length; index++) {
    await page.keyboard.type(text[index]);
    const next = start + (index + 1) * interval;
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
  }
  return performance.now() - start;
}

export async function measureTyping(browser, fileServer, signaling) {
  const text = 'abcdefghij'.repeat((KEYS_PER_SECOND * SECONDS) / 10);
  const results = {};
  for (const name of ['ours', 'stock']) {
    const room = `typing-${name}-${Date.now()}`;
    const scripts =
      name === 'ours'
        ? [{ url: `${fileServer.url}dist/rtc-elements.js`, type: 'module' }]
        : stockScripts(signaling.url, fileServer.url);
    const [typist, peer] = [await openPage(browser, fileServer, scripts), await openPage(browser, fileServer, scripts)];
    const setup = async (kind, role, roomId, url) => {
      const now = () => performance.timeOrigin + performance.now();
      const userid = `${role}-${roomId}`;
      if (kind === 'ours') {
        await customElements.whenDefined('rtc-room');
        document.body.innerHTML = `<rtc-room socket-url="${url}" userid="${userid}" extra='{"fullName":""}' room-id="${roomId}">${role === 'typist' ? '<rtc-extra-editor fields="fullName"></rtc-extra-editor>' : ''}</rtc-room>`;
        const element = document.querySelector('rtc-room');
        await new Promise((resolve) =>
          element.addEventListener(
            'rtc-room-status-changed',
            (event) => event.detail.status === 'joined' && resolve(),
            {
              once: false,
            },
          ),
        );
        element.addEventListener('rtc-extra-updated', (event) => {
          if (!event.detail.isLocal) window.__lastSeen = { value: event.detail.extra.fullName, at: now() };
        });
        if (role === 'typist') document.querySelector('rtc-extra-editor').shadowRoot.querySelector('input').focus();
      } else {
        const connection = new RTCMultiConnection();
        // (Stock's onExtraDataUpdated needs a peer: the two open a data channel first.)
        Object.assign(connection, {
          enableLogs: false,
          socketURL: url,
          userid,
          session: { data: true },
          iceServers: [],
          extra: { fullName: '' },
        });
        connection.onExtraDataUpdated = (event) =>
          (window.__lastSeen = { value: event.extra && event.extra.fullName, at: now() });
        await new Promise((resolve) =>
          role === 'typist' ? connection.open(roomId, resolve) : connection.join(roomId, resolve),
        );
        if (role === 'typist') {
          const input = document.createElement('input');
          document.body.append(input);
          // Stock has no editor: the usual wiring sends on every input event.
          input.addEventListener('input', () => {
            connection.extra.fullName = input.value;
            connection.updateExtraData();
          });
          input.focus();
        }
        window.__opened = new Promise((resolve) => (connection.onopen = resolve));
      }
      return true;
    };
    await typist.evaluate(setup, name, 'typist', room, signaling.url);
    await peer.evaluate(setup, name, 'peer', room, signaling.url);
    if (name === 'stock') await Promise.all([typist.evaluate('window.__opened'), peer.evaluate('window.__opened')]);
    const watcher = await observer(signaling.url, room);
    await sleep(300);
    watcher.counts.clear();
    await typist.bringToFront();
    const typedMs = await type(typist, text);
    const lastKeyAt = await typist.evaluate('performance.timeOrigin + performance.now()');
    let seen;
    for (const deadline = Date.now() + 10000; Date.now() < deadline; await sleep(5)) {
      seen = await peer.evaluate('window.__lastSeen');
      if (seen && seen.value === text) break;
    }
    const sent = watcher.counts.get(`typist-${room}`) ?? 0;
    results[name] = {
      keystrokes: text.length,
      typedMs,
      messagesPerSecond: sent / (typedMs / 1000),
      messages: sent,
      finalValueArrived: seen?.value === text,
      finalDelayMs: seen?.value === text ? Math.max(0, seen.at - lastKeyAt) : NaN,
    };
    watcher.close();
    await Promise.all([typist.close(), peer.close()]);
  }
  return results;
}
