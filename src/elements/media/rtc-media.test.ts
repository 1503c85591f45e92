import '../../define/index.js';
import { expect, fixture, html } from '@open-wc/testing';
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
});
