/**
 * Serves a built docs folder on loopback, as any static host would: files only, `index.html` for a folder, 404 for
 * anything else. For the docs test and the screenshot script; `npm start` mounts the docs in demo/serve.mjs.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../../demo/content-types.mjs';

/** @returns {Promise<{url: string, close: () => Promise<void>}>} */
export async function startStaticServer(folder, { host = '127.0.0.1', port = 0 } = {}) {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    let file = normalize(join(folder, decodeURIComponent(pathname)));
    if (file !== folder && !file.startsWith(folder + sep)) file = '';
    try {
      if (file && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!file || !statSync(file).isFile()) throw new Error('not a file');
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': contentTypeOf(file) });
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  return {
    url: `http://${host}:${server.address().port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections alive: they would hold close() up.
        server.closeAllConnections();
      }),
  };
}
