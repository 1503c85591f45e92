import '../../define/index.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { RTCMultiConnection } from '../../core/index.js';
import type { RtcAvatarStack } from './rtc-avatar-stack.js';
import { uniqueRoom, until } from '../../../test/support/conditions.js';
import { useHarness } from '../../../test/support/browser-setup.js';

function faces(stack: RtcAvatarStack): HTMLElement[] {
  return [...stack.shadowRoot!.querySelectorAll<HTMLElement>('[part~="avatar"]')];
}

function overflow(stack: RtcAvatarStack): HTMLElement | null {
  return stack.shadowRoot!.querySelector<HTMLElement>('[part~="overflow"]');
}

/** A face's accessible name: its image's alt, or its role="img" label. */
function labelOf(face: HTMLElement): string {
  const image = face.querySelector('img');
  return image ? image.alt : face.querySelector('[role="img"]')!.getAttribute('aria-label')!;
}

/**
 * The roster is what the stack shows: nobody needs WebRTC here, so nobody offers a peer connection to a joiner (the
 * server lists everyone all the same), which keeps eight participants light on a small machine.
 */
const signalingOnly = (connection: RTCMultiConnection) => (connection.onNewParticipant = () => {});

describe('<rtc-avatar-stack>', () => {
  const { harness, url } = useHarness();

  /** A room of ours holding `markup`, then `others` more participants joining in order, each named. */
  async function roomWith(markup: string, others: string[]) {
    const roomId = uniqueRoom();
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    container.innerHTML = `<rtc-room room-id="${roomId}" socket-url="${url()}" extra='{"fullName":"Ada Lovelace"}'>${markup}</rtc-room>`;
    const room = container.querySelector('rtc-room')!;
    signalingOnly(room.connection);
    await until(() => room.status === 'joined', 'joined');
    const connections = [];
    for (const name of others) {
      const connection = harness().connection(name, { fullName: name });
      signalingOnly(connection);
      await connection.join(roomId);
      connections.push(connection);
    }
    await until(() => room.participants.length === others.length + 1, 'everyone is listed');
    return { room, stack: container.querySelector('rtc-avatar-stack')!, connections, container };
  }

  it('with 8 participants and max="5" shows 5 faces and "+3", and "+2" after a leave, in a stable order', async () => {
    const names = ['Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal'];
    const { stack, connections, container } = await roomWith('<rtc-avatar-stack max="5"></rtc-avatar-stack>', names);
    await until(() => faces(stack).length === 5 && !!overflow(stack), 'the stack is drawn');
    expect(faces(stack).map(labelOf)).to.deep.equal(['Ada Lovelace (you)', 'Bo', 'Cy', 'Di', 'Ed']);
    expect(faces(stack).map((face) => face.title)).to.deep.equal(faces(stack).map(labelOf), 'tooltips name them');
    expect(faces(stack)[0]!.textContent.trim()).to.equal('AL');
    expect(overflow(stack)!.textContent.trim()).to.equal('+3');
    expect(overflow(stack)!.querySelector('[role="img"]')!.getAttribute('aria-label')).to.equal(
      '3 more: Flo, Gus, Hal',
    );
    expect(stack.shadowRoot!.querySelector('ul')!.getAttribute('aria-label')).to.equal('Participants (8)');

    await connections[1]!.leave(); // Cy, a face
    await until(() => overflow(stack)?.textContent.trim() === '+2', 'the leave shows');
    expect(faces(stack).map(labelOf)).to.deep.equal(['Ada Lovelace (you)', 'Bo', 'Di', 'Ed', 'Flo']);

    await connections[0]!.updateExtraData({ fullName: 'Bob', photo: 'https://example.com/bob.png' });
    await until(() => labelOf(faces(stack)[1]!) === 'Bob', 'the rename shows');
    expect(faces(stack)[1]!.querySelector('img')!.getAttribute('src')).to.equal('https://example.com/bob.png');
    expect(faces(stack).map(labelOf)).to.deep.equal(
      ['Ada Lovelace (you)', 'Bob', 'Di', 'Ed', 'Flo'],
      'a rename keeps the order',
    );
    container.remove();
  });

  it('puts you last with self-last, leaves you out with hide-self, and marks away faces', async () => {
    const { room, stack, connections, container } = await roomWith('<rtc-avatar-stack self-last></rtc-avatar-stack>', [
      'Bo',
      'Cy',
    ]);
    await until(() => faces(stack).length === 3, 'three faces');
    expect(faces(stack).map(labelOf)).to.deep.equal(['Bo', 'Cy', 'Ada Lovelace (you)']);
    expect(overflow(stack), 'no overflow under the default max of 5').to.equal(null);

    await connections[1]!.updateExtraData({ away: true });
    await until(() => faces(stack)[1]!.hasAttribute('data-away'), 'Cy is marked away');
    expect(labelOf(faces(stack)[1]!)).to.equal('Cy (away)');

    stack.hideSelf = true;
    await stack.updateComplete;
    expect(faces(stack).map(labelOf)).to.deep.equal(['Bo', 'Cy (away)']);
    expect(faces(stack).some((face) => face.dataset['userid'] === room.connection.userid)).to.equal(false);
    container.remove();
  });

  it('never loads a javascript: photo, renders names as text, and reports a max it cannot use', async () => {
    const hostile = '<img src=x onerror="window.__pwned=true">';
    const { stack, container } = await roomWith('<rtc-avatar-stack></rtc-avatar-stack>', []);
    const other = harness().connection('hostile', { fullName: hostile, photo: 'javascript:window.__pwned=true' });
    await other.join(stack.closest('rtc-room')!.roomId as string);
    await until(() => faces(stack).length === 2, 'two faces');
    expect(faces(stack)[1]!.querySelector('img')).to.equal(null);
    expect(labelOf(faces(stack)[1]!)).to.equal(hostile);
    expect((window as { __pwned?: boolean }).__pwned).to.equal(undefined);

    const error = oneEvent(stack, 'rtc-error');
    stack.setAttribute('max', 'five');
    expect((await error).detail.code).to.equal('invalid-attribute');
    container.remove();
  });

  it('is accessible (axe), overflow and photos included, translatable', async () => {
    const { stack, connections, container } = await roomWith('<rtc-avatar-stack max="2"></rtc-avatar-stack>', [
      'Bo',
      'Cy',
    ]);
    await connections[0]!.updateExtraData({ photo: 'https://example.com/bo.png' });
    await until(() => !!faces(stack)[1]?.querySelector('img') && !!overflow(stack), 'photo and overflow drawn');
    await expect(stack).to.be.accessible();
    stack.strings = { overflow: '+{count} weitere', more: '{count} weitere: {names}', self: '{name} (du)' };
    await stack.updateComplete;
    expect(overflow(stack)!.textContent.trim()).to.equal('+1 weitere');
    expect(labelOf(faces(stack)[0]!)).to.equal('Ada Lovelace (du)');
    container.remove();
  });
});
