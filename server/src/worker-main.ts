import { loadConfig } from './config.js';
import { startWorker } from './jobs/worker.js';
import { createLogger } from './logger.js';

/** The worker process: reads its config, starts, and stops cleanly on SIGINT or SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }

  const log = createLogger(config.LOG_LEVEL, 'confab-worker');
  const worker = await startWorker(config, log);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping');
      void worker.close().then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
