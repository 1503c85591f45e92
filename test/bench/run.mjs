/**
 * `npm run bench`: ours beside stock RTCMultiConnection 3.7.1 (and beside the
 * floor, where there is one), in the same run, on the same stock signaling
 * server, in the same headless Chromium (latency also in Firefox); then the
 * signaling servers side by side, stock's and ours (server.mjs). Prints a table
 * and writes the figures to dist/bench/results.json. Not part of the test
 * suite: nothing here asserts.
 *
 *   npm run bench            all of it (about 12 minutes)
 *   npm run bench -- quick   fewer repetitions
 *   npm run bench -- servers the servers alone
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startSignalingServer } from '../../demo/signaling-server.mjs';
import { launchChromium, launchFirefox, startFileServer } from '../support/browser.mjs';
import { measureBigRoom } from './big-room.mjs';
import { measureBytes } from './bytes.mjs';
import { measureFanout } from './fanout.mjs';
import { measureFileMemory } from './file-memory.mjs';
import { measureLatency } from './latency.mjs';
import { measureMemory } from './memory.mjs';
import { measureRendering } from './rendering.mjs';
import { measureServers } from './server.mjs';
import { measureTyping } from './typing.mjs';

const quick = process.argv.includes('quick');
const serversOnly = process.argv.includes('servers');
// The kit is compared with stock where stock clients run: on the stock server.
const signaling = await startSignalingServer({ kind: 'stock' });
const fileServer = await startFileServer();
const browser = await launchChromium();
const latencyOptions = quick ? { updates: 40, spacingMs: 120 } : { updates: 200, spacingMs: 120 };
const figures = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  quick,
};
/** The kit beside stock RTCMultiConnection and the floor. */
async function measureKit() {
  console.log('measuring…');
  figures.bytes = await measureBytes();
  figures.latency = await measureLatency(browser, fileServer, signaling, latencyOptions);
  // Firefox rounds performance.now() to the millisecond unless told not to.
  const firefox = await launchFirefox({ 'privacy.reduceTimerPrecision': false });
  try {
    figures.latencyFirefox = await measureLatency(firefox, fileServer, signaling, latencyOptions);
  } finally {
    await firefox.close();
  }
  figures.bigRoom = await measureBigRoom(browser, fileServer, signaling, {
    participants: 100,
    windowMs: quick ? 5000 : 10000,
  });
  figures.rendering = await measureRendering(browser, fileServer, quick ? 8 : 30);
  console.log('  fan-out…');
  figures.fanout = await measureFanout(signaling.url, 200, quick ? 5 : 20);
  console.log('  typing…');
  figures.typing = await measureTyping(browser, fileServer, signaling);
  console.log('  memory…');
  figures.memory = await measureMemory(browser, fileServer, signaling);
  console.log('  file sharing memory…');
  figures.fileMemory = await measureFileMemory(browser, fileServer, signaling, quick ? 64 : 256);
}

try {
  if (!serversOnly) await measureKit();
  figures.servers = await measureServers({ quick });
} finally {
  await browser.close();
  await fileServer.close();
  await signaling.stop();
}

