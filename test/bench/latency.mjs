/**
 * Extra-update latency, page to page, in one browser on one stock server:
 * ours as users run it (room, list and editor on both pages; the room
 * element's rtc-extra-updated, and the participant row updated), the core
 * alone (the connection's extra-updated), stock 3.7.1 (onExtraDataUpdated),
 * and the floor, a raw socket.io-client emit relayed by the same server. For
 * ours, the receive path: from the socket.io packet to the event.
 */
/* global io, RTCMultiConnection -- page globals of the code these files run in the browser */
import { median, openPage, percentile, sleep, stockScripts } from '../support/browser.mjs';

const NOW = 'performance.timeOrigin + performance.now()';

/** Page code per variant: `setup(role, room, url)` then `send(seq)`; the receiver reports through `__received`. */
const VARIANTS = {
  raw: {
    scripts: (signaling) => [{ url: `${signaling}socket.io/socket.io.js` }],
    setup: async (role, room, url) => {
      const socket = io(url, {
        transports: ['websocket'],
        query: { userid: `${role}-${room}`, msgEvent: 'RTCMultiConnection-Message', extra: '{}' },
      });
      await new Promise((resolve) => socket.once('connect', resolve));
      const request = { sessionid: room, session: { data: true }, extra: {}, password: '' };
      await new Promise((resolve) => socket.emit(role === 'sender' ? 'open-room' : 'join-room', request, resolve));
      const now = () => performance.timeOrigin + performance.now();
      if (role === 'receiver')
        socket.on(
          'extra-data-updated',
          (userid, extra) => userid === `sender-${room}` && window.__received(extra.seq, now()),
        );
      window.benchSend = (seq) => socket.emit('extra-data-updated', { seq });
      return true;
    },
  },
  stock: {
    scripts: stockScripts,
    setup: async (role, room, url) => {
      const connection = new RTCMultiConnection();
      connection.enableLogs = false;
      connection.socketURL = url;
      connection.userid = `${role}-${room}`;
      connection.session = { data: true };
      connection.iceServers = [];
      connection.extra = { seq: 0 };
      const opened = new Promise((resolve) => (connection.onopen = resolve));
      const now = () => performance.timeOrigin + performance.now();
      const seen = new Set();
      connection.onExtraDataUpdated = (event) => {
        const seq = event.extra && event.extra.seq;
        if (role === 'receiver' && typeof seq === 'number' && !seen.has(seq)) {
          seen.add(seq);
          window.__received(seq, now());
        }
      };
      if (role === 'sender') connection.open(room);
      else connection.join(room);
      window.benchOpened = opened;
      window.benchSend = (seq) => {
        connection.extra.seq = seq;
        connection.updateExtraData();
      };
      return true;
    },
  },
  // As users run the kit: room, list and editor on both pages (the room's default, presence-only session), timed
  // to the room element's rtc-extra-updated. The receive path is timed from the socket.io packet (prependAny).
  ours: {
    scripts: (signaling, files) => [{ url: `${files}dist/rtc-elements.js`, type: 'module' }],
    setup: async (role, room, url) => {
      await customElements.whenDefined('rtc-room');
      const element = document.createElement('rtc-room');
      element.setAttribute('socket-url', url);
      element.setAttribute('userid', `${role}-${room}`);
      element.setAttribute('extra', '{"seq":0}');
      element.setAttribute('room-id', room);
      const list = document.createElement('rtc-participant-list');
      const editor = document.createElement('rtc-extra-editor');
      editor.setAttribute('fields', 'seq');
      element.append(list, editor);
      document.body.append(element);
      const now = () => performance.timeOrigin + performance.now();
      window.benchOpened = new Promise((resolve) =>
        element.addEventListener(
          'rtc-participant-joined',
          (event) => !event.detail.participant.isLocal && resolve(true),
        ),
      );
      while (element.status !== 'joined') {
        await new Promise((resolve) => element.addEventListener('rtc-room-status-changed', resolve, { once: true }));
      }
      let atPacket = NaN;
      element.connection.socket.prependAny((event) => {
        if (event === 'extra-data-updated') atPacket = now();
      });
      element.connection.socket.onAnyOutgoing((event) => {
        if (event === 'extra-data-updated') window.benchPacketSentAt = now();
      });
      element.addEventListener('rtc-extra-updated', (event) => {
        if (role !== 'receiver' || event.detail.isLocal) return;
        const atEvent = now();
        // The list hears the change right after the room (same dispatch): its render is pending a microtask later.
        Promise.resolve()
          .then(() => list.updateComplete)
          .then(() => {
            const row = list.shadowRoot.querySelector(`[data-userid="sender-${room}"] dd`);
            const shown = row && row.textContent === String(event.detail.extra.seq);
            window.__received(event.detail.extra.seq, atEvent, shown ? now() : NaN, atEvent - atPacket);
          });
      });
      window.benchSend = (seq) => element.updateExtraData({ seq });
      return true;
    },
  },
  // The core alone, in a data session as before elements: the connection's extra-updated event.
  core: {
    scripts: () => [],
    setup: async (role, room, url, files) => {
      const { RTCMultiConnection } = await import(`${files}dist/bundle/rtc-core.js`);
      const connection = new RTCMultiConnection(undefined, {
        socketURL: url,
        userid: `${role}-${room}`,
        extra: { seq: 0 },
        session: { data: true },
      });
      const now = () => performance.timeOrigin + performance.now();
      window.benchOpened = new Promise((resolve) => connection.addEventListener('open', resolve, { once: true }));
      if (role === 'sender') await connection.open(room);
      else await connection.join(room);
      let atPacket = NaN;
      connection.socket.prependAny((event) => {
        if (event === 'extra-data-updated') atPacket = now();
      });
      connection.addEventListener('extra-updated', (event) => {
        if (role === 'receiver' && !event.isLocal)
          window.__received(event.extra.seq, now(), undefined, now() - atPacket);
      });
      window.benchSend = (seq) => connection.updateExtraData({ seq });
      return true;
    },
  },
};

