import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type { BareReply, BareRequest } from '../load/bare-server.ts';
import { GC_ON_SIGNAL, processHandle } from './stack.js';
import type { BenchProcess, BenchTenant } from './stack.js';

/** What every scenario gets: the sizes of this mode, the services and a ready tenant. */
export interface Bench {
  full: boolean;
  /** The environment of every api and worker process of the run. */
  env: Record<string, string>;
  masterKey: Buffer;
  mongodbUri: string;
  /** The api that sets things up, and runs the scenarios that need only one. */
  api: BenchProcess;
  tenant: BenchTenant;
  /** Ids of users that exist in the tenant: `prefix-0` .. `prefix-(n-1)`. */
  users(prefix: string, n: number): Promise<string[]>;
  log(line: string): void;
}

const bareScript = fileURLToPath(new URL('../load/bare-server.ts', import.meta.url));

export interface BareServer extends BenchProcess {
  /** Broadcasts `count` copies of a payload to every client; answers the time it took to emit. */
  broadcast(count: number, payload: object): Promise<number>;
}

/** Starts the bare Socket.IO baseline in a process of its own. */
export async function startBare(): Promise<BareServer> {
  const child = fork(bareScript, [], {
    execArgv: ['--import', 'tsx', ...GC_ON_SIGNAL],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) => {
    child.once('message', (reply: BareReply) => {
      if (reply.type === 'listening') resolve(reply.port);
    });
  });
  return {
    ...processHandle(child, port),
    broadcast: (count, payload) =>
      new Promise((resolve) => {
        child.once('message', (reply: BareReply) => {
          if (reply.type === 'sent') resolve(reply.ms);
        });
        child.send({ type: 'broadcast', count, payload } satisfies BareRequest);
      }),
  };
}

/** Waits until `check` holds, polling; fails after `timeoutMs`. */
export async function until(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Lets memory settle after a burst of connections before it is read. */
export const settle = (ms = 2_000) => new Promise((resolve) => setTimeout(resolve, ms));
