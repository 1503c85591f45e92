// Preloaded into a signaling server's process by the server benchmark (`node --expose-gc --require`), the stock
// server's and ours alike: on the message 'measure' over the IPC channel it collects garbage and answers with the
// heap in use and the resident memory, so both servers are measured the same way, from outside their code.
process.on('message', (message) => {
  if (message !== 'measure') return;
  global.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.send({ heapUsed, rss });
});
