import { Queue } from 'bullmq';
import type { Job, JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

import type { Config } from '../config.js';
import { jobCatalogue, queueNames } from './catalogue.js';
import type { JobName, JobPayload, QueueName } from './catalogue.js';

/** BullMQ's key prefix under the deployment's own. */
export function jobPrefix(config: Config): string {
  return `${config.REDIS_PREFIX}jobs`;
}

/** Completed jobs are kept a day for the console; failed ones a week, to be retried. */
const KEEP_COMPLETED = { age: 24 * 60 * 60, count: 1_000 };
const KEEP_FAILED = { age: 7 * 24 * 60 * 60 };

/** Where api nodes and workers add jobs, with each job's retry policy from the catalogue. */
export class JobQueues {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    private readonly config: Config,
    connection: Redis,
  ) {
    const prefix = jobPrefix(config);
    this.queues = Object.fromEntries(
      queueNames.map((name) => [name, new Queue(name, { connection, prefix })]),
    ) as Record<QueueName, Queue>;
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  /** The retry policy of a job, from the catalogue and the config. */
  policy(name: JobName): Pick<JobsOptions, 'attempts' | 'backoff'> {
    const { attempts } = jobCatalogue[name];
    if (attempts === 'webhook') {
      return {
        attempts: this.config.WEBHOOK_ATTEMPTS,
        backoff: { type: 'exponential', delay: this.config.WEBHOOK_BACKOFF_MS },
      };
    }
    return { attempts, backoff: { type: 'exponential', delay: 1_000 } };
  }

  /**
   * Adds a job. A `jobId` makes adding idempotent: while a job of that id exists, adding it
   * again does nothing (ids may not contain `:`).
   */
  async add<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options: JobsOptions = {},
  ): Promise<Job> {
    const queue = this.queues[jobCatalogue[name].queue];
    return queue.add(name, payload, {
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
      ...this.policy(name),
      ...options,
    });
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((queue) => queue.close()));
  }
}
