#!/usr/bin/env node
/**
 * `rtc-elements-server`: the signaling server from the command line (flags:
 * command-line.ts). SIGTERM and SIGINT close it gracefully (see
 * `SignalingServer.close`).
 */
import { HELP, parseCommandLine } from './command-line.js';
import { createSignalingServer } from './signaling-server.js';
import type { ServerOptions } from './settings.js';

async function main(): Promise<void> {
  let options: ServerOptions | 'help';
  try {
    options = parseCommandLine(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`rtc-elements-server: ${(error as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(HELP);
    return;
  }
  const server = createSignalingServer(options);
  const url = await server.listen();
  // The line scripts and people wait for (the logger writes JSON).
  console.log(`listening on ${url}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

await main();
