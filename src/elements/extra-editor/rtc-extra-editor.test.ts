import '../../define/index.js';
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RtcRoom } from '../room/rtc-room.js';
import type { RtcExtraEditor } from './rtc-extra-editor.js';
import { uniqueRoom, until } from '../../../test/support/conditions.js';
import { sharedSignalingUrl } from '../../../test/support/signaling.js';

interface OtherPage {
  frame: HTMLIFrameElement;
  document: Document;
  /** `rtc-extra-updated` details seen in the other page. */
  updates: Array<{ userid: string; extra: Record<string, unknown> }>;
}

/**
 * A second page (an iframe) with only markup and the CDN file, as a CMS page
 * would have it: a room and a participant list.
 */
async function otherPage(room: string, url: string): Promise<OtherPage> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="en"><body>
    <script type="module" src="/dist/rtc-elements.js"></script>
    <rtc-room room-id="${room}" socket-url="${url}" extra='{"fullName":"Viewer"}'><rtc-participant-list></rtc-participant-list></rtc-room>
  </body></html>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const page = { frame, document: frame.contentDocument!, updates: [] as OtherPage['updates'] };
  page.document.addEventListener('rtc-extra-updated', (event) => page.updates.push((event as CustomEvent).detail));
  return page;
}

function listedName(page: OtherPage, userid: string): string | undefined {
  const list = page.document.querySelector('rtc-participant-list');
  return list?.shadowRoot?.querySelector(`[data-userid="${userid}"] [part~="name"]`)?.textContent?.trim();
}

function focusInput(editor: RtcExtraEditor, name: string): HTMLInputElement {
  const input = (editor.shadowRoot!.querySelector(`input[name="${name}"]`) ??
    editor.querySelector(`[name="${name}"]`)) as HTMLInputElement;
  input.focus();
  return input;
}

