import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { inject } from 'vitest';

import { getFreePort } from '../../../scripts/services/free-port.ts';
import { storeUri } from './api.js';
import { waitFor } from './wait.js';

const main = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url));

/** A real api process, started as production starts it, that a test can kill. */
export interface ApiProcess {
  url: string;
  port: number;
  /** Ends the process (SIGKILL by default: a crash) and waits until it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<ChildProcess>();

/**
 * Starts `server/dist/main.js` in a child process over this test file's store and the run's
 * Redis, on `port` (a free one unless given, so a test can restart an api on the same port),
 * and waits until it answers /healthz.
 */
export async function startApiProcess(port?: number): Promise<ApiProcess> {
  const services = inject('services');
  const chosen = port ?? (await getFreePort());
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(chosen),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      MONGODB_URI: storeUri(),
      REDIS_URL: services.redisUrl,
      MASTER_KEY: services.masterKey,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));

  const url = `http://127.0.0.1:${chosen}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`api process exited with ${child.exitCode}`);
      const answer = await fetch(`${url}/healthz`).catch(() => null);
      return answer?.ok === true;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: 'the api process to answer' },
  );

  return {
    url,
    port: chosen,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Kills every api process a test left running. */
export async function stopApiProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
