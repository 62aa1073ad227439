import { startApi } from './api.js';
import { runProcess } from './run-process.js';

/** The api process. */
runProcess('confab', (config, log) => startApi(config, log));
