/**
 * Memory: the heap after 50 join/leave cycles of a peer against the heap
 * after the first, in a page hosting the room, for ours and for stock.
 */
/* global RTCMultiConnection -- page globals of the code these files run in the browser */
import { openPage, stockScripts } from '../support/browser.mjs';

const CYCLES = 50;

const PAGE_CODE = {
  ours: async (url, room, cycles) => {
    await customElements.whenDefined('rtc-room');
    const make = (name) => {
      const element = document.createElement('rtc-room');
      element.setAttribute('socket-url', url);
      element.setAttribute('userid', `${name}-${room}`);
      element.setAttribute('session', 'data');
      element.setAttribute('room-id', room);
      element.innerHTML = '<rtc-participant-list></rtc-participant-list>';
      return element;
    };
    const host = make('host');
    document.body.append(host);
    const peersOf = () => host.connection.participants.filter((participant) => !participant.isLocal);
    const until = (condition) =>
      new Promise((resolve) => {
        const check = () => (condition() ? resolve() : setTimeout(check, 5));
        check();
      });
    window.cycle = async (index) => {
      const guest = make(`guest${index}`);
      document.body.append(guest);
      await until(() => peersOf().some((participant) => participant.peerState === 'connected'));
      guest.remove();
      await until(() => peersOf().length === 0);
    };
    await until(() => host.status === 'joined');
    void cycles;
  },
  stock: async (url, room) => {
    const make = (name) => {
      const connection = new RTCMultiConnection();
      Object.assign(connection, {
        enableLogs: false,
        socketURL: url,
        userid: `${name}-${room}`,
        session: { data: true },
        iceServers: [],
        extra: { name },
      });
      return connection;
    };
    const host = make('host');
    let opened;
    let left;
    host.onopen = () => opened?.();
    host.onleave = () => left?.();
    await new Promise((resolve) => host.open(room, resolve));
    window.cycle = async (index) => {
      const guest = make(`guest${index}`);
      const open = new Promise((resolve) => (opened = resolve));
      guest.join(room);
      // Stock throws if its socket is gone before its own 1 s post-connect send: wait for that send.
      const settled = new Promise((resolve) =>
        guest.socket.onAnyOutgoing((event) => event === 'extra-data-updated' && resolve()),
      );
      await open;
      await settled;
      const gone = new Promise((resolve) => (left = resolve));
      guest.leave();
      guest.socket.disconnect();
      await gone;
    };
  },
};

async function heapAfterGc(page) {
  const session = await page.createCDPSession();
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return usedSize;
}

export async function measureMemory(browser, fileServer, signaling) {
  const results = {};
  for (const name of ['ours', 'stock']) {
    const scripts =
      name === 'ours'
        ? [{ url: `${fileServer.url}dist/rtc-elements.js`, type: 'module' }]
        : stockScripts(signaling.url, fileServer.url);
    const page = await openPage(browser, fileServer, scripts);
    await page.evaluate(PAGE_CODE[name], signaling.url, `memory-${name}-${Date.now()}`, CYCLES);
    await page.evaluate('window.cycle(0)');
    const afterFirst = await heapAfterGc(page);
    for (let index = 1; index < CYCLES; index++) await page.evaluate(`window.cycle(${index})`);
    const afterAll = await heapAfterGc(page);
    results[name] = { afterFirst, afterAll, growth: afterAll - afterFirst, cycles: CYCLES };
    await page.close();
  }
  return results;
}
