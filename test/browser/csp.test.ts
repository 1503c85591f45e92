/**
 * The CDN file on pages with a strict Content-Security-Policy and Trusted Types, as the README documents them: what
 * the policy must allow, what happens when it names only the site's own Trusted Types policy, and the kit loaded
 * twice. Each page is a frame with its policy in a `<meta>` and the CDN file as its only script.
 */
import { expect } from '@open-wc/testing';
import type { RtcRoom } from '../../src/index.js';
import { uniqueRoom, until } from '../support/conditions.js';
import { sharedSignalingUrl } from '../support/signaling.js';

interface Page {
  frame: HTMLIFrameElement;
  window: Window & typeof globalThis;
  /** `securitypolicyviolation` events and uncaught errors, as text. */
  problems: string[];
}

describe('strict CSP and Trusted Types', () => {
  let url: string;
  const frames: HTMLIFrameElement[] = [];
  before(async () => {
    url = await sharedSignalingUrl();
  });
  afterEach(async () => {
    for (const frame of frames.splice(0)) {
      await Promise.all(
        [...(frame.contentDocument?.querySelectorAll<RtcRoom>('rtc-room') ?? [])].map((room) => room.leave?.()),
      );
      frame.remove();
    }
  });

  /** A page whose policy is `policy`, loading the CDN file `copies` times (from distinct URLs, as two plugins would). */
  async function page(policy: string, room: string, copies = 1): Promise<Page> {
    const frame = document.createElement('iframe');
    const scripts = Array.from(
      { length: copies },
      (_, copy) => `<script type="module" src="/dist/rtc-elements.js?copy=${copy}"></script>`,
    ).join('');
    frame.srcdoc = `<!doctype html><html lang="en"><head><title>csp</title>
      <meta http-equiv="Content-Security-Policy" content="${policy}">${scripts}</head>
      <body><rtc-room room-id="${room}" socket-url="${url}" extra='{"fullName":"Strict"}'>
      <rtc-participant-list></rtc-participant-list></rtc-room></body></html>`;
    const problems: string[] = [];
    const loaded = new Promise((resolve) => (frame.onload = resolve));
    document.body.append(frame);
    frames.push(frame);
    const window = frame.contentWindow as Page['window'];
    window.addEventListener('securitypolicyviolation', (event) =>
      problems.push(`violation: ${event.violatedDirective}`),
    );
    window.addEventListener('error', (event) => problems.push(`error: ${event.message}`));
    await loaded;
    return { frame, window, problems };
  }

  const origin = () => new URL(url).host;
  /**
   * The policy the README gives: scripts from where the CDN file is (named, not 'self', which Firefox does not match
   * in a srcdoc frame), the signaling server for connections.
   */
  const strict = (trustedTypes: string) =>
    `default-src 'none'; script-src ${location.origin}; connect-src http://${origin()} ws://${origin()}; ` +
    `require-trusted-types-for 'script'; trusted-types ${trustedTypes}`;

  /** The list's first name, as rendered ("Strict (you)"). */
  const rendered = (page: Page) =>
    page.window.document
      .querySelector('rtc-participant-list')
      ?.shadowRoot?.querySelector('[part="name"]')
      ?.textContent?.trim();

  it('renders and joins with `trusted-types lit-html` and connect-src for the server, with no violation', async () => {
    const strictPage = await page(strict('lit-html'), uniqueRoom());
    await until(() => rendered(strictPage)?.startsWith('Strict') === true, 'the list renders');
    expect(strictPage.window.document.querySelector<RtcRoom>('rtc-room')!.status).to.equal('joined');
    expect(strictPage.problems).to.deep.equal([]);
  });

  it('renders nothing when the policy allows only the site’s own policy name (why the README asks for lit-html)', async () => {
    const blocked = await page(strict('app'), uniqueRoom());
    await until(() => blocked.problems.some((problem) => problem.startsWith('violation: trusted-types')), 'blocked');
    expect(rendered(blocked)).to.equal(undefined);
  });

  it("loaded twice: the second copy needs 'allow-duplicates'; with it, both copies' pages work", async () => {
    const room = uniqueRoom();
    const twice = await page(strict('lit-html'), room, 2);
    await until(() => twice.problems.length > 0, 'the second copy fails');
    expect(twice.problems.join()).to.match(/lit-html/);
    await until(() => rendered(twice)?.startsWith('Strict') === true, 'the first copy’s elements still render');

    const allowed = await page(strict("lit-html 'allow-duplicates'"), room, 2);
    await until(() => rendered(allowed)?.startsWith('Strict') === true, 'the list renders');
    await until(
      () => allowed.window.document.querySelector<RtcRoom>('rtc-room')!.participants.length === 2,
      'it sees the other page in the room',
    );
    expect(allowed.problems).to.deep.equal([]);
  });
});
