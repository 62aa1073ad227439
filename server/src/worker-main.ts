import { startWorker } from './jobs/worker.js';
import { runProcess } from './run-process.js';

/** The worker process: the background jobs. */
runProcess('confab-worker', (config, log) => startWorker(config, log));
