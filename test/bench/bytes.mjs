/** Bytes a page downloads: min+gzip (level 9) of ours and of the references, built in this run. */
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;

async function bundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: new URL('../..', import.meta.url).pathname, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    conditions: ['browser'],
  });
  return result.outputFiles[0].contents;
}

export async function measureBytes() {
  const file = (path) => gzipped(readFileSync(new URL(`../../${path}`, import.meta.url)));
  const stockClient = file('node_modules/rtcmulticonnection/dist/RTCMultiConnection.min.js');
  const socketIoClient = gzipped(await bundle("export { io } from 'socket.io-client';"));
  const chunks = readdirSync(new URL('../../dist/chunks/', import.meta.url)).filter((name) => name.endsWith('.js'));
  const chunk = (prefix) =>
    chunks.filter((name) => name.startsWith(prefix)).reduce((sum, name) => sum + file(`dist/chunks/${name}`), 0);
  const all = chunks.reduce((sum, name) => sum + file(`dist/chunks/${name}`), 0);
  return {
    // What a presence page fetches: the CDN file alone (the other files are fetched only by rooms that use them).
    presenceFirstLoad: file('dist/rtc-elements.js'),
    webrtcChunk: chunk('media-session-'),
    fileSharingChunk: chunk('file-sharing-'),
    kit: file('dist/rtc-elements.js') + all,
    core: file('dist/bundle/rtc-core.js'),
    stock: stockClient + socketIoClient,
    stockClientOnly: stockClient,
    socketIoClient,
    litAndSocketIo: gzipped(
      await bundle("export { LitElement, html, css } from 'lit'; export { io } from 'socket.io-client';"),
    ),
  };
}
