/**
 * The elements take light or dark from the page they sit in, not from the operating system: axe finds nothing with a
 * light-only page in a dark browser, a dark-only page in a light browser, and a `light dark` page in both.
 *
 * Each page is an iframe: a frame's `prefers-color-scheme` is its `<iframe>` element's color-scheme (CSS Color
 * Adjust), which stands in for the browser's preference the same way in Chromium and in Firefox (whose WebDriver BiDi
 * cannot emulate the media feature).
 */
import { expect } from '@open-wc/testing';
import type { RtcChat, RtcExtraEditor, RtcRoom } from '../../src/index.js';
import { uniqueRoom, until } from '../support/conditions.js';
import { sharedSignalingUrl } from '../support/signaling.js';

interface AxeResults {
  violations: Array<{ id: string; nodes: Array<{ target: unknown; failureSummary?: string }> }>;
}
type PageWindow = Window & typeof globalThis & { axe?: { run(context: Element): Promise<AxeResults> } };

/** What axe reports for the page's main region, one line per failing node. */
async function violations(page: PageWindow): Promise<string[]> {
  const results = await page.axe!.run(page.document.querySelector('main')!);
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} ${JSON.stringify(node.target)}: ${node.failureSummary ?? ''}`),
  );
}

describe('theme from the page', () => {
  let url: string;
  let frame: HTMLIFrameElement | undefined;
  before(async () => {
    url = await sharedSignalingUrl();
  });
  afterEach(async () => {
    const rooms = [...(frame?.contentDocument?.querySelectorAll('rtc-room') ?? [])];
    await Promise.all(rooms.map((room) => room.leave()));
    frame?.remove();
    frame = undefined;
  });

  /**
   * A page declaring `pageScheme`, in a browser preferring `browserScheme`: two participants in one room, each with a
   * face pile, a list saying when extra changed, an editor (one of them showing its inline error), media and a chat, on
   * the page's own canvas colours; Grace is away, and a chat message with a link went round.
   */
  async function render(pageScheme: string, browserScheme: string): Promise<PageWindow> {
    const room = uniqueRoom();
    const regions = ['Ada Lovelace', 'Grace Hopper']
      .map(
        (name) => `<section aria-label="${name}"><rtc-room room-id="${room}" socket-url="${url}" session="data"
          extra='${JSON.stringify({ fullName: name, status: 'busy' })}'>
          <rtc-avatar-stack max="1"></rtc-avatar-stack>
          <rtc-participant-list show-changed></rtc-participant-list>
          <rtc-extra-editor fields="fullName status"></rtc-extra-editor>
          <rtc-media></rtc-media>
          <rtc-chat></rtc-chat>
        </rtc-room></section>`,
      )
      .join('');
    frame = document.createElement('iframe');
    frame.style.cssText = `color-scheme: ${browserScheme}; width: 900px; height: 700px`;
    frame.srcdoc = `<!doctype html><html lang="en" style="color-scheme: ${pageScheme}"><head><title>theme</title>
      <script src="/node_modules/axe-core/axe.min.js"></script>
      <script type="module" src="/src/define/index.ts"></script></head>
      <body><main style="background: Canvas; color: CanvasText; padding: 1rem">${regions}</main></body></html>`;
    const loaded = new Promise((resolve) => (frame!.onload = resolve));
    document.body.append(frame);
    await loaded;
    const page = frame.contentWindow as PageWindow;
    expect(page.matchMedia('(prefers-color-scheme: dark)').matches).to.equal(browserScheme === 'dark');
    const rooms = [...page.document.querySelectorAll<RtcRoom>('rtc-room')];
    await until(
      () =>
        rooms.every(
          (room) =>
            room.participants?.length === 2 &&
            room.participants.every((participant) => participant.isLocal || participant.peerState === 'connected'),
        ),
      'both see each other, connected',
    );
    const [ada, grace] = rooms as [RtcRoom, RtcRoom];
    // The page's own object: one made in this (the test's) window is of another realm, which extra does not take.
    await grace.updateExtraData(page.JSON.parse('{"status":"out","away":true}') as Record<string, unknown>);
    const [adaChat, graceChat] = [...page.document.querySelectorAll<RtcChat>('rtc-chat')] as [RtcChat, RtcChat];
    adaChat.send('Notes: https://example.com/notes');
    const adaList = ada.querySelector('rtc-participant-list')!.shadowRoot!;
    await until(
      () =>
        !!adaList.querySelector(`[data-userid="${grace.connection.userid}"][data-away] [part~="changed"]`) &&
        graceChat.messages.length === 1,
      'the away mark, the change and the chat message show',
    );
    await Promise.all([...page.document.querySelectorAll<RtcChat>('rtc-chat')].map((chat) => chat.updateComplete));
    const editor = page.document.querySelector<RtcExtraEditor>('rtc-extra-editor')!;
    await until(() => editor.shadowRoot?.querySelector('input')?.value === 'Ada Lovelace', 'the editor is filled');
    // An edit the room refuses shows the inline error, whose colour is checked too.
    const input = editor.shadowRoot!.querySelector<HTMLInputElement>('input[name="status"]')!;
    input.value = 'x'.repeat(5000);
    input.dispatchEvent(new page.Event('input', { bubbles: true, composed: true }));
    await until(() => !editor.shadowRoot!.querySelector<HTMLElement>('[part="error"]')!.hidden, 'the error shows');
    return page;
  }

  const inputBackground = (page: PageWindow) =>
    page.getComputedStyle(page.document.querySelector('rtc-extra-editor')!.shadowRoot!.querySelector('input')!)
      .backgroundColor;

  const cases: Array<[string, 'light' | 'dark', 'light' | 'dark']> = [
    ['light', 'dark', 'light'],
    ['dark', 'light', 'dark'],
    ['light dark', 'dark', 'dark'],
    ['light dark', 'light', 'light'],
  ];
  for (const [pageScheme, browserScheme, expected] of cases) {
    it(`page "${pageScheme}" in a ${browserScheme} browser: ${expected} elements, and axe finds nothing`, async () => {
      const page = await render(pageScheme, browserScheme);
      const list = page.document.querySelector('rtc-participant-list')!;
      expect(page.getComputedStyle(list).colorScheme).to.equal(pageScheme);
      expect(inputBackground(page)).to.equal(expected === 'dark' ? 'rgb(17, 24, 39)' : 'rgb(255, 255, 255)');
      expect(await violations(page)).to.deep.equal([]);
    });
  }

  it('a page forces one for the elements with color-scheme on the room', async () => {
    const page = await render('light dark', 'light');
    for (const room of page.document.querySelectorAll('rtc-room')) room.style.colorScheme = 'dark';
    page.document.querySelector('main')!.style.cssText = 'background: #000; color: #fff; padding: 1rem';
    expect(inputBackground(page)).to.equal('rgb(17, 24, 39)');
    expect(await violations(page)).to.deep.equal([]);
  });
});
