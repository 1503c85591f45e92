import '../../define/index.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RtcRoom } from '../room/rtc-room.js';
import type { RtcChat } from './rtc-chat.js';
import { uniqueRoom, until } from '../../../test/support/conditions.js';
import { useStockClients } from '../../../test/support/browser-setup.js';

/** Two participants in one page, each a room with a chat. */
async function twoChats(url: string, aliceExtra: object, bobExtra: object) {
  const room = uniqueRoom();
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  const roomHtml = (extra: object) =>
    `<rtc-room room-id="${room}" socket-url="${url}" session="data" extra='${JSON.stringify(extra)}'><rtc-chat></rtc-chat></rtc-room>`;
  container.innerHTML = roomHtml(aliceExtra);
  const alice = container.querySelector('rtc-room')!;
  await until(() => alice.status === 'joined', 'alice joined');
  container.insertAdjacentHTML('beforeend', roomHtml(bobExtra));
  const bob = container.querySelectorAll('rtc-room')[1]!;
  const [aliceChat, bobChat] = [...container.querySelectorAll('rtc-chat')] as [RtcChat, RtcChat];
  // A message goes to the peers there are (waiting for a channel still opening): wait until each has the other's.
  const connected = (element: RtcRoom) =>
    element.participants.length === 2 &&
    element.participants.every((participant) => participant.isLocal || participant.peerState === 'connected');
  await until(() => connected(alice) && connected(bob), 'both list both, connected');
  return { room, alice, bob, aliceChat, bobChat, container };
}

function messages(chat: RtcChat): HTMLElement[] {
  return [...chat.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]')];
}

const nameOf = (message: HTMLElement) => message.querySelector('[part~="name"]')!.textContent.trim();
const textOf = (message: HTMLElement) => message.querySelector('[part~="text"]')!.textContent;

/** Types into the chat's input with the keyboard and presses Enter. */
async function typeAndEnter(chat: RtcChat, text: string): Promise<void> {
  chat.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]')!.focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