async function runVariant(browser, fileServer, signaling, name, { updates, spacingMs }) {
  const variant = VARIANTS[name];
  const room = `latency-${name}-${Date.now()}`;
  const scripts = variant.scripts(signaling.url, fileServer.url);
  const [sender, receiver] = [
    await openPage(browser, fileServer, scripts),
    await openPage(browser, fileServer, scripts),
  ];
  const waiting = new Map();
  await receiver.exposeFunction('__received', (seq, atEvent, atRow, receivePath) => {
    const resolve = waiting.get(seq);
    if (resolve) {
      waiting.delete(seq);
      resolve({ atEvent, atRow, receivePath });
    }
  });
  await sender.evaluate(variant.setup, 'sender', room, signaling.url, fileServer.url);
  await receiver.evaluate(variant.setup, 'receiver', room, signaling.url, fileServer.url);
  if (name !== 'raw')
    await Promise.all([sender.evaluate('window.benchOpened'), receiver.evaluate('window.benchOpened')]);
  await sleep(300);

  const received = (seq) => new Promise((resolve) => waiting.set(seq, resolve));
  const event = [];
  const row = [];
  const receivePath = [];
  const sendPath = [];
  for (let seq = 1; seq <= updates; seq++) {
    const arrival = received(seq);
    const sentAt = await sender.evaluate(`(() => { const t = ${NOW}; window.benchSend(${seq}); return t; })()`);
    const { atEvent, atRow, receivePath: receiving } = await arrival;
    const packetSentAt = await sender.evaluate('window.benchPacketSentAt');
    if (packetSentAt) sendPath.push(packetSentAt - sentAt);
    event.push(atEvent - sentAt);
    if (Number.isFinite(atRow)) row.push(atRow - sentAt);
    if (Number.isFinite(receiving)) receivePath.push(receiving);
    // Each update starts from idle: past the coalescing window of ours.
    await sleep(spacingMs);
  }
  // The burst: 100 back-to-back updates; how long until the last value is seen.
  const last = updates + 100;
  const arrival = received(last);
  const burstStart = await sender.evaluate(
    `(() => { const t = ${NOW}; for (let s = ${updates + 1}; s <= ${last}; s++) window.benchSend(s); return t; })()`,
  );
  const burst = (await arrival).atEvent - burstStart;
  await Promise.all([sender.close(), receiver.close()]);
  return {
    p50: median(event),
    p95: percentile(event, 95),
    rowP50: row.length ? median(row) : undefined,
    rowP95: row.length ? percentile(row, 95) : undefined,
    sendPathP50: sendPath.length ? median(sendPath) : undefined,
    sendPathP95: sendPath.length ? percentile(sendPath, 95) : undefined,
    receivePathP50: receivePath.length ? median(receivePath) : undefined,
    receivePathP95: receivePath.length ? percentile(receivePath, 95) : undefined,
    burst,
    samples: event.length,
  };
}

export async function measureLatency(browser, fileServer, signaling, options = { updates: 200, spacingMs: 120 }) {
  const results = {};
  for (const name of ['raw', 'stock', 'ours', 'core']) {
    process.stdout.write(`  latency: ${name}…\n`);
    results[name] = await runVariant(browser, fileServer, signaling, name, options);
  }
  return results;
}
