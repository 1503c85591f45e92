/**
 * `<rtc-room away-after>` and `<rtc-room persist>` within one page. A hidden tab, a reload and two tabs need real
 * browser tabs: test/node/browser-presence.test.ts drives those.
 */
import '../../define/index.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RtcRoom } from './rtc-room.js';
import type { RtcParticipantList } from '../participant-list/rtc-participant-list.js';
import { uniqueRoom, until } from '../../../test/support/conditions.js';
import { sharedSignalingUrl } from '../../../test/support/signaling.js';

const PREFIX = 'rtc-elements:';

/** The kit's keys in both storages, with their values. */
function stored(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const [name, storage] of [
    ['local', localStorage],
    ['session', sessionStorage],
  ] as const) {
    for (let index = 0; index < storage.length; index += 1) {
      const key = storage.key(index)!;
      if (key.startsWith(PREFIX)) entries[`${name} ${key}`] = storage.getItem(key)!;
    }
  }
  return entries;
}

type StorageMethods = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * Replaces `Storage.prototype.getItem` and `setItem` (both storages) for the length of `run`; each replacement gets
 * the original to call, with the storage as `this`.
 */
async function withStorage(
  replace: (original: StorageMethods) => Partial<StorageMethods>,
  run: () => Promise<void>,
): Promise<void> {
  const descriptors = {
    getItem: Object.getOwnPropertyDescriptor(Storage.prototype, 'getItem')!,
    setItem: Object.getOwnPropertyDescriptor(Storage.prototype, 'setItem')!,
  };
  const original = {
    getItem: descriptors.getItem.value as StorageMethods['getItem'],
    setItem: descriptors.setItem.value as StorageMethods['setItem'],
  };
  for (const [name, method] of Object.entries(replace(original)))
    Object.defineProperty(Storage.prototype, name, { ...descriptors[name as keyof StorageMethods], value: method });
  try {
    await run();
  } finally {
    for (const [name, descriptor] of Object.entries(descriptors))
      Object.defineProperty(Storage.prototype, name, descriptor);
  }
}

function clearStored(): void {
  for (const storage of [localStorage, sessionStorage]) {
    for (const key of Object.keys(storage)) if (key.startsWith(PREFIX)) storage.removeItem(key);
  }
}

