import '../../define/index.js';
import { expect, fixture, html } from '@open-wc/testing';
import type { Participant } from '../../core/index.js';
import type { RtcRoom } from '../room/rtc-room.js';
import type { RtcParticipantList } from './rtc-participant-list.js';
import { uniqueRoom, until } from '../../../test/support/conditions.js';
import { ManualClock } from '../../../test/support/manual-clock.js';
import { sharedSignalingUrl } from '../../../test/support/signaling.js';

/** Two participants, each a room with a list, in one page. */
async function twoParticipants(url: string, aliceExtra: object, bobExtra: object, listAttributes = '') {
  const room = uniqueRoom();
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  const roomHtml = (extra: object) =>
    `<rtc-room room-id="${room}" socket-url="${url}" extra='${JSON.stringify(extra).replace(/'/g, '&#39;')}'><rtc-participant-list ${listAttributes}></rtc-participant-list></rtc-room>`;
  container.innerHTML = roomHtml(aliceExtra);
  const [alice] = container.querySelectorAll('rtc-room');
  await until(() => alice!.status === 'joined', 'alice joined');
  container.insertAdjacentHTML('beforeend', roomHtml(bobExtra));
  const bob = container.querySelectorAll('rtc-room')[1]!;
  const lists = [...container.querySelectorAll('rtc-participant-list')] as [RtcParticipantList, RtcParticipantList];
  await until(
    () =>
      alice!.participants.length === 2 &&
      bob.participants.length === 2 &&
      lists.every((list) => rows(list).length === list.participants.length),
    'both rooms list both participants',
  );
  return { alice: alice as RtcRoom, bob: bob, aliceList: lists[0], bobList: lists[1], container };
}

function rows(list: RtcParticipantList): HTMLElement[] {
  return [...list.shadowRoot!.querySelectorAll<HTMLElement>('[part~="participant"]')];
}

function row(list: RtcParticipantList, userid: string): HTMLElement {
  return list.shadowRoot!.querySelector<HTMLElement>(`[part~="participant"][data-userid="${userid}"]`)!;
}

/**
 * The userids of the rows whose DOM changed while `action` ran: added, removed, or anything inside them (an attribute,
 * a text, a child). Seen from outside, through a MutationObserver on the list's shadow root, sorted.
 */
