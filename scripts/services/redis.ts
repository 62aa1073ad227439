import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { type LogFn, type RunningService, startChildService } from './child-service.js';
import { getFreePort } from './free-port.js';

const REDIS_READY_TIMEOUT_MS = 15_000;
const PING_TIMEOUT_MS = 1_000;

export interface RedisOptions {
  /** Holds redis.log and the redis/ working folder. */
  dataDir: string;
  log?: LogFn;
  /** A fixed port (to restart it where its clients expect it); a free one otherwise. */
  port?: number;
}

/**
 * Runs redis-server (from PATH) on a free 127.0.0.1 port as a throwaway cache: no snapshots and
 * no append-only file, so nothing survives a restart and nothing is written during tests.
 * The service's url is `redis://127.0.0.1:PORT`.
 */
export async function startRedis(options: RedisOptions): Promise<RunningService> {
  const { dataDir, log } = options;
  const workDir = join(dataDir, 'redis');
  await mkdir(workDir, { recursive: true });
  const port = options.port ?? (await getFreePort());
  const logFile = join(dataDir, 'redis.log');
  const url = `redis://127.0.0.1:${port}`;
  return startChildService({
    name: 'redis',
    command: 'redis-server',
    // argv, not a shell: the empty string is what `--save ""` passes to turn snapshots off.
    // prettier-ignore
    args: [
      '--port', String(port),
      '--bind', '127.0.0.1',
      '--save', '',
      '--appendonly', 'no',
      '--dir', workDir,
      '--logfile', logFile,
    ],
    logFile,
    url,
    ready: () => pingRedis(url, PING_TIMEOUT_MS),
    readyTimeoutMs: REDIS_READY_TIMEOUT_MS,
    log,
  });
}

/**
 * Resolves when the Redis server at `url` answers PING; rejects otherwise.
 *
 * ioredis normally retries and queues commands forever, which would turn "not up yet" into a
 * hang; here every retry and queue is off and `timeoutMs` bounds connecting and the command.
 */
export async function pingRedis(url: string, timeoutMs: number): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // ioredis reports the cause (ECONNREFUSED, ...) as an 'error' event and then rejects with a
  // bare "Connection is closed."; keep the cause for the message. Listening also stops ioredis
  // from printing unhandled errors.
  let cause: Error | undefined;
  client.on('error', (error: Error) => {
    cause ??= error;
  });
  try {
    await client.connect();
    const reply = await client.ping();
    if (reply !== 'PONG') throw new Error(`unexpected PING reply: ${reply}`);
  } catch (error) {
    throw cause ?? error;
  } finally {
    client.disconnect();
  }
}
