/**
 * The demos of the RTCMultiConnection docs pages for `extra` and
 * `updateExtraData`, character for character (fixtures/*.txt, served untouched), run against our
 * classic-script build. Only the socketURL line and the script sources are
 * replaced. Each participant is a same-origin iframe of its own.
 */
import { expect } from '@open-wc/testing';
import { until } from '../support/conditions.js';
import { privateSignalingServer } from '../support/signaling.js';

const STOCK_SCRIPTS = [
  '<script src="https://rtcmulticonnection.herokuapp.com/dist/RTCMultiConnection.min.js"></script>',
  '<script src="https://rtcmulticonnection.herokuapp.com/socket.io/socket.io.js"></script>',
];
const STOCK_SOCKET_URL = "connection.socketURL = 'https://rtcmulticonnection.herokuapp.com:443/';";

interface Participant {
  frame: HTMLIFrameElement;
  alerts: string[];
  errors: string[];
  window: Window & { connection?: { userid: string } };
}

/** The demo as published, with our script and our server swapped in; checks nothing else differs. */
async function demoPage(fixture: string, socketURL: string): Promise<string> {
  const demo = await (await fetch(new URL(`./fixtures/${fixture}`, import.meta.url))).text();
  for (const needle of [...STOCK_SCRIPTS, STOCK_SOCKET_URL]) expect(demo).to.include(needle);
  const ours = demo
    .replace(STOCK_SCRIPTS[0]!, '<script src="/dist/bundle/RTCMultiConnection.js"></script>')
    .replace(STOCK_SCRIPTS[1]! + '\n', '')
    .replace(STOCK_SOCKET_URL, `connection.socketURL = '${socketURL}';`);
  // The page around it: the button the second demo uses, and alert()/errors reported to the test.
  return `<!doctype html><html><body><button id="btnUpdateExtra">Update extra</button>
<script>
  window.alert = (message) => parent.postMessage({ kind: 'alert', message: String(message) }, '*');
  window.addEventListener('error', (event) => parent.postMessage({ kind: 'error', message: String(event.message) }, '*'));
</script>
${ours}</body></html>`;
}

function openParticipant(html: string): Participant {
  const frame = document.createElement('iframe');
  frame.allow = 'camera; microphone; autoplay';
  frame.srcdoc = html;
  const participant = { frame, alerts: [] as string[], errors: [] as string[] } as Participant;
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow) return;
    (event.data.kind === 'alert' ? participant.alerts : participant.errors).push(event.data.message);
  });
  document.body.append(frame);
  participant.window = frame.contentWindow as Participant['window'];
  return participant;
}

/** Videos the demo appended, playing a live stream. */
function playingVideos(participant: Participant): HTMLVideoElement[] {
  // (The frame's MediaStream is another realm's: no instanceof across it.)
  return [...participant.frame.contentDocument!.querySelectorAll('video')].filter((video) =>
    ((video.srcObject as MediaStream | null)?.getVideoTracks?.() ?? []).some((track) => track.readyState === 'live'),
  );
}

describe('the docs demos, verbatim, on our classic-script build', () => {
  let server: Awaited<ReturnType<typeof privateSignalingServer>>;
  let participants: Participant[] = [];

  beforeEach(async () => {
    server = await privateSignalingServer();
  });
  afterEach(async () => {
    for (const participant of participants) participant.frame.remove();
    participants = [];
    await server.stop();
  });

  /** Opens the demo in a first tab, then a second: resolves once each shows both cameras. */
  async function twoTabs(fixture: string): Promise<[Participant, Participant]> {
    const html = await demoPage(fixture, server.url);
    participants = [openParticipant(html)];
    await until(() => playingVideos(participants[0]!).length === 1, 'the first tab shows its own camera');
    participants.push(openParticipant(html));
    await until(
      () => participants.every((participant) => playingVideos(participant).length === 2),
      'each tab shows both cameras',
      20000,
    );
    return participants as [Participant, Participant];
  }

  it('extra: an audio+video room where onstream appends the media element and reads event.extra.joinedAt', async () => {
    await twoTabs('docs-extra-demo.txt');
    for (const participant of participants) expect(participant.errors).to.deep.equal([]);
  });

  it('updateExtraData: the button sets modifiedValue and the other tab alerts who modified what', async () => {
    const [first, second] = await twoTabs('docs-update-extra-data-demo.txt');

    (first.frame.contentDocument!.querySelector('#btnUpdateExtra') as HTMLButtonElement).click();
    await until(() => second.alerts.length > 0, 'the second tab alerts');
    const whoModified = first.window.connection!.userid;
    expect(second.alerts).to.have.length(1);
    expect(second.alerts[0]).to.match(
      new RegExp(`^${whoModified} modified \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$`),
    );
    expect(first.alerts).to.deep.equal([], 'no alert for your own change');
    for (const participant of participants) expect(participant.errors).to.deep.equal([]);
  });
});
