/**
 * Memory while a large file is shared: one Chromium page sends a file from
 * disk (chosen in an <input type=file>, as a user would) to another page over
 * the data channel, with stock 3.7.1 (+ FileBufferReader.js) on both pages,
 * then with the kit's classic bundle on both. Samples the resident memory of
 * Chromium's renderer processes (where the pages' JavaScript and ArrayBuffers
 * live) and of its browser process (where Blob data is kept) every 50 ms, and
 * prints the peak above the level before the transfer.
 */
/* global RTCMultiConnection -- page globals of the code these files run in the browser */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, stockScripts } from '../support/browser.mjs';

const MB = 1024 * 1024;

/** Runs in each page: a data-only connection with file sharing; `opened` once the peer is there, `received` the file's size. */
async function connect(url, room, userid, opening) {
  const connection = new RTCMultiConnection();
  Object.assign(connection, {
    enableLogs: false,
    socketURL: url,
    userid,
    session: { data: true },
    iceServers: [],
    enableFileSharing: true,
    onFileStart: () => {},
    onFileProgress: () => {},
  });
  window.connection = connection;
  window.received = new Promise((resolve) => {
    connection.onFileEnd = (file) => {
      if (file.remoteUserId === userid) resolve(file.size);
    };
  });
  const input = Object.assign(document.createElement('input'), { type: 'file', id: 'file' });
  document.body.append(input);
  window.opened = new Promise((resolve) => (connection.onopen = resolve));
  if (opening) await new Promise((resolve) => connection.open(room, resolve));
  else connection.join(room);
}

/** Resident kilobytes of each process under `rootPid` (itself included), with its Chromium process type. */
function processes(rootPid) {
  const all = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  const info = new Map();
  for (const pid of all) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const parent = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      info.set(Number(pid), { parent, rss, type: /--type=(\w+)/.exec(args)?.[1] ?? 'browser' });
    } catch {
      // Gone between the listing and the read.
    }
  }
  const within = (pid) => pid === rootPid || (info.has(pid) && pid !== 1 && within(info.get(pid).parent));
  return [...info].filter(([pid]) => within(pid)).map(([, process]) => process);
}

function sample(rootPid) {
  const list = processes(rootPid);
  const sum = (type) => list.filter((process) => process.type === type).reduce((total, p) => total + p.rss * 1024, 0);
  return { renderers: sum('renderer'), browser: sum('browser') };
}

export async function measureFileMemory(browser, fileServer, signaling, sizeMb = 128) {
  const folder = await mkdtemp(join(tmpdir(), 'rtc-file-bench-'));
  const path = join(folder, 'payload.bin');
  await writeFile(path, randomBytes(sizeMb * MB));
  const rootPid = browser.process().pid;
  const results = { sizeBytes: sizeMb * MB };
  try {
    for (const name of ['stock', 'ours']) {
      const scripts =
        name === 'ours'
          ? [{ url: `${fileServer.url}dist/bundle/RTCMultiConnection.js` }]
          : [
              ...stockScripts(signaling.url, fileServer.url),
              { url: `${fileServer.url}node_modules/fbr/FileBufferReader.js` },
            ];
      const room = `file-memory-${name}-${Date.now()}`;
      const sender = await openPage(browser, fileServer, scripts);
      const receiver = await openPage(browser, fileServer, scripts);
      await sender.evaluate(connect, signaling.url, room, `sender-${room}`, true);
      await receiver.evaluate(connect, signaling.url, room, `receiver-${room}`, false);
      await Promise.all([sender, receiver].map((page) => page.evaluate(() => window.opened)));
      const input = await sender.$('#file');
      await input.uploadFile(path);
      const before = sample(rootPid);
      const peak = { ...before };
      const timer = setInterval(() => {
        const now = sample(rootPid);
        peak.renderers = Math.max(peak.renderers, now.renderers);
        peak.browser = Math.max(peak.browser, now.browser);
      }, 50);
      const started = Date.now();
      await sender.evaluate(() => window.connection.shareFile(document.getElementById('file').files[0]));
      const size = await receiver.evaluate(() => window.received);
      const milliseconds = Date.now() - started;
      clearInterval(timer);
      results[name] = {
        receivedBytes: size,
        milliseconds,
        rendererPeak: peak.renderers - before.renderers,
        browserPeak: peak.browser - before.browser,
      };
      console.log(
        `  ${name}: ${sizeMb} MB in ${milliseconds} ms; renderers +${((peak.renderers - before.renderers) / MB).toFixed(0)} MB, browser process +${((peak.browser - before.browser) / MB).toFixed(0)} MB`,
      );
      await sender.close();
      await receiver.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return results;
}
