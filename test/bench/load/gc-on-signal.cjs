// Preloaded (with --expose-gc) into the server processes whose memory the bench reads:
// SIGUSR2 runs a full collection, so a reading counts live memory, not garbage not yet swept.
process.on('SIGUSR2', () => globalThis.gc?.());
