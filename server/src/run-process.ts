import { loadConfig } from './config.js';
import type { Config } from './config.js';
import { createLogger } from './logger.js';
import type { Logger } from './logger.js';

/**
 * Runs one role of the server as a process: reads the config (a bad value stops it with a
 * message naming the variable), starts the role, and stops it cleanly on SIGINT or SIGTERM.
 */
export function runProcess(
  name: string,
  start: (config: Config, log: Logger) => Promise<{ close(): Promise<void> }>,
): void {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }

  const log = createLogger(config.LOG_LEVEL, name);
  start(config, log)
    .then((running) => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
          log.info({ signal }, 'stopping');
          void running.close().then(() => process.exit(0));
        });
      }
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
