import type { Job } from 'bullmq';
import { z } from 'zod';

import { notFound } from '../errors.js';
import { queueNames } from '../jobs/catalogue.js';
import type { QueueName } from '../jobs/catalogue.js';
import { audit } from './audit.js';
import type { AdminContext } from './context.js';
import { listQuery } from './list-query.js';

/**
 * The job queues as staff see them: how full each is, and the tenant's own failed jobs, each
 * of which can be retried. Queues are shared by every tenant of a deployment: counts are the
 * deployment's, while failed jobs are listed and retried only when they carry this tenant.
 */

/** How many failed jobs of a queue are read to find this tenant's. */
const FAILED_SCAN = 1_000;

export async function queueHealth(ctx: AdminContext) {
  return Promise.all(
    queueNames.map(async (name) => {
      const counts = await ctx.app.jobs
        .queue(name)
        .getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      return {
        name,
        waiting: counts.waiting ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        completed: counts.completed ?? 0,
      };
    }),
  );
}

const failedFilter = z.object({ queue: z.enum(queueNames).optional() });

function failedView(queue: QueueName, job: Job) {
  return {
    id: `${queue}~${job.id}`,
    queue,
    name: job.name,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason ?? null,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    createdAt: new Date(job.timestamp).toISOString(),
  };
}

const ownedBy = (ctx: AdminContext) => (job: Job | undefined) =>
  job !== undefined && (job.data as { tenantId?: string } | null)?.tenantId === ctx.tenant._id;

/** The tenant's failed jobs, newest first. */
export async function listFailedJobs(ctx: AdminContext, query: unknown) {
  const list = listQuery(query, { failedAt: 'failedAt' }, 'DESC', failedFilter);
  const queues = list.filter.queue ? [list.filter.queue] : [...queueNames];
  const found: ReturnType<typeof failedView>[] = [];
  for (const queue of queues) {
    const jobs = await ctx.app.jobs.queue(queue).getFailed(0, FAILED_SCAN - 1);
    for (const job of jobs.filter(ownedBy(ctx))) found.push(failedView(queue, job));
  }
  found.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? ''));
  return { data: found.slice(list.skip, list.skip + list.limit), total: found.length };
}

function parseJobId(id: string): { queue: QueueName; jobId: string } {
  const [queue, jobId] = id.split('~');
  if (!queueNames.includes(queue as QueueName) || !jobId) throw notFound('Job');
  return { queue: queue as QueueName, jobId };
}

async function findFailed(ctx: AdminContext, id: string) {
  const { queue, jobId } = parseJobId(id);
  const job = await ctx.app.jobs.queue(queue).getJob(jobId);
  if (!ownedBy(ctx)(job)) throw notFound('Job');
  return { queue, job: job! };
}

export async function getFailedJob(ctx: AdminContext, id: string) {
  const { queue, job } = await findFailed(ctx, id);
  return failedView(queue, job);
}

/** Runs a failed job again, with its attempts reset. */
export async function retryFailedJob(ctx: AdminContext, id: string) {
  const { queue, job } = await findFailed(ctx, id);
  await job.retry('failed');
  await audit(ctx, 'job.retry', { type: 'job', id }, null, { name: job.name });
  return { ...failedView(queue, job), retried: true };
}
