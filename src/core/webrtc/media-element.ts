/**
 * The `mediaElement` stock hands out with every stream: a `<video>` (or
 * `<audio>` for audio-only streams) already playing it. Only where a DOM
 * exists; in Node there is none and the core never asks for one.
 */

/** How long to wait for playback to start before handing the element over anyway (stock: 1 s). */
const PLAY_WAIT_MS = 1000;

export async function createMediaElement(stream: MediaStream, muted: boolean): Promise<HTMLMediaElement | undefined> {
  if (typeof document === 'undefined') return undefined;
  const element = document.createElement(stream.getVideoTracks().length > 0 ? 'video' : 'audio');
  element.id = stream.id;
  element.autoplay = true;
  element.controls = true;
  element.muted = muted;
  if (element instanceof HTMLVideoElement) element.playsInline = true;
  element.srcObject = stream;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    element.play().catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, PLAY_WAIT_MS))),
  ]);
  clearTimeout(timer);
  return element;
}
