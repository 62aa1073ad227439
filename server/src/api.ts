import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Redis } from 'ioredis';
import type { Express } from 'express';
import type { Server } from 'socket.io';

import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { KeyedSerializer } from './domain/keyed-serializer.js';
import { announcePresence } from './domain/presence.js';
import { createHttpApp } from './http/app.js';
import { createLogger } from './logger.js';
import type { Logger } from './logger.js';
import { JobQueues } from './jobs/queues.js';
import { RateLimits } from './limits/rate-limits.js';
import { PresenceTracker } from './presence/tracker.js';
import { deferBroadcasts } from './realtime/deferred.js';
import { attachRealtime, createSocketServer } from './realtime/socket-server.js';
import { connectStore, disconnectStore } from './store/connect.js';

export interface RunningApi {
  http: Express;
  io: Server;
  port: number;
  url: string;
  log: Logger;
  context: AppContext;
  close(): Promise<void>;
}

/**
 * Starts the api role: the store, Redis, Express and Socket.IO on one HTTP server. It listens
 * on `config.PORT` (0 picks a free port, which tests use).
 */
export async function startApi(
  config: Config,
  log = createLogger(config.LOG_LEVEL),
): Promise<RunningApi> {
  await connectStore(config.MONGODB_URI, log);
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false });
  redis.on('error', (error) => log.warn({ err: error }, 'redis error'));

  // Jobs get a connection of their own, so a burst of them never queues behind realtime traffic.
  const jobsRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
  jobsRedis.on('error', (error) => log.warn({ err: error }, 'redis error (jobs)'));

  const httpServer = createServer();
  const realtime = await createSocketServer(httpServer, config, redis);
  const nodeId = randomBytes(6).toString('base64url');
  const context: AppContext = {
    config,
    log: log.child({ nodeId }),
    redis,
    io: deferBroadcasts(realtime.io, (error) => log.warn({ err: error }, 'broadcast failed')),
    conversationQueue: new KeyedSerializer(),
    nodeId,
    presence: new PresenceTracker({
      redis,
      prefix: config.REDIS_PREFIX,
      nodeId,
      graceMs: config.PRESENCE_GRACE_MS,
      heartbeatMs: config.PRESENCE_HEARTBEAT_MS,
      onOnline: (tenantId, userId) => announcePresence(context, tenantId, userId, true, null),
      onOffline: (tenantId, userId, at) => announcePresence(context, tenantId, userId, false, at),
      onError: (error) => log.warn({ err: error }, 'presence update failed'),
    }),
    jobs: new JobQueues(config, jobsRedis),
    limits: new RateLimits(config, redis),
  };
  const http = createHttpApp(context);
  httpServer.on('request', http);
  attachRealtime(context, realtime.io, realtime.rooms);
  context.presence.start();

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const url =
    config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  log.info({ port, url, nodeId, adapter: realtime.rooms.mode }, 'api listening');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      context.presence.stop();
      await realtime.close();
      // Changes already under way finish (and are broadcast) before the connections close.
      await context.conversationQueue.idle();
      // A clean stop takes this node's users offline (after the grace period), as a crash
      // would only once their entries lapse.
      await context.presence.drain();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await context.jobs.close();
      jobsRedis.disconnect();
      redis.disconnect();
      await disconnectStore();
      log.info('api stopped');
    })();
    return closing;
  };

  return { http, io: realtime.io, port, url, log, context, close };
}
