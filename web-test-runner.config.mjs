/**
 * Browser tests: Debian's headless Chromium and Firefox ESR (no downloaded browsers here),
 * TypeScript through esbuild, and real signaling servers (ours and the stock one) started
 * and stopped by the runner. Tests reach them through server commands.
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { startSignalingServer } from './demo/signaling-server.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './test/support/chromium.mjs';
import { firefoxLaunchOptions, newFirefoxPage } from './test/support/firefox.mjs';

/**
 * A shared signaling server of each kind (`ours`, the default, and `stock`), plus private ones for tests that kill and
 * restart theirs.
 */
function signalingServerPlugin() {
  const shared = new Map();
  const privateServers = new Map();
  return {
    name: 'signaling-server',
    async serverStart() {
      for (const kind of ['ours', 'stock']) shared.set(kind, await startSignalingServer({ kind }));
    },
    async serverStop() {
      await Promise.all([...shared.values(), ...privateServers.values()].map((server) => server.stop()));
    },
    async executeCommand({ command, payload }) {
      switch (command) {
        case 'signaling-url':
          return shared.get(payload?.kind ?? 'ours').url;
        case 'signaling-start': {
          const server = await startSignalingServer({ kind: payload?.kind ?? 'ours' });
          privateServers.set(server.url, server);
          return server.url;
        }
        case 'signaling-kill':
          await privateServers.get(payload.url).kill();
          return true;
        case 'signaling-restart':
          await privateServers.get(payload.url).restart();
          return true;
        case 'signaling-stop':
          await privateServers.get(payload.url).stop();
          privateServers.delete(payload.url);
          return true;
        default:
          return undefined;
      }
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts', 'src/**/*.test.ts'],
  // Loopback only: 127.0.0.2 keeps the dev server off other interfaces and is still a secure context.
  hostname: '127.0.0.2',
  nodeResolve: { browser: true, exportConditions: ['browser'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' }), signalingServerPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS },
    }),
    puppeteerLauncher({
      launchOptions: firefoxLaunchOptions(),
      createPage: ({ context }) => newFirefoxPage(context),
    }),
  ],
  // One browser at a time: the WebRTC suites of both at once overload a 2-core machine (a mesh then misses its 10 s).
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 10 * 60 * 1000,
};