async function rowsChangedBy(list: RtcParticipantList, action: () => Promise<unknown>): Promise<string[]> {
  const changed = new Set<string>();
  const note = (records: MutationRecord[]) => {
    for (const record of records) {
      for (const node of [record.target, ...record.addedNodes, ...record.removedNodes]) {
        const element = node instanceof Element ? node : node.parentElement;
        const changedRow = element?.closest<HTMLElement>('[part~="participant"]');
        if (changedRow) changed.add(changedRow.dataset['userid']!);
      }
    }
  };
  const observer = new MutationObserver(note);
  observer.observe(list.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
  try {
    await action();
  } finally {
    note(observer.takeRecords());
    observer.disconnect();
  }
  return [...changed].sort();
}

describe('<rtc-participant-list>', () => {
  let url: string;
  before(async () => {
    url = await sharedSignalingUrl();
  });

  it('shows everyone, yourself marked, with avatar, name, status and the other fields, live', async () => {
    const { alice, bob, aliceList, container } = await twoParticipants(
      url,
      { fullName: 'Ada Lovelace', photo: 'https://example.com/ada.png', status: 'busy' },
      { name: 'Bob', team: { id: 7 } },
    );
    const own = row(aliceList, alice.connection.userid);
    expect(own.querySelector('[part~="self"]')).to.not.equal(null);
    expect(own.querySelector('[part~="name"]')!.textContent).to.contain('Ada Lovelace');
    expect(own.querySelector('img')!.getAttribute('src')).to.equal('https://example.com/ada.png');
    expect(own.querySelector('[part~="fields"]')!.textContent).to.contain('busy');
    const bobRow = row(aliceList, bob.connection.userid);
    expect(bobRow.querySelector('[part~="name"]')!.textContent.trim()).to.equal('Bob');
    expect(bobRow.querySelector('[part~="avatar"]')!.textContent.trim()).to.equal('B');
    expect(bobRow.querySelector('dd')!.textContent).to.equal('{"id":7}');
    await until(
      () => bobRow.querySelector('[part~="status"]')!.textContent === 'connected',
      'the peer connection comes up',
    );
    expect(bobRow.dataset['status']).to.equal('connected');

    const changed = await rowsChangedBy(aliceList, async () => {
      await bob.updateExtraData({ name: 'Robert' });
      await until(() => bobRow.querySelector('[part~="name"]')!.textContent.includes('Robert'), 'the rename shows');
    });
    expect(changed).to.deep.equal([bob.connection.userid], 'only the changed row changed');
    container.remove();
  });

  it('never loads javascript: or data:text/html photos, and renders HTML in extra as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=true"><script>window.__pwned=true</script>';
    const { bob, aliceList, container } = await twoParticipants(
      url,
      { fullName: 'Ada' },
      { fullName: hostile, photo: 'javascript:window.__pwned=true', bio: '<b>bold</b>' },
    );
    const bobRow = row(aliceList, bob.connection.userid);
    expect(bobRow.querySelector('img'), 'no image for a javascript: URL').to.equal(null);
    expect(bobRow.querySelector('script')).to.equal(null);
    expect(bobRow.querySelector('b')).to.equal(null);
    expect(bobRow.querySelector('[part~="name"]')!.textContent).to.contain(hostile);
    expect(bobRow.querySelector('dd')!.textContent).to.equal('<b>bold</b>');
    await bob.updateExtraData({ photo: 'data:text/html,<script>window.__pwned=true</script>' });
    await until(
      () =>
        (aliceList.participants.find((p) => p.userid === bob.connection.userid)?.extra['photo'] as string).startsWith(
          'data:',
        ),
      'the new photo arrived',
    );
    expect(row(aliceList, bob.connection.userid).querySelector('img')).to.equal(null);
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
    container.remove();
  });

  it('takes name-field, photo-field, fields and hide-self', async () => {
    const { bob, aliceList, container } = await twoParticipants(
      url,
      { nick: 'ada', pic: 'https://example.com/a.png', status: 'here', secret: 'x' },
      { nick: 'bob', status: 'away', secret: 'y' },
      'name-field="nick" photo-field="pic" fields="status" hide-self',
    );
    await until(() => rows(aliceList).length === 1, 'yourself hidden');
    const bobRow = row(aliceList, bob.connection.userid);
    expect(bobRow.querySelector('[part~="name"]')!.textContent.trim()).to.equal('bob');
    expect([...bobRow.querySelectorAll('dt')].map((term) => term.textContent)).to.deep.equal(
      ['status'],
      'only the listed field',
    );
    expect(bobRow.querySelector('dd')!.textContent).to.equal('away');
    container.remove();
  });

  it('renders a slotted template or a render function, still as text', async () => {
    const room = uniqueRoom();
    const element = await fixture<RtcRoom>(
      html`<rtc-room room-id=${room} socket-url=${url} extra='{"fullName":"&lt;i&gt;Ada&lt;/i&gt;","status":"ok"}'>
        <rtc-participant-list id="templated"
          ><template><strong data-name></strong> — <em data-field="status"></em><img data-photo alt="" /></template
        ></rtc-participant-list>
        <rtc-participant-list id="rendered"></rtc-participant-list>
      </rtc-room>`,
    );
    const rendered = element.querySelector<RtcParticipantList>('#rendered')!;
    rendered.renderParticipant = (view) => html`<span class="custom">${view.name} is ${view.statusText}</span>`;
    const templated = element.querySelector<RtcParticipantList>('#templated')!;
    await until(() => rows(templated).length === 1 && rows(rendered).length === 1, 'both lists render');
    await until(() => !!rendered.shadowRoot!.querySelector('.custom'), 'the render function is used');
    expect(templated.shadowRoot!.querySelector('strong')!.textContent).to.equal('<i>Ada</i>');
    expect(templated.shadowRoot!.querySelector('em')!.textContent).to.equal('ok');
    expect(templated.shadowRoot!.querySelector('img'), 'no photo, no image').to.equal(null);
    expect(templated.shadowRoot!.querySelector('i')).to.equal(null);
    expect(rendered.shadowRoot!.querySelector('.custom')!.textContent).to.equal('<i>Ada</i> is connected');
    element.remove();
  });

  it('announces joins, leaves and renames through one polite live region, translatable', async () => {
    const { alice, aliceList, container } = await twoParticipants(url, { fullName: 'Ada' }, { fullName: 'Bob' });
    aliceList.strings = { renamed: '{previous} heißt jetzt {name}', left: '{name} ist gegangen' };
    const region = aliceList.shadowRoot!.querySelector('[part="announcer"]')!;
    expect(region.getAttribute('aria-live')).to.equal('polite');
    const bob = container.querySelectorAll('rtc-room')[1] as RtcRoom;
    await bob.updateExtraData({ fullName: 'Robert' });
    await until(() => region.textContent.includes('Bob heißt jetzt Robert'), 'the rename is announced');
    bob.remove();
    await until(() => region.textContent.includes('Robert ist gegangen'), 'the leave is announced');
    expect(alice.participants).to.have.length(1);
    container.remove();
  });

  it('marks the rows of participants marked away with data-away and says so, and shows their status as it was', async () => {
    const { bob, aliceList, container } = await twoParticipants(
      url,
      { fullName: 'Ada' },
      { fullName: 'Bob', status: 'in a meeting' },
    );
    const bobRow = () => row(aliceList, bob.connection.userid);
    expect(bobRow().hasAttribute('data-away')).to.equal(false);
    expect(bobRow().querySelector('[part~="away"]')).to.equal(null);
    await bob.updateExtraData({ away: true });
    await until(() => bobRow().hasAttribute('data-away'), 'the row is marked away');
    expect(bobRow().querySelector('[part~="away"]')!.textContent).to.equal('away');
    expect([...bobRow().querySelectorAll('dt')].map((term) => term.textContent)).to.deep.equal(
      ['status'],
      'away is shown as a mark, not as a field; the status is the user’s own',
    );
    expect(bobRow().querySelector('dd')!.textContent).to.equal('in a meeting');
    aliceList.strings = { away: 'abwesend' };
    await aliceList.updateComplete;
    expect(bobRow().querySelector('[part~="away"]')!.textContent).to.equal('abwesend');
    await bob.updateExtraData({ away: undefined });
    await until(() => !bobRow().hasAttribute('data-away'), 'back');
    expect(bobRow().querySelector('[part~="away"]')).to.equal(null);
    container.remove();
  });

  it('with show-changed, says when the extra changed, from "just now" to "1 minute ago" on its own, redrawing only that row', async () => {
    const { alice, bob, aliceList, container } = await twoParticipants(
      url,
      { fullName: 'Ada' },
      { fullName: 'Bob', status: 'here' },
      'show-changed',
    );
    const changedText = (userid: string) => row(aliceList, userid).querySelector('[part~="changed"]')?.textContent;
    expect(changedText(bob.connection.userid), 'nothing changed since Bob joined').to.equal(undefined);
    await bob.updateExtraData({ status: 'busy' });
    await until(() => changedText(bob.connection.userid) === 'status changed just now', 'the change is told');
    expect(changedText(alice.connection.userid)).to.equal(undefined);

    // From now on the list's time is a manual clock, which the test moves.
    const clock = new ManualClock();
    aliceList.clock = clock;
    await aliceList.updateComplete;
    expect(clock.pending, 'one timer for the whole list').to.equal(1);
    expect(clock.delays.at(-1)).to.be.within(55_000, 60_000, 'due when the minute is up, not every second');
    const halfway = await rowsChangedBy(aliceList, async () => {
      clock.advance(30_000);
      await aliceList.updateComplete;
    });
    expect(halfway, 'nothing redrawn before the text changes').to.deep.equal([]);
    const redrawn = await rowsChangedBy(aliceList, async () => {
      clock.advance(30_000);
      await aliceList.updateComplete;
    });
    expect(changedText(bob.connection.userid)).to.equal('status changed 1 minute ago');
    expect(redrawn).to.deep.equal([bob.connection.userid], 'only the row whose text changed');
    expect(clock.delays.at(-1), 'the next is due when the second minute is up').to.be.within(55_000, 60_000);

    // The language of the page, and translated strings; keys changed together are listed together.
    aliceList.setAttribute('lang', 'de');
    aliceList.strings = { changed: '{fields} geändert {time}', justNow: 'gerade eben' };
    await aliceList.updateComplete;
    expect(changedText(bob.connection.userid)).to.equal('status geändert vor 1 Minute');
    await bob.updateExtraData({ status: 'away for lunch', mood: 'hungry' });
    await until(() => changedText(bob.connection.userid) === 'status und mood geändert gerade eben', 'both keys');
    container.remove();
  });

  it('with show-changed="status", says when that key changed, and nothing for other changes or an away mark', async () => {
    const { bob, aliceList, container } = await twoParticipants(
      url,
      { fullName: 'Ada' },
      { fullName: 'Bob', status: 'here' },
      'show-changed="status"',
    );
    const changedText = () => row(aliceList, bob.connection.userid).querySelector('[part~="changed"]')?.textContent;
    await bob.updateExtraData({ fullName: 'Robert', away: true });
    await until(() => row(aliceList, bob.connection.userid).hasAttribute('data-away'), 'the update arrived');
    expect(changedText()).to.equal(undefined);
    await bob.updateExtraData({ status: 'gone fishing' });
    await until(() => changedText() === 'status changed just now', 'the status change is told');
    container.remove();
  });

  it('is accessible (axe)', async () => {
    const { aliceList, container } = await twoParticipants(
      url,
      { fullName: 'Ada', photo: 'https://example.com/a.png', status: 'here' },
      { fullName: 'Bob' },
    );
    await expect(aliceList).to.be.accessible();
    container.remove();
  });

  it('renders 1 000 participants, and an update touches one row', async () => {
    // A roster of 1 000 is more than the signaling server should carry in a test: the list's view is
    // driven through the connection's own roster events by a stand-in connection holding 1 000 snapshots.
    const room = await fixture<RtcRoom>(html`<rtc-room><rtc-participant-list></rtc-participant-list></rtc-room>`);
    const list = room.querySelector('rtc-participant-list')!;
    const participants: Participant[] = Array.from({ length: 1000 }, (_, index) =>
      Object.freeze({
        userid: `user-${index}`,
        extra: Object.freeze({ fullName: `Person ${index}`, status: 'here' }),
        status: 'online' as const,
        isLocal: index === 0,
        streams: [],
      }),
    );
    Object.defineProperty(room.connection, 'participants', { get: () => participants, configurable: true });
    list.requestUpdate();
    await list.updateComplete;
    expect(rows(list)).to.have.length(1000);
    const rename = async (index: number, fullName: string) => {
      participants[index] = Object.freeze({
        ...participants[index]!,
        extra: Object.freeze({ fullName, status: 'here' }),
      });
      list.requestUpdate();
      await list.updateComplete;
    };
    expect(await rowsChangedBy(list, () => rename(500, 'Renamed'))).to.deep.equal(['user-500']);
    expect(row(list, 'user-500').querySelector('[part~="name"]')!.textContent).to.contain('Renamed');

    // The count notices a change to every row (every status text here)…
    const restyled = await rowsChangedBy(list, async () => {
      list.strings = { connected: 'online' };
      await list.updateComplete;
    });
    expect(restyled).to.have.length(1000);
    // …but Lit leaves unchanged text alone, so a row rendered again identically changes nothing: a custom
    // renderer is called once for each row that renders, changed or not.
    const rendered: string[] = [];
    list.renderParticipant = (view) => {
      rendered.push(view.participant.userid);
      return html`<span part="name">${view.name}</span>`;
    };
    await list.updateComplete;
    expect(rendered, 'a new renderer renders every row').to.have.length(1000);
    rendered.length = 0;
    expect(await rowsChangedBy(list, () => rename(700, 'Renamed too'))).to.deep.equal(['user-700']);
    expect(rendered).to.deep.equal(['user-700'], 'only the changed row rendered again');
  });
});
