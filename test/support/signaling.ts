/** Browser side of the runner's signaling-server plugin (see web-test-runner.config.mjs). */
import { executeServerCommand } from '@web/test-runner-commands';

/** The shared stock signaling server's URL, with the trailing slash stock requires. */
export function sharedSignalingUrl(): Promise<string> {
  return executeServerCommand<string, undefined>('signaling-url', undefined);
}

/** A server of this test's own, which it may kill and restart. */
export async function privateSignalingServer() {
  const url = await executeServerCommand<string, undefined>('signaling-start', undefined);
  return {
    url,
    kill: () => executeServerCommand('signaling-kill', { url }),
    restart: () => executeServerCommand('signaling-restart', { url }),
    stop: () => executeServerCommand('signaling-stop', { url }),
  };
}