describe('<rtc-extra-editor>', () => {
  let url: string;
  before(async () => {
    url = await sharedSignalingUrl();
  });

  it('a rename typed here appears in the other page’s list, with one rtc-extra-updated per change', async () => {
    const room = uniqueRoom();
    const element = await fixture<RtcRoom>(
      html`<rtc-room room-id=${room} socket-url=${url} extra='{"fullName":"Ada"}'>
        <rtc-extra-editor fields="fullName status"></rtc-extra-editor>
      </rtc-room>`,
    );
    const page = await otherPage(room, url);
    const me = element.connection.userid;
    await until(() => listedName(page, me) === 'Ada', 'the other page lists us');
    const editor = element.querySelector('rtc-extra-editor')!;
    const input = focusInput(editor, 'fullName');
    expect(input.value).to.equal('Ada');

    // One keystroke replacing the whole name: one change, one event over there.
    input.select();
    await sendKeys({ type: 'Z' });
    await until(() => listedName(page, me) === 'Z', 'the one-letter rename arrives');
    // Then a whole name typed: sends are coalesced, the last value always arrives, and nothing repeats.
    await sendKeys({ type: 'oe Smith' });
    await until(() => listedName(page, me) === 'Zoe Smith', 'the typed name arrives');
    await element.updateExtraData({ status: 'marker' });
    await until(
      () => page.updates.some((update) => update.extra['status'] === 'marker'),
      'a later update arrives after everything before it',
    );
    const names = page.updates
      .filter((update) => update.userid === me && update.extra['status'] !== 'marker')
      .map((update) => update.extra['fullName']);
    expect(names[0]).to.equal('Z');
    expect(names.at(-1)).to.equal('Zoe Smith');
    expect(names.length).to.be.lessThan(9, 'fewer events than keystrokes: coalesced');
    expect(new Set(names).size).to.equal(names.length, 'no duplicate events');
    page.frame.remove();
    element.remove();
  });

  it('binds the author’s own controls by name: checkbox → boolean, number → number, dotted names → nested objects', async () => {
    const element = await fixture<RtcRoom>(
      html`<rtc-room room-id=${uniqueRoom()} socket-url=${url} extra='{"fullName":"Ada","address":{"country":"UK"}}'>
        <rtc-extra-editor>
          <label
            >Status
            <select name="status">
              <option>available</option>
              <option>busy</option>
            </select></label
          >
          <label><input type="checkbox" name="muted" /> Muted</label>
          <label>Age <input type="number" name="age" /></label>
          <label>City <input name="address.city" /></label>
        </rtc-extra-editor>
      </rtc-room>`,
    );
    await until(() => element.status === 'joined', 'joined');
    const editor = element.querySelector('rtc-extra-editor')!;
    const select = editor.querySelector('select')!;
    select.value = 'busy';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    editor.querySelector<HTMLInputElement>('[name="muted"]')!.click();
    focusInput(editor, 'age');
    await sendKeys({ type: '42' });
    focusInput(editor, 'address.city');
    await sendKeys({ type: 'Bath' });
    await until(() => (element.extra['address'] as { city?: string })?.city === 'Bath', 'the last edit is in');
    expect(element.extra).to.deep.equal({
      fullName: 'Ada',
      status: 'busy',
      muted: true,
      age: 42,
      address: { country: 'UK', city: 'Bath' },
    });
    element.remove();
  });

  it('refuses an oversize value inline, sends nothing and keeps what was typed', async () => {
    const errors: string[] = [];
    const element = await fixture<RtcRoom>(
      html`<rtc-room
        room-id=${uniqueRoom()}
        socket-url=${url}
        extra='{"fullName":"Ada"}'
        @rtc-error=${(event: CustomEvent) => errors.push(event.detail.code)}
      >
        <rtc-extra-editor fields="fullName bio"></rtc-extra-editor>
      </rtc-room>`,
    );
    await until(() => element.status === 'joined', 'joined');
    element.connection.extraSizeLimit = 60;
    const editor = element.querySelector('rtc-extra-editor')!;
    const bio = focusInput(editor, 'bio');
    await sendKeys({ type: 'This biography is much too long for the limit' });
    const message = editor.shadowRoot!.querySelector('[part~="error"]')!;
    await until(() => !message.hasAttribute('hidden'), 'an inline message shows');
    expect(message.getAttribute('role')).to.equal('alert');
    expect(message.textContent).to.contain('over the limit');
    expect(errors).to.include('extra-too-large');
    expect(bio.value).to.equal('This biography is much too long for the limit', 'nothing typed is lost');
    expect(JSON.stringify(element.extra['bio'] ?? '').length - 2).to.be.lessThan(40, 'the last good extra stays');
    element.remove();
  });

  it('never moves the caret or overwrites the field being typed in, and a form reset restores the last sent extra', async () => {
    const room = uniqueRoom();
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <rtc-room room-id=${room} socket-url=${url} extra='{"fullName":"Ada"}'
          ><rtc-extra-editor fields="fullName" name="profile"></rtc-extra-editor
        ></rtc-room>
        <rtc-room room-id=${room} socket-url=${url} extra='{"fullName":"Bob"}'></rtc-room>
      </form>`,
    );
    const [mine, theirs] = [...form.querySelectorAll('rtc-room')] as [RtcRoom, RtcRoom];
    await until(() => mine.participants.length === 2 && theirs.participants.length === 2, 'both in');
    const editor = mine.querySelector('rtc-extra-editor')!;
    const input = focusInput(editor, 'fullName');
    input.setSelectionRange(1, 1);
    await sendKeys({ type: 'n' });
    expect(input.value).to.equal('Anda');
    expect(input.selectionStart).to.equal(2);
    // Remote and programmatic changes re-render the room around the field being typed in.
    await theirs.updateExtraData({ fullName: 'Bobby' });
    await mine.updateExtraData({ status: 'typing' });
    await until(() => mine.participants.some((p) => p.extra['fullName'] === 'Bobby'), 'the remote change arrived');
    await editor.updateComplete;
    expect(input.value).to.equal('Anda');
    expect(input.selectionStart).to.equal(2, 'the caret stayed');
    expect(new FormData(form).get('profile')).to.equal(JSON.stringify(mine.connection.extra));

    // Typing past the size limit: the keystrokes that still fit were sent, the rest refused; reset brings back the last sent.
    mine.connection.extraSizeLimit = 50;
    input.setSelectionRange(input.value.length, input.value.length);
    await sendKeys({ type: ' with a name far too long to fit' });
    await until(() => !editor.shadowRoot!.querySelector('[part~="error"]')!.hasAttribute('hidden'), 'refused');
    const lastSent = mine.connection.extra['fullName'] as string;
    expect(lastSent.startsWith('Anda')).to.equal(true);
    expect(input.value).to.equal('Anda with a name far too long to fit', 'the field keeps what was typed');
    form.reset();
    await until(() => input.value === lastSent, 'reset restores the last sent name');
    form.remove();
  });

  it('shows the extra in force when the room joins, even when it was set after the editor was ready', async () => {
    const element = await fixture<RtcRoom>(
      html`<rtc-room socket-url=${url}><rtc-extra-editor fields="fullName"></rtc-extra-editor></rtc-room>`,
    );
    element.setAttribute('extra', JSON.stringify({ fullName: 'Late Ada' }));
    element.roomId = uniqueRoom();
    const editor = element.querySelector('rtc-extra-editor')!;
    await until(() => element.status === 'joined', 'joined');
    await until(
      () => editor.shadowRoot!.querySelector<HTMLInputElement>('input[name="fullName"]')!.value === 'Late Ada',
      'the field shows the name',
    );
    element.remove();
  });

  it('is accessible (axe)', async () => {
    const element = await fixture<RtcRoom>(
      html`<rtc-room room-id=${uniqueRoom()} socket-url=${url} extra='{"fullName":"Ada","available":true}'>
        <rtc-extra-editor fields="fullName available"></rtc-extra-editor>
      </rtc-room>`,
    );
    await until(() => element.status === 'joined', 'joined');
    await expect(element.querySelector('rtc-extra-editor')).to.be.accessible();
    element.remove();
  });
});
