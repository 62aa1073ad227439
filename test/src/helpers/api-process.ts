import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { testEnv } from './api.js';
import { waitFor } from './wait.js';

const main = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url));

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Kills it at once, as a crashed machine would: no clean-up runs. */
  kill(): Promise<void>;
  /** Stops it cleanly (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts an api node in a process of its own, on this test file's database and the run's
 * Redis, so a test can kill it with SIGKILL mid-flight. `PORT` may be fixed, to restart a
 * node where clients expect it.
 */
export async function startApiProcess(overrides: Record<string, string> = {}): Promise<ApiProcess> {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...testEnv({ LOG_LEVEL: 'info', ...overrides }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let url: string | undefined;
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-64 * 1024);
    for (const line of chunk.toString().split('\n')) {
      if (!line.includes('"api listening"')) continue;
      url = (JSON.parse(line) as { url: string }).url;
    }
  });
  child.stderr?.on(
    'data',
    (chunk: Buffer) => (output = (output + chunk.toString()).slice(-64 * 1024)),
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await waitFor(() => url !== undefined || child.exitCode !== null, {
    timeoutMs: 30_000,
    what: 'api process listening',
  });
  if (!url) throw new Error(`api process exited early:\n${output}`);
  return {
    url,
    child,
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
