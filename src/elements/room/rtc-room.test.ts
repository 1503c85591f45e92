import '../../define/index.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { RtcRoom } from './rtc-room.js';
import type { RtcParticipantList } from '../participant-list/rtc-participant-list.js';
import { uniqueRoom, until } from '../../../test/support/conditions.js';
import { sharedSignalingUrl } from '../../../test/support/signaling.js';

/** A component of someone else's with its own shadow root, holding our list inside. */
class TestPanel extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<section><rtc-participant-list></rtc-participant-list></section>';
  }
}
customElements.define('test-panel', TestPanel);

describe('<rtc-room>', () => {
  let url: string;
  before(async () => {
    url = await sharedSignalingUrl();
  });

  it('joins with its attributes, reflects its status, and forwards events as bubbling, composed rtc-* events', async () => {
    const room = uniqueRoom();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const statuses: string[] = [];
    wrapper.addEventListener('rtc-status-changed', (event) => statuses.push(event.detail.status));
    const joined = oneEvent(wrapper, 'rtc-participant-joined');
    wrapper.innerHTML = `<rtc-room room-id="${room}" socket-url="${url}" extra='{"fullName":"Ada"}'></rtc-room>`;
    const element = wrapper.querySelector('rtc-room')!;
    const event = await joined;
    expect(event.detail.userid).to.equal(element.connection.userid);
    expect(event.detail.extra).to.deep.equal({ fullName: 'Ada' });
    await until(() => element.status === 'joined', 'joined');
    expect(element.getAttribute('status')).to.equal('joined');
    expect(statuses).to.deep.equal(['connecting', 'joined']);
    expect(element.connection.session).to.deep.equal({ data: true }, 'no camera prompt unless asked');
    expect(element.participants.map((participant) => participant.extra)).to.deep.equal([{ fullName: 'Ada' }]);

    const updated = oneEvent(wrapper, 'rtc-extra-updated');
    await element.updateExtraData({ status: 'here' });
    expect((await updated).detail).to.deep.include({ isLocal: true, changed: ['status'] });
    expect(element.extra).to.deep.equal({ fullName: 'Ada', status: 'here' });

    // Removed from the page, it leaves (its events now reach only itself).
    const left = oneEvent(element, 'rtc-status-changed');
    element.remove();
    expect((await left).detail.status).to.equal('closed');
  });

  it('provides its connection through another component’s shadow root', async () => {
    const room = uniqueRoom();
    const element = await fixture<RtcRoom>(
      html`<rtc-room room-id=${room} socket-url=${url} extra='{"fullName":"Grace"}'
        ><test-panel></test-panel
      ></rtc-room>`,
    );
    const list = element
      .querySelector('test-panel')!
      .shadowRoot!.querySelector('rtc-participant-list') as RtcParticipantList;
    await until(
      () => list.shadowRoot?.querySelectorAll('[part~="participant"]').length === 1,
      'the nested list shows the participant',
    );
    expect(list.shadowRoot!.querySelector('[part~="name"]')!.textContent).to.contain('Grace');
    element.remove();
  });

  it('moves rooms when room-id changes', async () => {
    const [first, second] = [uniqueRoom('first'), uniqueRoom('second')];
    const element = await fixture<RtcRoom>(html`<rtc-room room-id=${first} socket-url=${url}></rtc-room>`);
    const other = await fixture<RtcRoom>(
      html`<rtc-room room-id=${second} socket-url=${url} extra='{"fullName":"Other"}'></rtc-room>`,
    );
    await until(() => element.status === 'joined' && other.status === 'joined', 'both joined');
    element.roomId = second;
    await until(
      () => element.participants.length === 2 && element.connection.sessionid === second,
      'element is in the second room with the other',
    );
    expect(element.participants.find((participant) => !participant.isLocal)?.extra).to.deep.equal({
      fullName: 'Other',
    });
    element.remove();
    other.remove();
  });

  it('says when socket-url is missing, and joins once it is set', async () => {
    const messages: string[] = [];
    const wrapper = await fixture<HTMLDivElement>(
      html`<div @rtc-error=${(event: CustomEvent) => messages.push(event.detail.message)}></div>`,
    );
    wrapper.innerHTML = `<rtc-room room-id="${uniqueRoom()}"></rtc-room>`;
    const element = wrapper.querySelector('rtc-room')!;
    await until(() => element.status === 'error', 'an error status');
    expect(messages.join()).to.contain('socket-url is missing');
    element.setAttribute('socket-url', url);
    await until(() => element.status === 'joined', 'joined once fixed');
    element.remove();
  });

  it('reports bad configuration clearly, and recovers when it is fixed', async () => {
    const errors: string[] = [];
    const wrapper = await fixture<HTMLDivElement>(
      html`<div @rtc-error=${(event: CustomEvent) => errors.push(event.detail.code)}></div>`,
    );
    wrapper.innerHTML = `<rtc-room room-id="${uniqueRoom()}" socket-url="http://127.0.0.1:9/" extra='{"broken"'></rtc-room>`;
    const element = wrapper.querySelector('rtc-room')!;
    await until(
      () => errors.includes('invalid-attribute') && errors.includes('connection-failed'),
      'both problems are reported',
    );
    expect(element.status).to.equal('error');
    element.setAttribute('extra', '{"fullName":"Fixed"}');
    element.socketUrl = url;
    await until(() => element.status === 'joined', 'the fixed room joins');
    expect(element.extra).to.deep.equal({ fullName: 'Fixed' });
    element.remove();
  });

  it('takes room ids with any characters, and refuses an oversize extra attribute until it is fixed', async () => {
    const errors: string[] = [];
    const odd = `${uniqueRoom()} a/b?c#d&e=%20 ü 🎉 <x>`;
    const wrapper = await fixture<HTMLDivElement>(
      html`<div @rtc-error=${(event: CustomEvent) => errors.push(event.detail.code)}></div>`,
    );
    const element = document.createElement('rtc-room');
    element.setAttribute('socket-url', url);
    element.setAttribute('extra', JSON.stringify({ fullName: 'Big', bio: 'x'.repeat(5000) }));
    element.setAttribute('room-id', odd);
    wrapper.append(element);
    await until(
      () => errors.includes('extra-too-large') && element.status === 'error',
      'the oversize extra is refused',
    );
    element.setAttribute('extra', JSON.stringify({ fullName: 'Small' }));
    await until(() => element.status === 'joined', 'it joins once the extra fits');
    expect(element.connection.sessionid).to.equal(odd);
    const other = await fixture<RtcRoom>(
      html`<rtc-room room-id=${odd} socket-url=${url} extra='{"fullName":"Other"}'></rtc-room>`,
    );
    await until(() => other.participants.length === 2, 'a second participant finds the same odd room');
    expect(other.participants.find((participant) => !participant.isLocal)?.extra).to.deep.equal({ fullName: 'Small' });
    element.remove();
    other.remove();
  });
});
