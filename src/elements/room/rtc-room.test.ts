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
    wrapper.addEventListener('rtc-room-status-changed', (event) => statuses.push(event.detail.status));
    const joined = oneEvent(wrapper, 'rtc-participant-joined');
    wrapper.innerHTML = `<rtc-room room-id="${room}" socket-url="${url}" extra='{"fullName":"Ada"}'></rtc-room>`;
    const element = wrapper.querySelector('rtc-room')!;
    const event = await joined;
    expect(event.detail.userid).to.equal(element.connection.userid);
    expect(event.detail.extra).to.deep.equal({ fullName: 'Ada' });
    await until(() => element.status === 'joined', 'joined');
    expect(element.getAttribute('status')).to.equal('joined');
    expect(statuses).to.deep.equal(['connecting', 'joined']);
    expect(element.connection.session).to.deep.equal({}, 'presence only unless asked: no WebRTC, no camera prompt');
    expect(element.participants.map((participant) => participant.extra)).to.deep.equal([{ fullName: 'Ada' }]);

    const updated = oneEvent(wrapper, 'rtc-extra-updated');
    await element.updateExtraData({ status: 'here' });
    expect((await updated).detail).to.deep.include({ isLocal: true, changed: ['status'] });
    expect(element.extra).to.deep.equal({ fullName: 'Ada', status: 'here' });

    // Removed from the page, it leaves (its events now reach only itself).
    const left = oneEvent(element, 'rtc-room-status-changed');
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
      () => errors.includes('extra-not-json') && errors.includes('connection-failed'),
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

  describe('attributes and properties, however a framework sets them', () => {
    /** Two rooms side by side: `observer` sees what `element` publishes. */
    async function pair(setUp: (element: RtcRoom) => void) {
      const room = uniqueRoom();
      const observer = await fixture<RtcRoom>(
        html`<rtc-room room-id=${room} socket-url=${url} extra='{"fullName":"Observer"}'></rtc-room>`,
      );
      await until(() => observer.status === 'joined', 'the observer joined');
      const errors: Array<{ code: string; message: string }> = [];
      const element = document.createElement('rtc-room');
      element.addEventListener('rtc-error', (event) => errors.push(event.detail));
      setUp(element);
      element.roomId = room;
      element.socketUrl = url;
      document.body.append(element);
      await until(() => element.status === 'joined', 'the element joined');
      const seen = () => observer.participants.find((participant) => !participant.isLocal)?.extra;
      await until(() => seen() !== undefined, 'the observer sees it');
      return { element, observer, errors, seen };
    }

    it('takes extra as an object or as JSON text (a framework setting the property from markup), the same', async () => {
      const asText = await pair((element) => (element.extra = '{"fullName":"Ada","tags":["a"]}'));
      const asObject = await pair((element) => (element.extra = { fullName: 'Ada', tags: ['a'] }));
      for (const { element, observer, errors, seen } of [asText, asObject]) {
        expect(seen()).to.deep.equal({ fullName: 'Ada', tags: ['a'] });
        expect(element.extra).to.deep.equal({ fullName: 'Ada', tags: ['a'] });
        expect(errors).to.deep.equal([]);
        element.extra = '{"fullName":"Grace"}';
        await until(() => seen()?.['fullName'] === 'Grace', 'a JSON string set later is published as an object');
        // Edited since (as in <rtc-extra-editor>), then the same text set again by a re-render: the edit stays.
        await element.updateExtraData({ status: 'typed' });
        element.extra = '{"fullName":"Grace"}';
        await until(() => seen()?.['status'] === 'typed', 'the edit arrives');
        expect(element.extra).to.deep.equal({ fullName: 'Grace', status: 'typed' });
        element.remove();
        observer.remove();
      }
    });

    it('refuses a number, text that is not JSON, JSON that is not an object, with rtc-error, publishing nothing', async () => {
      const { element, observer, errors, seen } = await pair((element) => (element.extra = { fullName: 'Ada' }));
      const bad: unknown[] = [42, 'not json', '[1,2]', '"Ada"', 'null', [{ fullName: 'x' }], true];
      for (const value of bad) element.extra = value as string;
      expect(errors.map((error) => error.code)).to.deep.equal([
        'extra-not-object',
        'extra-not-json',
        'extra-not-object',
        'extra-not-object',
        'extra-not-object',
        'extra-not-object',
        'extra-not-object',
      ]);
      expect(errors[1]!.message).to.match(/^extra is not valid JSON/);
      // A framework re-rendering sets the same value again: that is not a new mistake.
      element.extra = true as unknown as string;
      expect(errors).to.have.length(bad.length);
      expect(element.status).to.equal('joined', 'a bad value does not take the room down');
      // A good update after the bad ones arrives alone: nothing of the bad ones was sent before it.
      const updates: unknown[] = [];
      observer.addEventListener('rtc-extra-updated', (event) => updates.push(event.detail.extra));
      element.extra = { fullName: 'Ada', status: 'ok' };
      await until(() => seen()?.['status'] === 'ok', 'the good update arrives');
      expect(updates).to.deep.equal([{ fullName: 'Ada', status: 'ok' }]);
      expect(element.extra).to.deep.equal({ fullName: 'Ada', status: 'ok' });
      element.remove();
      observer.remove();
    });

    it('takes numbers as frameworks pass them, and reports values it cannot use instead of guessing', async () => {
      const { element, observer, errors } = await pair((element) => {
        element.maxParticipants = '5';
        element.throttle = '0';
      });
      expect(element.connection.maxParticipantsAllowed).to.equal(5);
      expect(element.connection.extraUpdateInterval).to.equal(0);
      expect(errors).to.deep.equal([]);
      element.remove();
      observer.remove();

      const numericRoom = await fixture<RtcRoom>(html`<rtc-room .socketUrl=${url}></rtc-room>`);
      numericRoom.roomId = Date.now();
      await until(() => numericRoom.status === 'joined', 'a number room id joins');
      expect(numericRoom.connection.sessionid).to.equal(String(numericRoom.roomId));
      numericRoom.remove();

      const refused: string[] = [];
      const typo = document.createElement('rtc-room');
      typo.addEventListener('rtc-error', (event) => refused.push(`${event.detail.code}: ${event.detail.message}`));
      Object.assign(typo, { session: 'audio vidoe', roomId: uniqueRoom(), socketUrl: url });
      document.body.append(typo);
      await until(() => typo.status === 'error', 'an unknown session token is an error');
      expect(refused).to.deep.equal([
        'invalid-attribute: session: unknown token "vidoe" (use presence, or any of audio, video, data, screen, oneway, broadcast)',
      ]);
      expect(typo.connection.connectionState).to.equal('idle', 'it did not join as a data room');
      typo.session = ['data'];
      await until(() => typo.status === 'joined', 'it joins once the session is fixed (an array works too)');
      typo.maxParticipants = 'many';
      typo.throttle = -1;
      await until(() => refused.length === 3, 'both are reported');
      expect(refused.slice(1).sort()).to.deep.equal([
        'invalid-attribute: max-participants must be a whole number of at least 1, not the text "many"',
        'invalid-attribute: throttle must be a whole number of at least 0, not the number -1',
      ]);
      expect(typo.status).to.equal('joined', 'it stays in its room');
      typo.remove();
    });
  });
});
