import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { testEnv } from './api.js';
import { waitFor } from './wait.js';

const main = fileURLToPath(new URL('../../../server/dist/worker-main.js', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Kills it at once: no job it holds completes or releases its lock. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a worker in a process of its own, on this test file's database and Redis keys. */
export async function startWorkerProcess(
  overrides: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...testEnv({ LOG_LEVEL: 'info', ...overrides }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-256 * 1024));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(() => output.includes('"worker started"') || child.exitCode !== null, {
    timeoutMs: 30_000,
    what: 'worker process started',
  });
  if (child.exitCode !== null) throw new Error(`worker exited early:\n${output}`);
  return {
    child,
    output: () => output,
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
