import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createTenant, signUserToken } from '@confab/server';

import { getFreePort } from '../../../scripts/services/free-port.ts';

const apiMain = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url));
const workerMain = fileURLToPath(new URL('../../../server/dist/worker-main.js', import.meta.url));

/** A server process of the bench (api, worker or the bare baseline) and its memory. */
export interface BenchProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Memory after a full collection, in bytes (api and bare processes only). */
  rss(): Promise<MemoryReading>;
  stop(): Promise<void>;
}

const gcPreload = fileURLToPath(new URL('../load/gc-on-signal.mjs', import.meta.url));

/** Node options that let `rss` collect garbage first (see load/gc-on-signal.cjs). */
export const GC_ON_SIGNAL = ['--expose-gc', '--import', gcPreload];

/**
 * Resident memory of a process started with GC_ON_SIGNAL, in bytes, after a full collection
 * (a process without the preload would die of the signal).
 */
export async function rssOf(pid: number): Promise<MemoryReading> {
  process.kill(pid, 'SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  const file = path.join(tmpdir(), `confab-bench-memory-${pid}.json`);
  const live = JSON.parse(await readFile(file, 'utf8')) as { heapUsed: number; external: number };
  await rm(file, { force: true });
  return { rss: Number(kb ?? 0) * 1024, live: live.heapUsed + live.external };
}

/**
 * `rss`: resident memory, which keeps heap pages freed by the collection and the allocator's
 * arenas; `live`: what the collection left on the JavaScript heap and outside it (buffers).
 */
export interface MemoryReading {
  rss: number;
  live: number;
}

/** A started server process: its address, its memory, and a stop. */
export function processHandle(child: ChildProcess, port: number): BenchProcess {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    rss: () => rssOf(child.pid!),
    // A clean stop first (a CPU profile is written on exit), then a hard one.
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(hard);
    },
  };
}

/**
 * Starts an api process as production does (`server/dist/main.js`), with `extraArgs` for node
 * (`--cpu-prof`, say), and waits until it answers /healthz.
 */
export async function startApiProcess(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<BenchProcess> {
  const port = await getFreePort();
  const child = spawn(process.execPath, [...GC_ON_SIGNAL, ...nodeArgs, apiMain], {
    env: { PATH: process.env.PATH, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const handle = processHandle(child, port);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}`);
    const answer = await fetch(`${handle.url}/healthz`).catch(() => null);
    if (answer?.ok) return handle;
    if (Date.now() > deadline) throw new Error('api did not answer /healthz');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startWorkerProcess(env: Record<string, string>): Promise<BenchProcess> {
  const child = spawn(process.execPath, [workerMain], {
    env: { PATH: process.env.PATH, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"worker started"')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
  child.stdout!.resume();
  return processHandle(child, 0);
}

/** A tenant of the bench: bulk users, locally signed tokens, server API calls. */
export interface BenchTenant {
  appId: string;
  call<T>(method: 'POST' | 'GET', route: string, body?: object): Promise<T>;
  addUsers(ids: string[]): Promise<void>;
  token(userId: string): string;
  group(ownerId: string, memberIds: string[], title?: string): Promise<string>;
}

export async function benchTenant(
  apiUrl: string,
  masterKey: Buffer,
  name: string,
): Promise<BenchTenant> {
  const made = await createTenant(masterKey, name);
  const auth = `Basic ${Buffer.from(`${made.key.keyId}:${made.key.secret}`).toString('base64')}`;
  const call = async <T>(method: 'POST' | 'GET', route: string, body?: object): Promise<T> => {
    const res = await fetch(`${apiUrl}/server/v1${route}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${route} failed: ${res.status} ${await res.text()}`);
    return res.json() as Promise<T>;
  };
  const tenant: BenchTenant = {
    appId: made.appId,
    call,
    async addUsers(ids) {
      for (let i = 0; i < ids.length; i += 1_000) {
        await call('POST', '/users', { users: ids.slice(i, i + 1_000).map((id) => ({ id })) });
      }
    },
    // Signed here as a tenant's backend may sign them: 20,000 tokens need no round trips.
    token: (userId) => signUserToken(made.key.keyId, made.key.secret, userId, 6 * 3600).token,
    async group(ownerId, memberIds, title = 'Bench group') {
      const { conversation } = await call<{ conversation: { id: string } }>(
        'POST',
        '/conversations/groups',
        { ownerId, title },
      );
      const others = memberIds.filter((id) => id !== ownerId);
      for (let i = 0; i < others.length; i += 20_000) {
        await call('POST', `/conversations/${conversation.id}/members`, {
          userIds: others.slice(i, i + 20_000),
        });
      }
      return conversation.id;
    },
  };
  return tenant;
}