const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (ours, reference) => (Number.isFinite(ours / reference) ? `${(ours / reference).toFixed(2)}×` : 'n/a');
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const pair = (figure, p50 = 'p50', p95 = 'p95') => `${ms(figure[p50])} / ${ms(figure[p95])}`;
const latencyRows = (browserName, figure) => [
  [
    `${browserName}: extra update p50 / p95, elements`,
    pair(figure.ours),
    `stock ${pair(figure.stock)}, floor ${pair(figure.raw)}`,
    `${ratio(figure.ours.p50, figure.stock.p50)} / ${ratio(figure.ours.p95, figure.stock.p95)} stock`,
    '≤ stock',
  ],
  [
    `${browserName}: extra update p50 / p95, core alone`,
    pair(figure.core),
    `stock ${pair(figure.stock)}`,
    `${ratio(figure.core.p50, figure.stock.p50)} / ${ratio(figure.core.p95, figure.stock.p95)} stock`,
    '≤ stock',
  ],
  [
    `${browserName}: receive path p50 / p95 (packet → event)`,
    pair(figure.ours, 'receivePathP50', 'receivePathP95'),
    `send path ${pair(figure.ours, 'sendPathP50', 'sendPathP95')}`,
    '',
    'p95 < 0.3 ms',
  ],
];
/** The kit's rows: ours beside stock RTCMultiConnection and the floor. */
function kitRows() {
  const { bytes, latency, latencyFirefox, bigRoom, rendering, fanout, typing, memory, fileMemory } = figures;
  return [
    ...latencyRows('Chromium', latency),
    ...latencyRows('Firefox', latencyFirefox),
    [
      'Extra update p50 / p95 (row updated)',
      pair(latency.ours, 'rowP50', 'rowP95'),
      `stock event ${ms(latency.stock.p50)}`,
      ratio(latency.ours.rowP50, latency.stock.p50),
      '',
    ],
    [
      `Page in a room of ${bigRoom.participants} (1 update/s each): main-thread CPU`,
      `${(100 * bigRoom.ours.mainThreadShare).toFixed(1)}%, rows current ${bigRoom.ours.rowsShowingLatest}/${bigRoom.participants}`,
      `bare socket.io page ${(100 * bigRoom.floor.mainThreadShare).toFixed(1)}%`,
      '',
      '≤ 10%, all rows current',
    ],
    [
      'Burst of 100: last value seen',
      ms(latency.ours.burst),
      `stock ${ms(latency.stock.burst)}, floor ${ms(latency.raw.burst)}`,
      ratio(latency.ours.burst, latency.stock.burst),
      '',
    ],
    [
      'Presence page first load, min+gzip',
      kb(bytes.presenceFirstLoad),
      `lit + socket.io ${kb(bytes.litAndSocketIo)}; WebRTC file, fetched by data/media rooms: ${kb(bytes.webrtcChunk)}; file-sharing file, fetched with the first file: ${kb(bytes.fileSharingChunk)}`,
      `${ratio(bytes.presenceFirstLoad, bytes.stock)} stock`,
      '≤ 26 KB',
    ],
    [
      'Whole kit, min+gzip',
      kb(bytes.kit),
      `stock + socket.io ${kb(bytes.stock)}; lit + socket.io ${kb(bytes.litAndSocketIo)}`,
      `${ratio(bytes.kit, bytes.stock)} stock`,
      '≤ 30 KB',
    ],
    [
      'Core alone, min+gzip',
      kb(bytes.core),
      `stock + socket.io ${kb(bytes.stock)}`,
      ratio(bytes.core, bytes.stock),
      '',
    ],
    [
      'List of 1 000: first render',
      ms(rendering.oursRender),
      `plain DOM ${ms(rendering.plainRender)}`,
      ratio(rendering.oursRender, rendering.plainRender),
      '',
    ],
    [
      'List of 1 000: one update',
      ms(rendering.oursUpdate),
      `plain DOM ${ms(rendering.plainUpdate)}; rows changed: ${rendering.rowsChangedPerUpdate}`,
      `${((100 * rendering.oursUpdate) / rendering.oursRender).toFixed(1)}% of a full render`,
      '≤ 5% of a full render',
    ],
    [
      `Fan-out to ${fanout.count - 1} others`,
      ms(fanout.oursFanoutMs),
      `raw socket.io ${ms(fanout.rawFanoutMs)}`,
      ratio(fanout.oursFanoutMs, fanout.rawFanoutMs),
      '≤ 1.2× raw',
    ],
    [
      `${fanout.count} join`,
      ms(fanout.oursJoinMs),
      `raw socket.io ${ms(fanout.rawJoinMs)}`,
      ratio(fanout.oursJoinMs, fanout.rawJoinMs),
      '≤ 3× raw',
    ],
    [
      'Typing 60 keys/s for 5 s: messages/s',
      typing.ours.messagesPerSecond.toFixed(1),
      `stock (send per input) ${typing.stock.messagesPerSecond.toFixed(1)}`,
      ratio(typing.ours.messagesPerSecond, typing.stock.messagesPerSecond),
      '≤ 10/s',
    ],
    [
      'Typing: final value seen after last key',
      typing.ours.finalValueArrived ? ms(typing.ours.finalDelayMs) : 'NEVER',
      `stock ${typing.stock.finalValueArrived ? ms(typing.stock.finalDelayMs) : 'NEVER'}`,
      '',
      'always arrives',
    ],
    [
      `Heap growth, ${memory.ours.cycles} join/leave cycles`,
      kb(memory.ours.growth),
      `stock ${kb(memory.stock.growth)}`,
      ratio(memory.ours.growth, memory.stock.growth),
      'flat',
    ],
    [
      `Sharing a ${mb(fileMemory.sizeBytes)} file: pages' memory (renderers, peak)`,
      `+${mb(fileMemory.ours.rendererPeak)}`,
      `stock +${mb(fileMemory.stock.rendererPeak)}`,
      ratio(fileMemory.ours.rendererPeak, fileMemory.stock.rendererPeak),
      'not the file size',
    ],
    [
      `Sharing a ${mb(fileMemory.sizeBytes)} file: Blob store (browser process, peak)`,
      `+${mb(fileMemory.ours.browserPeak)}`,
      `stock +${mb(fileMemory.stock.browserPeak)}`,
      '',
      'the file, once',
    ],
    [
      `Sharing a ${mb(fileMemory.sizeBytes)} file: time to the last byte`,
      ms(fileMemory.ours.milliseconds),
      `stock ${ms(fileMemory.stock.milliseconds)}`,
      ratio(fileMemory.ours.milliseconds, fileMemory.stock.milliseconds),
      '',
    ],
  ];
}

