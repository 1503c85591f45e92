/**
 * A hostile raw socket.io client in a room of ours sends over 10 000 malformed
 * frames. Zero uncaught errors, zero script executions (no dialog, no injected
 * node), no prototype touched, the roster still correct, rows still escaped,
 * and the room still usable afterwards.
 */
import '../../src/define/index.js';
import { expect, fixture, html } from '@open-wc/testing';
import { io } from 'socket.io-client';
import type { RtcParticipantList, RtcRoom } from '../../src/index.js';
import { uniqueRoom, until } from '../support/conditions.js';
import { sharedSignalingUrl } from '../support/signaling.js';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  'javascript:window.__pwned=1',
  'data:text/html,<script>window.__pwned=1</script>',
];

/**
 * Malformed values of every type, for every field. Strings stop at 900 KB: a
 * packet over 1 MB only makes the stock server drop the sender. Nesting stops at 2 000
 * levels: deeper, socket.io's own encoder (the hostile client's, and the
 * stock server's when it relays) overflows its stack, so it never reaches a page.
 */
function oddValues(index: number, victim: string): unknown[] {
  let deep: unknown = 'bottom';
  for (let level = 0; level < 2_000; level++) deep = { deep };
  const text = PAYLOADS[index % PAYLOADS.length]!;
  return [
    null,
    42,
    'string',
    [1, [2, [3]]],
    true,
    { __proto__: { polluted: 1 } },
    JSON.parse(`{"__proto__": {"polluted": ${index}}, "constructor": {"prototype": {"polluted": 1}}}`),
    { fullName: text, photo: text, avatar: text, [text]: text },
    index % 2000 === 0 ? deep : { shallow: true },
    index % 2500 === 0 ? { huge: 'x'.repeat(900_000) } : { small: 'x' },
    { remoteUserId: victim, sender: {}, message: [] },
  ];
}

