import { randomBytes } from 'node:crypto';

import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { KeyedSerializer } from '../domain/keyed-serializer.js';
import { failDataRequest } from '../domain/user-data.js';
import { DeliveryFailed, markDeliveryFailed } from '../domain/webhooks.js';
import { createLogger } from '../logger.js';
import type { Logger } from '../logger.js';
import { PresenceTracker } from '../presence/tracker.js';
import { attachRoomsAdapter } from '../realtime/adapter.js';
import type { RoomsAdapter } from '../realtime/adapter.js';
import { connectStore, disconnectStore } from '../store/connect.js';
import { jobCatalogue, queueNames } from './catalogue.js';
import type { JobName, QueueName } from './catalogue.js';
import { processors } from './processors.js';
import { JobQueues, jobPrefix } from './queues.js';
import { RateLimits } from '../limits/rate-limits.js';

export interface RunningWorker {
  context: AppContext;
  queues: JobQueues;
  close(): Promise<void>;
}

export interface WorkerOptions {
  /** Reuse an api's context (the demo runs both roles in one process) instead of a new one. */
  context?: AppContext;
  /** Leave the store connection alone on close (its owner closes it). */
  sharedStore?: boolean;
}

/**
 * Starts the worker role: BullMQ workers for every queue of the catalogue, over the same
 * store and Redis as the api. A worker joins the Socket.IO Redis adapter as a node without
 * sockets of its own, so what a job changes reaches every api node's sockets live like any
 * other change. Any number of workers may run at once.
 */
export async function startWorker(
  config: Config,
  log = createLogger(config.LOG_LEVEL, 'confab-worker'),
  options: WorkerOptions = {},
): Promise<RunningWorker> {
  if (!options.context) await connectStore(config.MONGODB_URI, log);
  // Workers block on Redis; BullMQ requires their connection to retry without limit.
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  connection.on('error', (error) => log.warn({ err: error }, 'redis error'));
  const own = options.context ? undefined : await workerContext(config, log, connection);
  const context = options.context ?? own!.context;
  const prefix = jobPrefix(config);

  const workers = queueNames.map((queue) => {
    const worker = new Worker(queue, (job) => runJob(context, queue, job), {
      connection,
      prefix,
      concurrency: config.WORKER_CONCURRENCY,
      lockDuration: config.JOB_LOCK_MS,
      stalledInterval: config.JOB_LOCK_MS,
      maxStalledCount: 3,
    });
    worker.on('failed', (job, error) => {
      if (job) void onFailed(context, job, error);
    });
    worker.on('error', (error) => log.warn({ err: error, queue }, 'worker error'));
    return worker;
  });
  await context.jobs
    .queue('maintenance')
    .upsertJobScheduler(
      'retention',
      { every: config.RETENTION_EVERY_MS },
      { name: 'retention.sweep', data: {} },
    );
  log.info({ queues: queueNames.length }, 'worker started');

  return {
    context,
    queues: context.jobs,
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
      if (!options.context) await context.conversationQueue.idle();
      if (!options.context) {
        await context.jobs.close();
        context.presence.stop();
      }
      if (own) {
        await own.io.of('/').adapter.close();
        own.rooms.close();
      }
      connection.disconnect();
      if (!options.sharedStore && !options.context) await disconnectStore();
      log.info('worker stopped');
    },
  };
}

async function workerContext(
  config: Config,
  log: Logger,
  connection: Redis,
): Promise<{ context: AppContext; io: Server; rooms: RoomsAdapter }> {
  const nodeId = `w-${randomBytes(5).toString('base64url')}`;
  // Never attached to an HTTP server: it only publishes to, and moves sockets in, the rooms
  // of the api nodes.
  const io = new Server({ serveClient: false });
  const rooms = await attachRoomsAdapter(io, config, connection);
  const context: AppContext = {
    config,
    log: log.child({ nodeId }),
    redis: connection,
    io,
    conversationQueue: new KeyedSerializer(),
    nodeId,
    // Workers only read presence; they hold no connections to renew.
    presence: new PresenceTracker({
      redis: connection,
      prefix: config.REDIS_PREFIX,
      nodeId,
      graceMs: config.PRESENCE_GRACE_MS,
      heartbeatMs: config.PRESENCE_HEARTBEAT_MS,
      onOnline: async () => undefined,
      onOffline: async () => undefined,
      onError: () => undefined,
    }),
    jobs: new JobQueues(config, connection),
    limits: new RateLimits(config, connection),
  };
  return { context, io, rooms };
}

/** Checks a job against the catalogue, then runs it. A bad payload fails it for good. */
async function runJob(app: AppContext, queue: QueueName, job: Job): Promise<unknown> {
  const definition = jobCatalogue[job.name as JobName] as
    (typeof jobCatalogue)[JobName] | undefined;
  if (!definition || definition.queue !== queue) {
    throw new UnrecoverableError(`no job named ${job.name} in queue ${queue}`);
  }
  const parsed = definition.schema.safeParse(job.data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UnrecoverableError(`bad payload: ${first?.path.join('.')} ${first?.message}`);
  }
  const log = app.log.child({ jobId: job.id, job: job.name, attempt: job.attemptsMade + 1 });
  const run = processors[job.name as JobName] as (
    a: AppContext,
    p: unknown,
    j: Job,
  ) => Promise<unknown>;
  try {
    return await run(app, parsed.data, job);
  } catch (error) {
    if (error instanceof DeliveryFailed && error.permanent) {
      throw new UnrecoverableError(error.message);
    }
    log.debug({ err: error }, 'job attempt failed');
    throw error;
  }
}

/** Once a job has used up its attempts, what it was doing is marked failed where users see it. */
async function onFailed(app: AppContext, job: Job, error: Error): Promise<void> {
  const attempts = job.opts.attempts ?? 1;
  const final = error instanceof UnrecoverableError || job.attemptsMade >= attempts;
  app.log.warn({ jobId: job.id, job: job.name, err: error, final }, 'job failed');
  if (!final) return;
  const data = job.data as { tenantId?: string; deliveryId?: string; requestId?: string };
  if (!data.tenantId) return;
  if (job.name === 'webhook.deliver' && data.deliveryId) {
    await markDeliveryFailed(data.tenantId, data.deliveryId).catch(() => undefined);
  }
  if ((job.name === 'user.export' || job.name === 'user.erase') && data.requestId) {
    await failDataRequest(data.tenantId, data.requestId, error.message).catch(() => undefined);
  }
}
