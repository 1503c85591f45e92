/**
 * Presence from markup, where it needs real tabs, in Chromium and in Firefox,
 * with pages running dist/rtc-elements.js on the real stock server:
 * `<rtc-room away-after>` in a tab that is hidden and shown again, and
 * `<rtc-room persist>` through a reload and across two tabs of one browser.
 * Another page with a participant list is the one looking on.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { uniqueRoom, untilAsync } from '../support/conditions.js';
import { inEachBrowser, openSitePage, useServers } from '../support/room-page.js';

const servers = useServers();

/** Records every name the page sees each participant under (joins and extra updates), in `window.seen`. */
const RECORD_NAMES = `
  window.seen = {};
  for (const type of ['rtc-participant-joined', 'rtc-extra-updated']) {
    document.addEventListener(type, (event) => {
      const { userid, extra } = event.detail;
      (window.seen[userid] ??= []).push(extra.fullName);
    });
  }
`;

/** A tab whose every load (reloads included) holds `markup`, as a site's page would, recording names it sees. */
const sitePage = (browser: Browser, markup: string): Promise<Page> =>
  openSitePage(browser, servers.files, markup, RECORD_NAMES);

const roomMarkup = (room: string, attributes: string, inner = '') =>
  `<rtc-room room-id="${room}" socket-url="${servers.server.url}" ${attributes}>${inner}</rtc-room>`;

/** The page's own userid, once its room has joined. */
async function joinedUserid(page: Page): Promise<string> {
  await page.waitForFunction(() => document.querySelector('rtc-room')?.getAttribute('status') === 'joined');
  return page.evaluate(
    () => (document.querySelector('rtc-room') as HTMLElement & { connection: { userid: string } }).connection.userid,
  );
}

/** The page looking on: a participant list in `room`, joined. */
async function lookingOn(browser: Browser, room: string): Promise<{ page: Page; userid: string }> {
  const page = await sitePage(
    browser,
    roomMarkup(room, `extra='{"fullName":"Looking On"}'`, '<rtc-participant-list></rtc-participant-list>'),
  );
  return { page, userid: await joinedUserid(page) };
}

/** What the looking-on page's list shows for `userid`: the row's name and whether it is marked away. */
function listed(page: Page, userid: string) {
  return page.evaluate((id: string) => {
    const rows = [
      ...document.querySelector('rtc-participant-list')!.shadowRoot!.querySelectorAll(`[data-userid="${id}"]`),
    ];
    return rows.map((row) => ({
      name: row.querySelector('[part~="name"]')!.textContent.trim(),
      away: row.hasAttribute('data-away'),
    }));
  }, userid);
}

const seenNames = (page: Page, userid: string) =>
  page.evaluate((id: string) => (window as unknown as { seen: Record<string, unknown[]> }).seen[id] ?? [], userid);

const visibility = (page: Page) => page.evaluate(() => document.visibilityState);

