import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';

import type { Config } from '../config.js';

export type AdapterMode = 'sharded' | 'classic';

export interface RoomsAdapter {
  mode: AdapterMode;
  /**
   * Resolves once Redis has taken every subscription asked for so far. Sharded pub/sub
   * subscribes one channel per room as sockets join it; a socket that reads the store after
   * this resolves cannot miss a change another node publishes to its rooms later.
   */
  subscribed(): Promise<void>;
  close(): void;
}

/** The first number of `redis_version` in INFO, e.g. 7 for 7.0.15. */
async function redisMajor(redis: Redis): Promise<number> {
  const info = await redis.info('server');
  const version = /redis_version:(\d+)/.exec(info)?.[1];
  return version === undefined ? 0 : Number(version);
}

/**
 * Gives a Socket.IO server (an api node's, or a worker's that has no sockets) the Redis
 * adapter, so every node and worker reaches the same rooms. Sharded pub/sub needs Redis 7; on
 * an older server, `auto` falls back to plain pub/sub, which every node then receives.
 */
export async function attachRoomsAdapter(
  io: Server,
  config: Config,
  redis: Redis,
): Promise<RoomsAdapter> {
  const mode: AdapterMode =
    config.SOCKET_ADAPTER === 'auto'
      ? (await redisMajor(redis)) >= 7
        ? 'sharded'
        : 'classic'
      : config.SOCKET_ADAPTER;
  // Known shortcoming: these are connections to the one server in REDIS_URL. Sharded pub/sub
  // is made for Redis Cluster, but Confab does not open cluster clients yet, so every room's
  // channel lives on that one server.
  const pub = redis.duplicate();
  const sub = redis.duplicate();
  const key = `${config.REDIS_PREFIX}sio`;
  io.adapter(
    mode === 'sharded'
      ? createShardedAdapter(pub, sub, { channelPrefix: key, subscriptionMode: 'dynamic' })
      : createAdapter(pub, sub, { key }),
  );
  return {
    mode,
    // Redis answers one connection's commands in order: once a PING sent after the
    // subscriptions is answered, they are in place.
    subscribed: async () => {
      if (mode === 'sharded') await sub.ping();
    },
    close: () => {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