describe('<rtc-chat>', () => {
  const { url, stock: newStock } = useStockClients();

  it('shows a message typed in one page in the other with the sender’s name, relabelled when the sender renames', async () => {
    const { alice, bob, aliceChat, bobChat, container } = await twoChats(
      url(),
      { fullName: 'Ada Lovelace', photo: 'https://example.com/ada.png' },
      { fullName: 'Bob' },
    );
    await until(() => !aliceChat.shadowRoot!.querySelector<HTMLInputElement>('input')!.disabled, 'the chat is on');
    await typeAndEnter(aliceChat, 'Hello from Ada');
    await until(() => messages(bobChat).length === 1, 'the message reaches the other page');
    const received = messages(bobChat)[0]!;
    expect(nameOf(received)).to.equal('Ada Lovelace');
    expect(textOf(received)).to.equal('Hello from Ada');
    expect(received.dataset['userid']).to.equal(alice.connection.userid);
    expect(received.hasAttribute('data-local')).to.equal(false);
    expect(received.querySelector('img')!.getAttribute('src')).to.equal('https://example.com/ada.png');
    expect(received.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);

    const own = messages(aliceChat)[0]!;
    expect(own.hasAttribute('data-local'), 'your own is marked').to.equal(true);
    expect(own.querySelector('[part~="self"]')!.textContent).to.equal('(you)');
    expect(aliceChat.shadowRoot!.querySelector<HTMLInputElement>('input')!.value, 'the input is emptied').to.equal('');

    await alice.updateExtraData({ fullName: 'Countess Ada' });
    await until(() => nameOf(messages(bobChat)[0]!) === 'Countess Ada', 'the old message shows the new name');
    expect(nameOf(messages(aliceChat)[0]!)).to.contain('Countess Ada');

    // The other way, by the button.
    bobChat.shadowRoot!.querySelector<HTMLInputElement>('input')!.value = 'Hi Ada';
    bobChat.shadowRoot!.querySelector<HTMLButtonElement>('[part~="send"]')!.click();
    await until(() => messages(aliceChat).length === 2, 'the reply arrives');
    expect(nameOf(messages(aliceChat)[1]!)).to.equal('Bob');
    expect(bob.connection.userid).to.equal(messages(aliceChat)[1]!.dataset['userid']);
    container.remove();
  });

  it('renders HTML as text, links only https and http addresses, and never sends an empty message', async () => {
    const { aliceChat, bobChat, container } = await twoChats(url(), { fullName: 'Ada' }, { fullName: 'Bob' });
    const hostile = '<img src=x onerror="window.__pwned=true"><b>bold</b> javascript:window.__pwned=true';
    aliceChat.send('   ');
    aliceChat.send(hostile);
    aliceChat.send('see https://example.com/a?b=1. and http://example.org');
    await until(() => messages(bobChat).length === 2, 'both messages arrive');
    const [first, second] = messages(bobChat) as [HTMLElement, HTMLElement];
    expect(textOf(first)).to.equal(hostile);
    expect(first.querySelector('[part~="text"] img')).to.equal(null);
    expect(first.querySelector('b')).to.equal(null);
    expect(first.querySelector('a'), 'javascript: is not a link').to.equal(null);
    const links = [...second.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).to.deep.equal([
      'https://example.com/a?b=1',
      'http://example.org/',
    ]);
    for (const link of links) {
      expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(link.getAttribute('part')).to.equal('link');
    }
    expect(textOf(second)).to.equal('see https://example.com/a?b=1. and http://example.org');
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);
    container.remove();
  });

  it('interoperates with a stock 3.7.1 client: it gets our message with our extra in onmessage, and its send() appears here', async () => {
    const room = uniqueRoom();
    const stock = newStock('stock', { fullName: 'Stock Sam' });
    const stockGot: Array<{ data: unknown; userid: string; extra: Record<string, unknown> }> = [];
    const opened = new Set<string>();
    stock.onmessage = (event) => stockGot.push(event);
    stock.onopen = (event) => opened.add(event.userid);
    await new Promise((resolve) => stock.open(room, resolve));
    const element = await fixture<RtcRoom>(
      html`<rtc-room room-id=${room} socket-url=${url()} session="data" extra='{"fullName":"Ours"}'
        ><rtc-chat></rtc-chat
      ></rtc-room>`,
    );
    const chat = element.querySelector('rtc-chat')!;
    await until(() => opened.has(element.connection.userid), 'stock’s data channel to us is open');

    await typeAndEnter(chat, 'Hello stock');
    await until(() => stockGot.length === 1, 'stock’s onmessage fires');
    expect(stockGot[0]!.data).to.equal('Hello stock');
    expect(stockGot[0]!.userid).to.equal(element.connection.userid);
    expect(stockGot[0]!.extra).to.deep.equal({ fullName: 'Ours' });

    stock.send('<i>from stock</i>');
    await until(() => messages(chat).length === 2, 'stock’s message appears');
    const fromStock = messages(chat)[1]!;
    expect(nameOf(fromStock)).to.equal('Stock Sam');
    expect(textOf(fromStock)).to.equal('<i>from stock</i>');
    expect(fromStock.querySelector('i')).to.equal(null);

    // JSON a page sends for its own purposes is not chat.
    stock.send({ cursor: { x: 1, y: 2 } });
    stock.send('after the JSON');
    await until(() => messages(chat).length === 3, 'the next text arrives');
    expect(textOf(messages(chat)[2]!)).to.equal('after the JSON');
    element.remove();
  });

  it('keeps max-messages in memory, the oldest going first, and reports a value it cannot use', async () => {
    const room = uniqueRoom();
    const element = await fixture<RtcRoom>(
      html`<rtc-room room-id=${room} socket-url=${url()} session="data"
        ><rtc-chat max-messages="3"></rtc-chat
      ></rtc-room>`,
    );
    const chat = element.querySelector('rtc-chat')!;
    await until(() => element.status === 'joined', 'joined');
    for (const text of ['one', 'two', 'three', 'four', 'five']) await typeAndEnter(chat, text);
    await until(() => messages(chat).length === 3 && textOf(messages(chat)[2]!) === 'five', 'the last three are kept');
    expect(messages(chat).map(textOf)).to.deep.equal(['three', 'four', 'five']);
    expect(chat.messages.map((message) => message.text)).to.deep.equal(['three', 'four', 'five']);

    const next = uniqueRoom();
    element.roomId = next;
    await until(() => element.connection.sessionid === next && element.status === 'joined', 'in the next room');
    await until(() => messages(chat).length === 0, 'the last room’s messages go');

    const error = oneEvent(chat, 'rtc-error');
    chat.setAttribute('max-messages', 'lots');
    expect((await error).detail.code).to.equal('invalid-attribute');
    expect((await error).detail.message).to.contain('max-messages');
    element.remove();
  });

  it('says plainly when a presence room (the default) has no data channel', async () => {
    const element = await fixture<RtcRoom>(
      html`<rtc-room room-id=${uniqueRoom()} socket-url=${url()}><rtc-chat></rtc-chat></rtc-room>`,
    );
    const chat = element.querySelector('rtc-chat')!;
    await until(() => element.status === 'joined', 'joined');
    await chat.updateComplete;
    expect(chat.shadowRoot!.querySelector('[part~="notice"]')?.textContent).to.contain('no data channel');
    expect(chat.send('anyone?')).to.equal(false);
    element.remove();
  });

  it('says plainly when the room has no data channel, and sends nothing then', async () => {
    const waiting = await fixture<RtcRoom>(html`<rtc-room><rtc-chat></rtc-chat></rtc-room>`);
    const idle = waiting.querySelector('rtc-chat')!;
    await idle.updateComplete;
    expect(idle.shadowRoot!.querySelector('[part~="notice"]'), 'a room not yet joining has no session yet').to.equal(
      null,
    );
    expect(idle.shadowRoot!.querySelector<HTMLInputElement>('input')!.disabled).to.equal(true);
    waiting.remove();

    const room = uniqueRoom();
    const element = await fixture<RtcRoom>(
      html`<rtc-room room-id=${room} socket-url=${url()} session="audio"><rtc-chat></rtc-chat></rtc-room>`,
    );
    const chat = element.querySelector('rtc-chat')!;
    await until(() => element.status === 'joined', 'joined');
    await chat.updateComplete;
    const notice = chat.shadowRoot!.querySelector('[part~="notice"]');
    expect(notice?.textContent).to.contain('no data channel');
    expect(chat.shadowRoot!.querySelector<HTMLInputElement>('input')!.disabled).to.equal(true);
    expect(chat.shadowRoot!.querySelector<HTMLButtonElement>('button')!.disabled).to.equal(true);
    expect(chat.send('anyone?')).to.equal(false);
    expect(messages(chat)).to.have.length(0);
    element.remove();
  });

  it('has a polite log, a labelled input, translatable strings, and is accessible (axe)', async () => {
    const { aliceChat, bobChat, container } = await twoChats(
      url(),
      { fullName: 'Ada', photo: 'https://example.com/a.png' },
      { fullName: 'Bob' },
    );
    aliceChat.send('Hello, see https://example.com');
    bobChat.send('Hi');
    await until(() => messages(aliceChat).length === 2 && messages(bobChat).length === 2, 'both see both');
    const log = aliceChat.shadowRoot!.querySelector('[part~="log"]')!;
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-live')).to.equal('polite');
    const input = aliceChat.shadowRoot!.querySelector<HTMLInputElement>('input')!;
    expect(input.labels![0]!.textContent).to.equal('Message');
    aliceChat.strings = { messageLabel: 'Nachricht', send: 'Senden', logLabel: 'Chatverlauf' };
    await aliceChat.updateComplete;
    expect(input.labels![0]!.textContent).to.equal('Nachricht');
    expect(input.placeholder, 'a string not overridden stays').to.equal('Type a message; Enter sends');
    expect(aliceChat.shadowRoot!.querySelector('button')!.textContent).to.equal('Senden');
    expect(log.getAttribute('aria-label')).to.equal('Chatverlauf');
    await expect(aliceChat).to.be.accessible();
    container.remove();
  });

  it('send() before the room has joined sends and shows nothing, and says so', async () => {
    const room = await fixture<RtcRoom>(html`<rtc-room room-id=${uniqueRoom()}><rtc-chat></rtc-chat></rtc-room>`);
    const chat = room.querySelector('rtc-chat')!;
    await chat.updateComplete;
    expect(room.status).to.not.equal('joined');
    expect(chat.send('hello?')).to.equal(false);
    expect(chat.messages).to.have.length(0);
    expect(messages(chat)).to.have.length(0);
  });
});
