/** Browser side of the runner's signaling-server plugin (see web-test-runner.config.mjs). */
import { executeServerCommand } from '@web/test-runner-commands';

/** Our server (rtc-elements-server) or the unmodified stock one. */
export type ServerKind = 'ours' | 'stock';

/** The servers stock clients face: suites about them run on each. */
export const SERVER_KINDS: readonly ServerKind[] = ['ours', 'stock'];

/** How test names call a server. */
export const serverLabel = (kind: ServerKind): string => (kind === 'ours' ? 'rtc-elements-server' : 'the stock server');

/** The shared signaling server's URL, with the trailing slash stock requires. */
export function sharedSignalingUrl(kind: ServerKind = 'ours'): Promise<string> {
  return executeServerCommand<string, { kind: ServerKind }>('signaling-url', { kind });
}

/** A server of this test's own, which it may kill and restart. */
export async function privateSignalingServer(kind: ServerKind = 'ours') {
  const url = await executeServerCommand<string, { kind: ServerKind }>('signaling-start', { kind });
  return {
    url,
    kill: () => executeServerCommand('signaling-kill', { url }),
    restart: () => executeServerCommand('signaling-restart', { url }),
    stop: () => executeServerCommand('signaling-stop', { url }),
  };
}
