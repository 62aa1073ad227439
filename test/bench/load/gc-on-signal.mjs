// Preloaded (with --expose-gc) into the server processes whose memory the bench reads:
// SIGUSR2 runs a full collection, so a reading counts live memory, not garbage not yet swept,
// and writes what the collection left (heap and memory outside it) to a file beside the pid.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const { heapUsed, external } = process.memoryUsage();
  const file = join(tmpdir(), `confab-bench-memory-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ heapUsed, external }));
});
