/**
 * The signaling server killed and restarted again and again under Chromium
 * pages running the CDN file and a Node participant (on each server: npm test
 * runs this file on ours and on the stock one).
 */
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { RTCMultiConnection } from '../../src/index.js';
import { launchChromium } from '../support/browser.mjs';
import { uniqueRoom, until } from '../support/conditions.js';
import { pageView, roomPage, useServers } from '../support/room-page.js';

const servers = useServers();
let browser: Browser;

before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser.close();
});

describe('the signaling server restarted 20 times under two Chromium pages and a Node participant', () => {
  it('brings everyone back into every list with current extra within 5 s of its return, edits made while down included, no duplicate rows', async () => {
    const room = uniqueRoom();
    const [idA, idB, idNode] = ['page-a', 'page-b', 'node'].map((name) => `${name}-${room}`) as [
      string,
      string,
      string,
    ];
    const pages = [
      await roomPage(browser, servers, room, idA, { fullName: 'A', round: 0 }),
      await roomPage(browser, servers, room, idB, { fullName: 'B', round: 0 }),
    ];
    const node = new RTCMultiConnection(undefined, {
      socketURL: servers.server.url,
      userid: idNode,
      extra: { fullName: 'N', round: 0 },
      session: { data: true },
    });
    await node.openOrJoin(room);
    const expected = (round: number) => ({
      [idA]: { fullName: 'A', round },
      [idB]: { fullName: 'B', round: 0 },
      [idNode]: { fullName: 'N', round },
    });
    const converged = async (round: number): Promise<boolean> => {
      const want = expected(round);
      const nodeOk =
        node.connectionState === 'joined' &&
        node.participants.length === 3 &&
        node.participants.every(
          (p) => p.status === 'online' && JSON.stringify(p.extra) === JSON.stringify(want[p.userid]),
        );
      if (!nodeOk) return false;
      for (const page of pages) {
        const view = await pageView(page);
        const ids = Object.keys(view.roster);
        if (view.state !== 'joined' || ids.length !== 3 || view.rows.length !== 3 || new Set(view.rows).size !== 3)
          return false;
        if (
          !ids.every(
            (id) =>
              view.roster[id]![0] === 'online' && JSON.stringify(view.roster[id]![1]) === JSON.stringify(want[id]),
          )
        )
          return false;
      }
      return true;
    };
    const waitConverged = async (round: number, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await converged(round))) {
        if (Date.now() > deadline)
          throw new Error(
            `round ${round}: not everyone back within ${timeoutMs} ms: node sees ${JSON.stringify(node.participants.map((p) => [p.userid, p.status, p.extra]))}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await waitConverged(0, 10000);

    for (let round = 1; round <= 20; round++) {
      await servers.server.kill();
      await until(() => node.connectionState === 'reconnecting', `round ${round}: node notices`);
      // Edits while the server is down, in a page and in Node.
      await pages[0]!.evaluate(
        (value) =>
          void (
            document.querySelector('rtc-room') as HTMLElement & { updateExtraData(p: object): Promise<void> }
          ).updateExtraData({ round: value }),
        round,
      );
      void node.updateExtraData({ round });
      await servers.server.restart();
      await waitConverged(round, 5000);
    }
    await node.leave();
    await Promise.all(pages.map((page) => page.close()));
  });
});