inEachBrowser(
  (name) => `presence from markup in ${name}`,
  (browser) => {
    it('a tab hidden past away-after shows as away on the other page, and back when it is shown again', async () => {
      const room = uniqueRoom();
      const { page: looking } = await lookingOn(browser(), room);
      const away = await sitePage(
        browser(),
        roomMarkup(room, `away-after="2" extra='{"fullName":"Ada","status":"busy"}'`),
      );
      const ada = await joinedUserid(away);
      await untilAsync(async () => (await listed(looking, ada)).length === 1, 'the other page lists Ada');
      assert.deepEqual(await listed(looking, ada), [{ name: 'Ada', away: false }]);

      // A new tab hides Ada's: it opens in her window (the last opened in Chromium, the one in front in Firefox).
      await away.bringToFront();
      const cover = await browser().newPage();
      await cover.bringToFront();
      assert.equal(await visibility(away), 'hidden', 'Ada’s tab is hidden');
      assert.equal(await visibility(looking), 'visible', 'the other page is still shown');
      await untilAsync(async () => (await listed(looking, ada))[0]?.away === true, 'Ada shows as away', 20000);
      assert.deepEqual(
        await away.evaluate(() => (document.querySelector('rtc-room') as HTMLElement & { extra: object }).extra),
        { fullName: 'Ada', status: 'busy', away: true },
        'her own status is untouched',
      );

      await cover.close();
      await away.bringToFront();
      assert.equal(await visibility(away), 'visible');
      await untilAsync(async () => (await listed(looking, ada))[0]?.away === false, 'Ada is back');
      await away.close();
      await looking.close();
    });

    it('with persist, a renamed tab that reloads is listed under the new name only, as the same participant', async () => {
      const room = uniqueRoom();
      const { page: looking } = await lookingOn(browser(), room);
      const tab = await sitePage(
        browser(),
        roomMarkup(
          room,
          `persist extra='{"fullName":"Guest 42"}'`,
          '<rtc-extra-editor fields="fullName"></rtc-extra-editor>',
        ),
      );
      const userid = await joinedUserid(tab);
      await untilAsync(async () => (await listed(looking, userid))[0]?.name === 'Guest 42', 'listed as the guest');

      // Typed into the editor, as a user renames.
      const input = await tab.waitForSelector('rtc-extra-editor >>> input[name="fullName"]');
      await input!.click({ count: 3 });
      await tab.keyboard.type('Ada Renamed');
      await untilAsync(async () => (await listed(looking, userid))[0]?.name === 'Ada Renamed', 'the rename arrives');

      await looking.evaluate(() => {
        const { seen } = window as unknown as { seen: Record<string, unknown[]> };
        for (const key of Object.keys(seen)) delete seen[key];
      });
      await tab.reload();
      assert.equal(await joinedUserid(tab), userid, 'the same userid after the reload');
      await untilAsync(
        async () =>
          (await tab.evaluate(() => document.querySelector('rtc-room')!.getAttribute('status'))) === 'joined' &&
          (await listed(looking, userid)).length === 1 &&
          (await listed(looking, userid))[0]!.name === 'Ada Renamed',
        'listed again after the reload',
      );
      const names = await seenNames(looking, userid);
      assert.ok(
        names.every((seen) => seen === 'Ada Renamed'),
        `the other page saw only the new name since the reload: ${JSON.stringify(names)}`,
      );
      assert.deepEqual(await listed(looking, userid), [{ name: 'Ada Renamed', away: false }]);
      assert.equal(
        await tab.evaluate(
          () =>
            (document.querySelector('rtc-extra-editor')!.shadowRoot!.querySelector('input') as HTMLInputElement).value,
        ),
        'Ada Renamed',
        'the editor shows the kept name',
      );
      await tab.close();
      await looking.close();
    });

    it('with persist, two tabs of one browser() are two participants, each kept through a reload', async () => {
      const room = uniqueRoom();
      const { page: looking, userid: lookingId } = await lookingOn(browser(), room);
      const markup = roomMarkup(room, `persist extra='{"fullName":"Tab"}'`);
      const first = await sitePage(browser(), markup);
      const second = await sitePage(browser(), markup);
      const ids = [await joinedUserid(first), await joinedUserid(second)];
      assert.notEqual(ids[0], ids[1]);
      const rowCount = () =>
        looking.evaluate(
          () =>
            document.querySelector('rtc-participant-list')!.shadowRoot!.querySelectorAll('[part~="participant"]')
              .length,
        );
      await untilAsync(async () => (await rowCount()) === 3, 'the other page lists both tabs and itself');
      await second.reload();
      assert.equal(await joinedUserid(second), ids[1], 'the second tab keeps its own userid');
      await untilAsync(async () => (await rowCount()) === 3, 'still three after the reload');
      assert.notEqual(lookingId, ids[0]);
      await first.close();
      await second.close();
      await looking.close();
    });
  },
);
