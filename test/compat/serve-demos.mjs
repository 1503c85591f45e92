/**
 * Serves the upstream RTCMultiConnection demo pages (test/compat/upstream/, unchanged) on one loopback origin, as
 * upstream's own server would, with `/socket.io/` proxied to a stock signaling server. The variant decides which
 * RTCMultiConnection the pages get for their two script tags:
 * - `stock`: node_modules/rtcmulticonnection/dist/RTCMultiConnection.js and the stock server's socket.io client;
 * - `kit`: dist/bundle/RTCMultiConnection.js (socket.io inside it) and an empty `/socket.io/socket.io.js`.
 * Third-party scripts come from npm packages. The pages' internet URLs (webrtc-experiment.com's common.js and the
 * like) and every URL of upstream's site (webrtc-experiment.com images) are rewritten, in the served HTML only, to
 * `/offline/…`, which answers empty: nothing goes to the internet.
 * A page asked for with `?elements` (kit only) gets `ELEMENTS_MARKUP` before `</body>`: a stock page adding our
 * elements with markup alone.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentTypeOf } from '../../demo/content-types.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const upstream = join(root, 'test', 'compat', 'upstream');
const modules = join(root, 'node_modules');

/** The URLs upstream's pages load from its own node_modules, mapped to the npm packages that ship them. */
const NPM_FILES = {
  '/node_modules/webrtc-adapter/out/adapter.js': 'webrtc-adapter/out/adapter.js',
  '/node_modules/fbr/FileBufferReader.js': 'fbr/FileBufferReader.js',
  '/node_modules/recordrtc/RecordRTC.js': 'recordrtc/RecordRTC.js',
  '/node_modules/vue2/dist/vue.js': 'vue2/dist/vue.js',
};

const ELEMENTS_BUNDLE = join(root, 'dist', 'rtc-elements.js');

const CLIENTS = {
  stock: join(modules, 'rtcmulticonnection', 'dist', 'RTCMultiConnection.js'),
  kit: join(root, 'dist', 'bundle', 'RTCMultiConnection.js'),
};

/** What a stock page adds to show its room with our elements: the elements bundle and a room adopting its connection. */
export const ELEMENTS_MARKUP =
  '<script type="module" src="/rtc-elements.js"></script>' +
  '<rtc-room adopt="connection"><rtc-participant-list></rtc-participant-list>' +
  '<rtc-extra-editor fields="fullName"></rtc-extra-editor></rtc-room>';

/** CDN scripts the pages load that npm has: served from the package instead (Vue 2, which the page was written for). */
const CDN_FILES = {
  'https://cdn.jsdelivr.net/npm/vue/dist/vue.js': '/node_modules/vue2/dist/vue.js',
};

/** `<script src="https://…">` and `<link href="https://…">` point at `/offline/…` instead. */
const INTERNET_ASSET = /(<(?:script|link)\b[^>]*\b(?:src|href)=["'])https?:\/\//g;
/** Upstream's own site, which the pages also load images from (CSS `url()`, an iframe set from script). */
const UPSTREAM_SITE = /https:\/\/www\.webrtc-experiment\.com\//g;

/**
 * @param {{variant: 'stock' | 'kit', signalingUrl: string}} options
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export async function startDemoServer({ variant, signalingUrl }) {
  const signaling = new URL(signalingUrl);
  const server = createServer((request, response) => {
    const { pathname, searchParams } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname.startsWith('/socket.io/') && !(variant === 'kit' && pathname === '/socket.io/socket.io.js')) {
      proxy(request, response, signaling);
      return;
    }
    void serve(pathname, variant, response, variant === 'kit' && searchParams.has('elements'));
  });
  server.on('upgrade', (request, socket, head) => {
    const upstreamSocket = connect(Number(signaling.port), signaling.hostname, () => {
      const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
      upstreamSocket.write(`${request.method} ${request.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      upstreamSocket.write(head);
      upstreamSocket.pipe(socket).pipe(upstreamSocket);
    });
    const end = () => {
      socket.destroy();
      upstreamSocket.destroy();
    };
    upstreamSocket.on('error', end);
    socket.on('error', end);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function proxy(request, response, signaling) {
  const forwarded = httpRequest(
    {
      host: signaling.hostname,
      port: signaling.port,
      path: request.url,
      method: request.method,
      headers: request.headers,
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  forwarded.on('error', () => {
    response.writeHead(502);
    response.end();
  });
  request.pipe(forwarded);
}

async function serve(pathname, variant, response, withElements) {
  if (pathname.startsWith('/offline/')) {
    response.writeHead(200, { 'content-type': contentTypeOf(pathname) });
    response.end();
    return;
  }
  if (pathname === '/socket.io/socket.io.js') {
    // The kit's bundle carries its own socket.io client: the page's second script tag has nothing left to load.
    response.writeHead(200, { 'content-type': contentTypeOf('.js') });
    response.end();
    return;
  }
  const file =
    pathname === '/dist/RTCMultiConnection.js' || pathname === '/dist/RTCMultiConnection.min.js'
      ? CLIENTS[variant]
      : pathname === '/rtc-elements.js' && variant === 'kit'
        ? ELEMENTS_BUNDLE
        : NPM_FILES[pathname]
          ? join(modules, NPM_FILES[pathname])
          : normalize(join(upstream, decodeURIComponent(pathname)));
  const allowed =
    file === CLIENTS[variant] ||
    file === ELEMENTS_BUNDLE ||
    file.startsWith(modules + sep) ||
    file.startsWith(upstream + sep);
  if (!allowed || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404);
    response.end();
    return;
  }
  response.writeHead(200, { 'content-type': contentTypeOf(file), 'cache-control': 'no-store' });
  if (file.endsWith('.html')) {
    let html = await readFile(file, 'utf8');
    for (const [cdn, local] of Object.entries(CDN_FILES)) html = html.replaceAll(cdn, local);
    html = html.replace(INTERNET_ASSET, '$1/offline/').replace(UPSTREAM_SITE, '/offline/www.webrtc-experiment.com/');
    response.end(withElements ? html.replace('</body>', `${ELEMENTS_MARKUP}</body>`) : html);
    return;
  }
  createReadStream(file).pipe(response);
}
