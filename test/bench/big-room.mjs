/**
 * A browser page in a big room: one page with <rtc-room> and
 * <rtc-participant-list> (presence only, the default) in a room with N Node
 * participants, each changing its extra once a second. Measures the page's
 * main-thread CPU (CDP `Performance.getMetrics` ThreadTime: CPU time, not the
 * wall-clock length of tasks, which this machine's own server and clients
 * inflate) as a share of wall time, and whether every row ends up showing the
 * latest value. The floor: a page with a bare socket.io client in the same
 * room receiving the same updates.
 */
/* global io -- page global of the floor's page */
import { RTCMultiConnection } from '../../dist/core/index.js';
import { openPage, sleep } from '../support/browser.mjs';

/** N Node participants in `room`, joined one after the other. */
async function nodeParticipants(url, room, count) {
  const connections = [];
  for (let index = 0; index < count; index++) {
    const connection = new RTCMultiConnection(undefined, {
      socketURL: url,
      userid: `node-${index}-${room}`,
      extra: { fullName: `Node ${index}`, n: 0 },
      session: {},
    });
    await connection.openOrJoin(room);
    connections.push(connection);
  }
  return connections;
}

/** Every participant changes its extra once a second, spread evenly over the second; returns how to stop. */
function updateEverySecond(connections) {
  let round = 0;
  const timers = connections.map((connection, index) =>
    setTimeout(
      () => {
        const tick = () => void connection.updateExtraData({ n: ++round });
        tick();
        timers[index] = setInterval(tick, 1000);
      },
      (1000 * index) / connections.length,
    ),
  );
  return () => timers.forEach((timer) => clearInterval(timer));
}

const PAGES = {
  ours: {
    scripts: (files) => [{ url: `${files}dist/rtc-elements.js`, type: 'module' }],
    setup: async (url, room) => {
      await customElements.whenDefined('rtc-room');
      document.body.innerHTML = `<rtc-room room-id="${room}" socket-url="${url}" extra='{"fullName":"Watcher"}'>
        <rtc-participant-list></rtc-participant-list></rtc-room>`;
      const element = document.querySelector('rtc-room');
      while (element.status !== 'joined') {
        await new Promise((resolve) => element.addEventListener('rtc-room-status-changed', resolve, { once: true }));
      }
      const list = element.querySelector('rtc-participant-list');
      // What each row shows for `n`, by userid.
      window.benchShown = () =>
        Object.fromEntries(
          [...list.shadowRoot.querySelectorAll('[data-userid]')].map((row) => [
            row.dataset.userid,
            [...row.querySelectorAll('dd')].map((cell) => cell.textContent.trim()),
          ]),
        );
    },
  },
  floor: {
    scripts: (files, url) => [{ url: `${url}socket.io/socket.io.js` }],
    setup: async (url, room) => {
      const socket = io(url, {
        transports: ['websocket'],
        query: { userid: `floor-${room}`, msgEvent: 'RTCMultiConnection-Message', extra: '{}' },
      });
      await new Promise((resolve) => socket.once('connect', resolve));
      const request = { sessionid: room, session: {}, extra: {}, password: '' };
      await new Promise((resolve) => socket.emit('join-room', request, resolve));
      const latest = {};
      socket.on('extra-data-updated', (userid, extra) => (latest[userid] = [String(extra.n)]));
      window.benchShown = () => latest;
    },
  },
};

async function mainThreadShare(page, windowMs) {
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
  };
  const before = await read();
  await sleep(windowMs);
  const after = await read();
  await cdp.detach();
  return (after.ThreadTime - before.ThreadTime) / (after.Timestamp - before.Timestamp);
}

export async function measureBigRoom(browser, fileServer, signaling, { participants = 100, windowMs = 10000 } = {}) {
  const results = { participants, windowMs };
  for (const name of ['floor', 'ours']) {
    process.stdout.write(`  big room: ${name}…\n`);
    const room = `big-${name}-${Date.now()}`;
    const connections = await nodeParticipants(signaling.url, room, participants);
    const page = await openPage(browser, fileServer, PAGES[name].scripts(fileServer.url, signaling.url));
    await page.evaluate(PAGES[name].setup, signaling.url, room);
    const stop = updateEverySecond(connections);
    // Let the page list everyone and settle into the steady state first.
    await sleep(3000);
    let profiler;
    if (process.env.BIG_ROOM_PROFILE && name === 'ours') {
      profiler = await page.createCDPSession();
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    const share = await mainThreadShare(page, windowMs);
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      (await import('node:fs')).writeFileSync(process.env.BIG_ROOM_PROFILE, JSON.stringify(profile));
    }
    stop();
    // Every row shows the latest value (each participant's last n), once the last updates have arrived.
    const latest = Object.fromEntries(connections.map((connection) => [connection.userid, String(connection.extra.n)]));
    let matching;
    const deadline = Date.now() + 5000;
    do {
      const shown = await page.evaluate('window.benchShown()');
      matching = Object.entries(latest).filter(([userid, n]) => shown[userid]?.includes(n)).length;
      if (matching === participants) break;
      await sleep(100);
    } while (Date.now() < deadline);
    results[name] = { mainThreadShare: share, rowsShowingLatest: matching };
    await page.close();
    await Promise.all(connections.map((connection) => connection.leave()));
  }
  return results;
}
