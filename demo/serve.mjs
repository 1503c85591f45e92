/**
 * `npm start`: the signaling server (ours, rtc-elements-server, in memory;
 * `--stock` for the unmodified stock one), the demo pages and the docs site
 * (/docs/, built at start against that server), all on loopback. Open the
 * printed URL in two tabs.
 *
 *   PORT=8000 SIGNALING_PORT=9001 node demo/serve.mjs [--stock]
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDocs } from '../scripts/build-docs.mjs';
import { SERVER_NAMES, startSignalingServer } from './signaling-server.mjs';
import { contentTypeOf } from './content-types.mjs';

const HOST = '127.0.0.1';
const root = fileURLToPath(new URL('..', import.meta.url));
/** URL prefixes and the folders they serve; nothing else of the project is exposed. */
const MOUNTS = [
  ['/docs/', join(root, 'node_modules', '.cache', 'docs')],
  ['/dist/', join(root, 'dist')],
  ['/', join(root, 'demo')],
];
/** Listens on the wanted port, or on any free one when it is taken. */
async function listen(start, port) {
  try {
    return await start(port);
  } catch (error) {
    if (!/EADDRINUSE|address already in use/i.test(String(error?.message ?? error))) throw error;
    return start(0);
  }
}

const kind = process.argv.includes('--stock') ? 'stock' : 'ours';
const signaling = await listen(
  (port) => startSignalingServer({ kind, port, built: true }),
  Number(process.env.SIGNALING_PORT ?? 9001),
);

// The docs, built for this server (`npm run docs` builds them for hosting, into dist/docs/). A docs build that fails
// (a README section it includes was renamed) is reported, and the demo is served all the same.
let docs = true;
try {
  buildDocs({ socketUrl: signaling.url, outDir: MOUNTS[0][1] });
} catch (error) {
  docs = false;
  MOUNTS.shift();
  console.error(`docs not built: ${error.message}`);
}

function resolveFile(pathname) {
  for (const [prefix, folder] of MOUNTS) {
    if (!pathname.startsWith(prefix)) continue;
    const file = normalize(join(folder, decodeURIComponent(pathname.slice(prefix.length)) || 'index.html'));
    if (!file.startsWith(folder + sep) && file !== folder) return undefined;
    try {
      const stat = statSync(file);
      return stat.isDirectory() ? join(file, 'index.html') : file;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const http = createServer((request, response) => {
  const { pathname, search } = new URL(request.url ?? '/', 'http://localhost');
  if (pathname === '/docs') {
    // The docs' links are relative: they need the trailing slash.
    response.writeHead(301, { location: `/docs/${search}` });
    response.end();
    return;
  }
  if (pathname === '/config.json') {
    response.writeHead(200, { 'content-type': contentTypeOf('.json'), 'cache-control': 'no-store' });
    response.end(JSON.stringify({ socketURL: signaling.url }));
    return;
  }
  const file = resolveFile(pathname);
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
    return;
  }
  response.writeHead(200, {
    'content-type': contentTypeOf(file),
    'cache-control': 'no-store',
  });
  if (extname(file) === '.html') {
    // The pages are plain markup, as a CMS would hold them; only the server's address is filled in.
    response.end(readFileSync(file, 'utf8').replaceAll('%SOCKET_URL%', signaling.url));
    return;
  }
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
});

const port = await listen(
  (wanted) =>
    new Promise((resolve, reject) => {
      http.once('error', reject);
      http.listen(wanted, HOST, () => resolve(http.address().port));
    }),
  Number(process.env.PORT ?? 8000),
);

console.log(`rtc-elements demo:         http://${HOST}:${port}/   (open it in two tabs)`);
if (docs) console.log(`rtc-elements docs:         http://${HOST}:${port}/docs/`);
console.log(`signaling server:          ${signaling.url}   (${SERVER_NAMES[kind]})`);
console.log('Ctrl+C stops both.');

const shutdown = async () => {
  http.close();
  await signaling.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
