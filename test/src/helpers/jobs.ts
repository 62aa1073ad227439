import type { RunningApi, RunningWorker } from '@confab/server';
import { JobQueues, startWorker } from '@confab/server';
import { Redis } from 'ioredis';

import { testConfig } from './api.js';
import { waitFor } from './wait.js';

type Queues = RunningWorker['queues'];

/** The job queues of this test file, to add jobs and watch them, with no worker of its own. */
export function testQueues(): { queues: JobQueues; close(): Promise<void> } {
  const config = testConfig();
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
  const queues = new JobQueues(config, connection);
  return {
    queues,
    close: async () => {
      await queues.close();
      connection.disconnect();
    },
  };
}

/** A worker in this process, sharing the api's context (as the demo runs it). */
export function startTestWorker(api: RunningApi): Promise<RunningWorker> {
  return startWorker(api.context.config, api.log, { context: api.context, sharedStore: true });
}

/** A worker in this process with its own config and context, as a separate worker node runs. */
export function startSeparateWorker(
  overrides: Record<string, string> = {},
): Promise<RunningWorker> {
  return startWorker(testConfig(overrides), undefined, { sharedStore: true });
}

type QueueName = 'notifications' | 'webhooks' | 'maintenance';

/**
 * Resolves once none of these queues has a job waiting, running or delayed (the repeating
 * retention schedule aside): whatever their jobs were going to do has been done.
 */
export async function drained(
  queues: Queues,
  timeoutMs = 20_000,
  names: QueueName[] = ['notifications', 'webhooks', 'maintenance'],
): Promise<void> {
  await waitFor(
    async () => {
      for (const name of names) {
        const counts = await queues
          .queue(name)
          .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        const scheduled = name === 'maintenance' ? 1 : 0;
        const busy =
          counts.waiting! + counts.active! + counts.prioritized! + counts.delayed! - scheduled;
        if (busy > 0) return false;
      }
      return true;
    },
    { timeoutMs, intervalMs: 50, what: 'job queues drained' },
  );
}

/** Waits until a job has finished one way or the other, and answers how. */
export async function finished(
  queues: Queues,
  queue: 'notifications' | 'webhooks' | 'maintenance',
  jobId: string,
  timeoutMs = 30_000,
): Promise<{ state: string; result: unknown; reason: string | undefined }> {
  return waitFor(
    async () => {
      // The state first, then the job: read the other way, a job that finishes in between
      // shows as finished with no result yet.
      const state = await queues.queue(queue).getJobState(jobId);
      if (state !== 'completed' && state !== 'failed') return false;
      const job = await queues.queue(queue).getJob(jobId);
      return { state, result: job!.returnvalue, reason: job!.failedReason };
    },
    { timeoutMs, intervalMs: 50, what: `job ${jobId} finished` },
  );
}
