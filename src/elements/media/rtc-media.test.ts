import '../../define/index.js';
import { expect, fixture, html } from '@open-wc/testing';
import { ELEMENT_EVENTS, type RtcEventMap } from '../../index.js';
import type { RtcRoom } from '../room/rtc-room.js';
import type { RtcMedia } from './rtc-media.js';
import { uniqueRoom, until } from '../../../test/support/conditions.js';
import { sharedSignalingUrl } from '../../../test/support/signaling.js';

function tiles(media: RtcMedia): HTMLElement[] {
  return [...media.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tile"]')];
}

describe('<rtc-media>', () => {
  it('shows every participant’s camera labelled with their name, relabels on rename, mutes your own', async () => {
    const url = await sharedSignalingUrl();
    const room = uniqueRoom();
    const container = await fixture<HTMLDivElement>(
      html`<div>
        <rtc-room room-id=${room} socket-url=${url} session="audio video" extra='{"fullName":"Ada"}'
          ><rtc-media></rtc-media
        ></rtc-room>
        <rtc-room room-id=${room} socket-url=${url} session="audio video" extra='{"fullName":"Bob"}'
          ><rtc-media hide-local></rtc-media
        ></rtc-room>
      </div>`,
    );
    const [ada, bob] = [...container.querySelectorAll('rtc-room')] as [RtcRoom, RtcRoom];
    const [adaMedia, bobMedia] = [...container.querySelectorAll('rtc-media')] as [RtcMedia, RtcMedia];
    await until(
      () => tiles(adaMedia).length === 2 && tiles(bobMedia).length === 1,
      'two tiles for Ada, one (no local) for Bob',
    );
    const labels = () => tiles(adaMedia).map((tile) => tile.querySelector('[part~="label"]')!.textContent);
    expect(labels()).to.deep.equal(['Ada', 'Bob']);
    const own = tiles(adaMedia).find((tile) => tile.hasAttribute('data-local'))!;
    expect(own.querySelector('video')!.muted).to.equal(true);
    const remote = tiles(adaMedia)
      .find((tile) => !tile.hasAttribute('data-local'))!
      .querySelector('video')!;
    expect(remote.muted).to.equal(false);
    await until(() => remote.readyState >= 2, 'the remote video plays');

    await expect(adaMedia).to.be.accessible();

    await bob.updateExtraData({ fullName: 'Robert' });
    await until(() => labels()[1] === 'Robert', 'relabelled live');
    expect(tiles(bobMedia)[0]!.dataset['userid']).to.equal(ada.connection.userid);
    container.remove();
  });

  it('brings every core event to the page as its rtc-* event, with the core event’s fields as detail', async () => {
    const url = await sharedSignalingUrl();
    const room = uniqueRoom();
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    /** Per element event: the details seen on the container, each to be the fields of a core event. */
    const seen = new Map<string, object[]>();
    const coreFields = new WeakSet<object>();
    container.innerHTML = ['Ada', 'Bob']
      .map(
        (name) => `<rtc-room room-id="${room}" socket-url="${url}" session="audio video data"
          extra='{"fullName":"${name}"}'><rtc-media></rtc-media></rtc-room>`,
      )
      .join('');
    const [ada, bob] = [...container.querySelectorAll('rtc-room')] as [RtcRoom, RtcRoom];
    for (const [type, elementType] of Object.entries(ELEMENT_EVENTS)) {
      for (const room of [ada, bob]) {
        room.connection.addEventListener(type, (event) =>
          coreFields.add((event as unknown as { fields: object }).fields),
        );
      }
      container.addEventListener(elementType, (event: RtcEventMap[typeof elementType]) => {
        seen.set(elementType, [...(seen.get(elementType) ?? []), event.detail]);
      });
    }
    await until(() => seen.has('rtc-open') && seen.has('rtc-stream') && seen.get('rtc-stream')!.length >= 4, 'media');
    ada.send('hello');
    ada.connection.mute('audio');
    ada.connection.unmute('audio');
    await ada.updateExtraData({ fullName: 'Ada L' });
    // A refused update is the connection's error event.
    await ada.updateExtraData({ bio: 'x'.repeat(5000) }).catch(() => {});
    await until(() => ['rtc-message', 'rtc-mute', 'rtc-unmute'].every((type) => seen.has(type)), 'message and mutes');
    // Bob's transport drops: Ada sees him stale, he schedules a reconnect and comes back.
    bob.connection.socket!.io.engine.close();
    // (Bob sees Ada go stale and come back too, interleaved with Ada's view in an order that varies.)
    const adaSeesBob = () =>
      (seen.get('rtc-participant-status-changed') as { userid: string; status: string }[] | undefined)
        ?.filter((detail) => detail.userid === bob.connection.userid)
        .map((detail) => detail.status);
    await until(
      () => adaSeesBob()?.join() === 'stale,online' && bob.status === 'joined',
      'Bob is stale, then online again',
    );
    expect(seen.has('rtc-reconnect-scheduled')).to.equal(true);
    // A data channel closes, then Bob leaves. (His leaving closes it too, but Ada hears of that only when the
    // channel's close outruns his goodbye: otherwise she drops the peer herself, which is no channel event.)
    (seen.get('rtc-open')![0] as { channel: RTCDataChannel }).channel.close();
    await until(() => seen.has('rtc-close'), 'the channel closes');
    bob.remove();
    await until(() => seen.has('rtc-participant-left'), 'Bob leaves');
    await until(() => seen.has('rtc-stream-ended'), 'his streams end');
    expect([...seen.keys()].sort()).to.deep.equal(Object.values(ELEMENT_EVENTS).sort());
    for (const [type, details] of seen)
      expect(
        details.every((detail) => coreFields.has(detail)),
        type,
      ).to.equal(true);
    container.remove();
  });
});