/** The servers' rows: ours beside the stock server. */
function serverRows() {
  const { stock, ours } = figures.servers;
  const perThousand = (figure) => `${figure.updateCost.cpuPer1000.toFixed(1)} ms`;
  const extraFrames = (figure) => figure.updateCost.echoes + figure.updateCost.duplicates;
  const seconds = (value) => `${(value / 1000).toFixed(2)} s`;
  const big = (figure) =>
    `${Math.round(figure.bigRoom.deliveriesPerSecond)} deliveries/s, CPU ${(100 * figure.bigRoom.cpuShare).toFixed(0)}%, ${(100 * figure.bigRoom.delivered).toFixed(1)}% arrived, p50 / p95 ${pair(figure.bigRoom)}`;
  return [
    [
      'Server CPU per 1 000 updates delivered (100 members, 1 update/s each)',
      perThousand(ours),
      `stock ${perThousand(stock)}`,
      ratio(ours.updateCost.cpuPer1000, stock.updateCost.cpuPer1000),
      '≤ 0.5× stock',
    ],
    [
      'The same, kit sockets (batched: a room of ≥ 50 kit members)',
      `${ours.kitUpdateCost.cpuPer1000.toFixed(1)} ms`,
      `stock ${stock.kitUpdateCost.cpuPer1000.toFixed(1)} ms`,
      ratio(ours.kitUpdateCost.cpuPer1000, stock.kitUpdateCost.cpuPer1000),
      '≤ 0.5× stock',
    ],
    [
      'Frames that were no delivery (echoes, duplicates) in that run',
      String(extraFrames(ours)),
      `stock ${extraFrames(stock)} (${stock.updateCost.echoes} echoes, ${stock.updateCost.duplicates} duplicates)`,
      '',
      '0',
    ],
    [
      'Server memory per idle connection: heap after GC (resident)',
      `${kb(ours.idleMemory.heapPerConnection)} (${kb(ours.idleMemory.residentPerConnection)})`,
      `stock ${kb(stock.idleMemory.heapPerConnection)} (${kb(stock.idleMemory.residentPerConnection)})`,
      ratio(ours.idleMemory.heapPerConnection, stock.idleMemory.heapPerConnection),
      '≤ stock',
    ],
    [
      `${ours.joins.count} presence joins in turn, all listing all`,
      seconds(ours.joins.inTurnMs),
      `raw joins ${seconds(ours.joins.rawMs)}; on stock ${seconds(stock.joins.inTurnMs)} (raw ${seconds(stock.joins.rawMs)})`,
      `${ratio(ours.joins.inTurnMs, ours.joins.rawMs)} raw`,
      '≤ 2× raw',
    ],
    [
      `${ours.joins.count} presence joins at once, all listing all`,
      seconds(ours.joins.atOnceMs),
      `on stock ${seconds(stock.joins.atOnceMs)}`,
      `${ratio(ours.joins.atOnceMs, ours.joins.rawMs)} raw`,
      '',
    ],
    [
      `Room of ${ours.bigRoom.members}, each updating every 10 s (${Math.round(ours.bigRoom.expectedPerSecond)} deliveries/s due)`,
      big(ours),
      `stock ${big(stock)}`,
      '',
      'all delivered',
    ],
  ];
}

const rows = [...(serversOnly ? [] : kitRows()), ...serverRows()];
const widths = [0, 1, 2, 3, 4].map((column) =>
  Math.max(
    ...rows.map((row) => row[column].length),
    ['figure', 'ours', 'reference (same run)', 'ratio', 'aim'][column].length,
  ),
);
const line = (cells) => `| ${cells.map((cell, index) => cell.padEnd(widths[index])).join(' | ')} |`;
console.log(
  `\n${line(['figure', 'ours', 'reference (same run)', 'ratio', 'aim'])}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
);
for (const row of rows) console.log(line(row));
mkdirSync(new URL('../../dist/bench/', import.meta.url), { recursive: true });
writeFileSync(new URL('../../dist/bench/results.json', import.meta.url), `${JSON.stringify(figures, null, 2)}\n`);
console.log('\nfigures: dist/bench/results.json');
