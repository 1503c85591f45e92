/** Bytes a page downloads: min+gzip (level 9) of ours and of the references, built in this run. */
import { readFileSync } from 'node:fs';
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
  return {
    kit: file('dist/rtc-elements.js'),
    core: file('dist/bundle/rtc-core.js'),
    stock: stockClient + socketIoClient,
    stockClientOnly: stockClient,
    socketIoClient,
    litAndSocketIo: gzipped(
      await bundle("export { LitElement, html, css } from 'lit'; export { io } from 'socket.io-client';"),
    ),
  };
}