describe('<rtc-room> presence', () => {
  let url: string;
  before(async () => {
    url = await sharedSignalingUrl();
  });

  /** An observer room with a list, joined, and every name it ever saw per userid. */
  async function observer(room: string) {
    const element = await fixture<RtcRoom>(
      html`<rtc-room room-id=${room} socket-url=${url} extra='{"fullName":"Observer"}'
        ><rtc-participant-list></rtc-participant-list
      ></rtc-room>`,
    );
    await until(() => element.status === 'joined', 'the observer joined');
    const names = new Map<string, unknown[]>();
    const note = (userid: string, extra: Record<string, unknown>) =>
      names.set(userid, [...(names.get(userid) ?? []), extra['fullName']]);
    element.addEventListener('rtc-participant-joined', (event) => note(event.detail.userid, event.detail.extra));
    element.addEventListener('rtc-extra-updated', (event) => note(event.detail.userid, event.detail.extra));
    const row = (userid: string) =>
      element
        .querySelector<RtcParticipantList>('rtc-participant-list')!
        .shadowRoot!.querySelector<HTMLElement>(`[data-userid="${userid}"]`);
    return { element, names, row };
  }

  describe('away-after', () => {
    it('marks you away after that many seconds without input, and back on the next key; your status stays', async () => {
      const room = uniqueRoom();
      const other = await observer(room);
      const element = await fixture<RtcRoom>(
        html`<rtc-room
          room-id=${room}
          socket-url=${url}
          away-after="1"
          extra='{"fullName":"Ada","status":"in a meeting"}'
        ></rtc-room>`,
      );
      const me = element.connection.userid;
      await until(() => element.extra['away'] === true, 'away after a second without input');
      await until(() => other.row(me)?.hasAttribute('data-away') === true, 'the other page shows it');
      expect(element.extra).to.deep.equal({ fullName: 'Ada', status: 'in a meeting', away: true });

      await sendKeys({ press: 'Shift' });
      await until(() => !('away' in element.extra), 'back on a key press');
      expect(element.extra).to.deep.equal({ fullName: 'Ada', status: 'in a meeting' });
      await until(() => other.row(me)?.hasAttribute('data-away') === false, 'the other page shows it too');

      // Away again, then the attribute removed: back, and no longer watched.
      await until(() => element.extra['away'] === true, 'away again');
      element.removeAttribute('away-after');
      await until(() => !('away' in element.extra), 'back when away-after is removed');
      element.remove();
      other.element.remove();
    });

    it('never removes an away mark the page set itself, and reports a value it cannot use', async () => {
      const element = await fixture<RtcRoom>(
        html`<rtc-room room-id=${uniqueRoom()} socket-url=${url} away-after="30"></rtc-room>`,
      );
      await until(() => element.status === 'joined', 'joined');
      await element.updateExtraData({ away: true });
      await sendKeys({ press: 'Shift' });
      expect(element.extra['away']).to.equal(true);
      const error = oneEvent(element, 'rtc-error');
      element.setAttribute('away-after', 'soon');
      expect((await error).detail).to.deep.include({
        code: 'invalid-attribute',
        message: 'away-after must be a number of seconds above 0, not the text "soon"',
      });
      element.remove();
    });
  });

  describe('persist', () => {
    beforeEach(clearStored);
    afterEach(clearStored);

    it('without it, reads and stores nothing', async () => {
      const calls: string[] = [];
      await withStorage(
        (original) => ({
          getItem(this: Storage, key: string) {
            calls.push(`get ${key}`);
            return original.getItem.call(this, key);
          },
          setItem(this: Storage, key: string, value: string) {
            calls.push(`set ${key}`);
            original.setItem.call(this, key, value);
          },
        }),
        async () => {
          const element = await fixture<RtcRoom>(
            html`<rtc-room room-id=${uniqueRoom()} socket-url=${url} extra='{"fullName":"Ada"}'></rtc-room>`,
          );
          await until(() => element.status === 'joined', 'joined');
          await element.updateExtraData({ fullName: 'Ada Lovelace' });
          element.remove();
        },
      );
      expect(calls.filter((call) => call.includes(PREFIX))).to.deep.equal([]);
      expect(stored()).to.deep.equal({});
    });

    it('restores the stored extra over the page’s and the tab’s userid before joining: nobody sees the default', async () => {
      const room = uniqueRoom();
      const userid = `kept-${room}`;
      localStorage.setItem(`${PREFIX}extra`, JSON.stringify({ fullName: 'Stored Name', away: true }));
      sessionStorage.setItem(`${PREFIX}userid:${room}`, JSON.stringify({ userid, live: false }));
      const other = await observer(room);
      const element = await fixture<RtcRoom>(
        html`<rtc-room
          room-id=${room}
          socket-url=${url}
          persist
          extra='{"fullName":"Default","team":"blue"}'
        ></rtc-room>`,
      );
      await until(() => other.element.participants.some((participant) => participant.userid === userid), 'listed');
      expect(element.connection.userid).to.equal(userid);
      expect(element.extra).to.deep.equal({ fullName: 'Stored Name', team: 'blue' }, 'never the away mark');
      expect(other.names.get(userid)).to.deep.equal(['Stored Name']);
      expect(JSON.parse(sessionStorage.getItem(`${PREFIX}userid:${room}`)!)).to.deep.equal({ userid, live: true });
      element.remove();
      other.element.remove();
    });

    it('keeps what you change, per site or per room, without the away mark, and forgets it when removed', async () => {
      const room = uniqueRoom();
      const element = await fixture<RtcRoom>(
        html`<rtc-room room-id=${room} socket-url=${url} persist extra='{"fullName":"Guest"}'></rtc-room>`,
      );
      await until(() => element.status === 'joined', 'joined');
      const me = element.connection.userid;
      expect(stored()).to.deep.equal(
        { [`session ${PREFIX}userid:${room}`]: JSON.stringify({ userid: me, live: true }) },
        'the userid from the start; the extra once you change it',
      );
      await element.updateExtraData({ fullName: 'Typed Name', away: true });
      expect(JSON.parse(localStorage.getItem(`${PREFIX}extra`)!)).to.deep.equal({ fullName: 'Typed Name' });

      element.setAttribute('persist', 'room');
      await element.updateComplete;
      expect(Object.keys(stored()).sort()).to.deep.equal(
        [`local ${PREFIX}extra`, `local ${PREFIX}extra:room:${room}`, `session ${PREFIX}userid:${room}`],
        'the site’s extra stays for the site’s other rooms',
      );
      await element.updateExtraData({ status: 'here' });
      expect(JSON.parse(localStorage.getItem(`${PREFIX}extra:room:${room}`)!)).to.deep.equal({
        fullName: 'Typed Name',
        status: 'here',
      });

      element.removeAttribute('persist');
      await element.updateComplete;
      expect(Object.keys(stored()), 'this room’s are forgotten').to.deep.equal([`local ${PREFIX}extra`]);
      localStorage.removeItem(`${PREFIX}extra`);
      await element.updateExtraData({ fullName: 'Not Kept' });
      expect(stored()).to.deep.equal({}, 'and nothing stored any more');
      element.remove();
    });

    it('still holds the userid after the room is moved in the page, so a copy of the tab would not take it', async () => {
      const room = uniqueRoom();
      const container = await fixture<HTMLDivElement>(
        html`<div>
          <section></section>
          <rtc-room room-id=${room} socket-url=${url} persist></rtc-room>
        </div>`,
      );
      const element = container.querySelector('rtc-room')!;
      await until(() => element.status === 'joined', 'joined');
      const record = () => JSON.parse(sessionStorage.getItem(`${PREFIX}userid:${room}`)!) as unknown;
      expect(record()).to.deep.equal({ userid: element.connection.userid, live: true });
      container.querySelector('section')!.append(element);
      await element.updateComplete;
      expect(record()).to.deep.equal({ userid: element.connection.userid, live: true });
      expect(element.status).to.equal('joined');
      container.remove();
    });

    it('gives a second room element for the same room in this tab its own userid', async () => {
      const room = uniqueRoom();
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      container.innerHTML = `<rtc-room room-id="${room}" socket-url="${url}" persist></rtc-room><rtc-room room-id="${room}" socket-url="${url}" persist></rtc-room>`;
      const [first, second] = [...container.querySelectorAll('rtc-room')] as [RtcRoom, RtcRoom];
      await until(() => first.participants.length === 2 && second.participants.length === 2, 'two participants');
      expect(first.connection.userid).to.not.equal(second.connection.userid);
      expect(JSON.parse(sessionStorage.getItem(`${PREFIX}userid:${room}`)!).userid).to.equal(first.connection.userid);
      container.remove();
    });

    it('reports storage that refuses once, keeps working, and reports a value it cannot use', async () => {
      const errors: Array<{ code: string; message: string }> = [];
      const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
      wrapper.addEventListener('rtc-error', (event) => errors.push(event.detail));
      const refuse = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
      await withStorage(
        () => ({ setItem: refuse }),
        async () => {
          wrapper.innerHTML = `<rtc-room room-id="${uniqueRoom()}" socket-url="${url}" persist></rtc-room>`;
          const element = wrapper.querySelector('rtc-room')!;
          await until(() => element.status === 'joined', 'it joins all the same');
          await element.updateExtraData({ fullName: 'One' });
          await element.updateExtraData({ fullName: 'Two' });
          expect(errors.map((error) => error.code)).to.deep.equal(['persist-failed']);
          expect(errors[0]!.message).to.contain('quota');
          element.setAttribute('persist', 'forever');
          await until(() => errors.length === 2, 'the bad value is reported');
          expect(errors[1]).to.deep.include({
            code: 'invalid-attribute',
            message: 'persist must be empty, "site" or "room", not "forever"',
          });
          element.remove();
        },
      );
    });
  });
});