describe('a hostile peer', () => {
  it('sends 10 000+ malformed frames and changes nothing it should not', async () => {
    // The stock server relays anything; ours would refuse most of these frames before they reached the page.
    const url = await sharedSignalingUrl('stock');
    const room = uniqueRoom();
    const dialogs: string[] = [];
    for (const name of ['alert', 'confirm', 'prompt'] as const)
      window[name] = ((message?: string) => dialogs.push(`${name}:${message}`)) as never;
    const container = await fixture<HTMLDivElement>(
      html`<div>
        <rtc-room room-id=${room} socket-url=${url} extra='{"fullName":"Alice"}'
          ><rtc-participant-list></rtc-participant-list
        ></rtc-room>
        <rtc-room room-id=${room} socket-url=${url} extra='{"fullName":"Bob"}'
          ><rtc-participant-list></rtc-participant-list
        ></rtc-room>
      </div>`,
    );
    const [alice, bob] = [...container.querySelectorAll('rtc-room')] as [RtcRoom, RtcRoom];
    await until(() => alice.participants.length === 2 && bob.participants.length === 2, 'alice and bob are in');

    const hostileId = `hostile-${room}`;
    const hostile = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      query: { userid: hostileId, msgEvent: 'RTCMultiConnection-Message', extra: '{}' },
    });
    await new Promise<void>((resolve) => hostile.once('connect', () => resolve()));
    await new Promise((resolve) =>
      hostile.emit(
        'join-room',
        { sessionid: room, session: { data: true }, extra: { fullName: 'Mallory' }, password: '' },
        resolve,
      ),
    );
    hostile.emit('RTCMultiConnection-Message', {
      remoteUserId: room,
      sender: hostileId,
      message: { newParticipationRequest: true, isDataOnly: true },
    });
    await until(() => alice.participants.length === 3 && bob.participants.length === 3, 'the hostile peer is listed');

    let frames = 0;
    const send = (event: string, ...args: unknown[]) => {
      hostile.emit(event, ...args);
      frames++;
    };
    const victims = [alice.connection.userid, bob.connection.userid];
    for (let index = 0; frames < 10_000; index++) {
      const victim = victims[index % 2]!;
      for (const value of oddValues(index, victim)) {
        send('extra-data-updated', value);
        // Every field of the envelope with a wrong type in turn, and the message body too.
        send('RTCMultiConnection-Message', { remoteUserId: victim, sender: hostileId, message: value });
        send('RTCMultiConnection-Message', { remoteUserId: value, sender: hostileId, message: { candidate: 'x' } });
        send('RTCMultiConnection-Message', { remoteUserId: victim, sender: value, message: { userLeft: true } });
      }
      // Spoofed senders: a goodbye and a fake offer in the other victim's name.
      const other = victims[(index + 1) % 2]!;
      send('RTCMultiConnection-Message', { remoteUserId: victim, sender: other, message: { userLeft: true } });
      send('RTCMultiConnection-Message', {
        remoteUserId: victim,
        sender: other,
        message: { type: 'offer', sdp: 'v=0 bogus', renegotiatingPeer: true },
      });
      send('RTCMultiConnection-Message', {
        remoteUserId: victim,
        sender: hostileId,
        message: { type: 'text', uuid: 'u', message: PAYLOADS[0], last: true },
      });
    }
    // Someone outside the room links itself to bob by messaging him, then pushes extra: not a participant, never listed.
    const outsiderId = `outsider-${room}`;
    const outsider = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      query: { userid: outsiderId, msgEvent: 'RTCMultiConnection-Message', extra: '{}' },
    });
    await new Promise<void>((resolve) => outsider.once('connect', () => resolve()));
    outsider.emit('RTCMultiConnection-Message', {
      remoteUserId: bob.connection.userid,
      sender: outsiderId,
      message: { hello: 'there' },
    });
    for (let index = 0; index < 100; index++) outsider.emit('extra-data-updated', { fullName: `Outsider ${index}` });
    frames += 101;
    // Once the server answers this, it has fanned all of the above out: bob gets them before anything sent after.
    await new Promise((resolve) => outsider.emit('get-remote-user-extra-data', outsiderId, resolve));

    // Finally a well-formed but hostile extra, which must render as inert text.
    hostile.emit('extra-data-updated', { fullName: `Final ${PAYLOADS[0]}`, photo: PAYLOADS[3], bio: PAYLOADS[1] });
    const bobList = bob.querySelector('rtc-participant-list') as RtcParticipantList;
    const hostileRow = () => bobList.shadowRoot!.querySelector<HTMLElement>(`[data-userid="${hostileId}"]`);
    await until(
      () => hostileRow()?.querySelector('[part~="name"]')?.textContent?.includes(`Final ${PAYLOADS[0]}`) ?? false,
      'the last extra shows, as text',
      20000,
    );

    expect(frames).to.be.at.least(10_000);
    expect(window.__pwned, 'no script ran').to.equal(undefined);
    expect(dialogs, 'no dialog').to.deep.equal([]);
    expect(({} as Record<string, unknown>)['polluted'], 'no prototype touched').to.equal(undefined);
    expect(hostileRow()!.querySelectorAll('img, script, svg')).to.have.length(0);
    expect(hostileRow()!.querySelector('dd')!.textContent).to.equal(PAYLOADS[1]);
    for (const connection of [alice.connection, bob.connection]) {
      expect(connection.participants.map((participant) => participant.userid).sort()).to.deep.equal(
        [alice.connection.userid, bob.connection.userid, hostileId].sort(),
        'roster intact',
      );
    }
    expect(alice.participants.find((participant) => participant.userid === bob.connection.userid)?.extra).to.deep.equal(
      { fullName: 'Bob' },
    );

    // Still usable.
    await alice.updateExtraData({ fullName: 'Alice, still here' });
    await until(
      () => bob.participants.some((participant) => participant.extra['fullName'] === 'Alice, still here'),
      'an update still travels',
    );
    expect(
      bob.participants.some((participant) => participant.userid === outsiderId),
      'the outsider is not listed',
    ).to.equal(false);
    hostile.disconnect();
    outsider.disconnect();
    container.remove();
  });
});
