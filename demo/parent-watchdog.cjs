// Preloaded into the stock server's process (`node --require`): it ends when the process that started it
// goes away, however that happens (a crash, SIGTERM, SIGKILL), because its IPC channel then closes.
process.on('disconnect', () => process.exit(0));
