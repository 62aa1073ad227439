import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type { ChildReply, ChildRequest } from './protocol.js';

const childScript = fileURLToPath(new URL('./load-child.ts', import.meta.url));

/** Connections one load process holds at most: well under its open-file limit. */
export const PER_CHILD = 5_000;

interface Child {
  process: ChildProcess;
  /** Loopback source address of its connections, so many of them never run out of ports. */
  localAddress: string;
}

function ask<T extends ChildReply['type']>(
  child: Child,
  request: ChildRequest,
  answer: T,
): Promise<Extract<ChildReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: ChildReply) => {
      if (reply.type !== answer) return;
      child.process.off('message', onMessage);
      child.process.off('exit', onExit);
      resolve(reply as Extract<ChildReply, { type: T }>);
    };
    const onExit = (code: number | null) => reject(new Error(`load process exited (${code})`));
    child.process.on('message', onMessage);
    child.process.once('exit', onExit);
    child.process.send(request);
  });
}

/**
 * Real Socket.IO clients spread over load-generator processes, `PER_CHILD` connections each,
 * every process from its own 127.0.0.x address.
 */
export class Fleet {
  private readonly children: Child[] = [];

  /** Adds processes and connects one client per token to `url`; answers how many failed. */
  async connect(url: string, tokens: (string | null)[], parallel = 16): Promise<number> {
    const chunks: (string | null)[][] = [];
    for (let i = 0; i < tokens.length; i += PER_CHILD) chunks.push(tokens.slice(i, i + PER_CHILD));
    const started = await Promise.all(chunks.map(() => this.spawn()));
    const results = await Promise.all(
      started.map((child, i) =>
        ask(
          child,
          { type: 'connect', url, tokens: chunks[i]!, localAddress: child.localAddress, parallel },
          'connected',
        ),
      ),
    );
    return results.reduce((sum, r) => sum + r.failed, 0);
  }

  async reset(): Promise<void> {
    await Promise.all(this.children.map((child) => ask(child, { type: 'reset' }, 'reset')));
  }

  /** Messages received by every client together, and the first and last arrival. */
  async totals(): Promise<{ total: number; firstAt: number; lastAt: number }> {
    const all = await Promise.all(
      this.children.map((child) => ask(child, { type: 'totals' }, 'totals')),
    );
    const started = all.filter((t) => t.total > 0);
    return {
      total: all.reduce((sum, t) => sum + t.total, 0),
      firstAt: Math.min(...started.map((t) => t.firstAt)),
      lastAt: Math.max(...started.map((t) => t.lastAt)),
    };
  }

  /** How many clients received the message of this client id, and when the last one did. */
  async arrivals(clientId: string): Promise<{ count: number; last: number }> {
    const all = await Promise.all(
      this.children.map((child) => ask(child, { type: 'arrivals', clientId }, 'arrivals')),
    );
    return {
      count: all.reduce((sum, a) => sum + a.count, 0),
      last: Math.max(0, ...all.map((a) => a.last)),
    };
  }

  /** Closes every connection and ends the processes. */
  async close(): Promise<void> {
    await Promise.all(
      this.children.map(async (child) => {
        if (child.process.exitCode !== null) return;
        const exited = new Promise((resolve) => child.process.once('exit', resolve));
        child.process.send({ type: 'close' } satisfies ChildRequest);
        await exited;
      }),
    );
    this.children.length = 0;
  }

  private async spawn(): Promise<Child> {
    const process = fork(childScript, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = new Promise<void>((resolve, reject) => {
      process.once('message', () => resolve());
      process.once('exit', (code) => reject(new Error(`load process exited (${code})`)));
    });
    const child = { process, localAddress: `127.0.0.${2 + (this.children.length % 250)}` };
    this.children.push(child);
    await ready;
    return child;
  }
}
