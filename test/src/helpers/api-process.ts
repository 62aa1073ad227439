import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { getFreePort } from '../../../scripts/services/free-port.ts';
import { testEnv } from './api.js';
import { waitFor } from './wait.js';

const main = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url));

/** A real api process, started as production starts it, that a test can kill. */
export interface ApiProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** What it wrote to stdout and stderr, when started with `capture` (the last 8 MB). */
  output(): string;
  /** Ends the process (SIGKILL by default: a crash, no clean-up) and waits for its exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops it cleanly (SIGTERM) and waits for its exit. */
  stop(): Promise<void>;
}

export interface ApiProcessOptions {
  /** A fixed port, to restart an api where its clients expect it; a free one otherwise. */
  port?: number;
  /** Variables beside those of the test file's services. */
  env?: Record<string, string>;
  /** Keep what it logs, for `output()`. */
  capture?: boolean;
}

const running = new Set<ChildProcess>();

/**
 * Starts `server/dist/main.js` in a process of its own, over this test file's database and
 * Redis keys (so it shares rooms with the file's other api nodes), and waits until it answers
 * /healthz.
 */
export async function startApiProcess(options: ApiProcessOptions = {}): Promise<ApiProcess> {
  const port = options.port ?? (await getFreePort());
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH, ...testEnv({ PORT: String(port), ...options.env }) },
    stdio: ['ignore', options.capture ? 'pipe' : 'ignore', 'pipe'],
  });
  let errors = '';
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8 * 1024 * 1024));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-8192);
    if (options.capture) keep(chunk);
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));

  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) {
        throw new Error(`api process exited with ${child.exitCode}: ${errors}`);
      }
      const answer = await fetch(`${url}/healthz`).catch(() => null);
      return answer?.ok === true;
    },
    { timeoutMs: 30_000, intervalMs: 100, what: 'the api process to answer' },
  );

  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    port,
    child,
    output: () => output,
    kill: (signal = 'SIGKILL') => end(signal),
    stop: () => end('SIGTERM'),
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
