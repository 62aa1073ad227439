import type { Job } from 'bullmq';

import type { AppContext } from '../context.js';
import { notifyConversation, notifyMemberSlice } from '../domain/notifications.js';
import { runRetention } from '../domain/retention.js';
import { runErase, runExport } from '../domain/user-data.js';
import { attemptDelivery, fanOutEvent } from '../domain/webhooks.js';
import type { JobName, JobPayload } from './catalogue.js';

type Processor<N extends JobName> = (
  app: AppContext,
  payload: JobPayload<N>,
  job: Job,
) => Promise<unknown>;

/** The code each job of the catalogue runs; what it answers is kept as the job's result. */
export const processors: { [N in JobName]: Processor<N> } = {
  'notify.conversation': (app, p) => notifyConversation(app, p.tenantId, p.conversationId),
  'notify.members': (app, p) =>
    notifyMemberSlice(app, p.tenantId, p.conversationId, p.fromUserId, p.toUserId),
  'webhook.fanout': (app, p) => fanOutEvent(app, p.tenantId, p.event, p.messageRef),
  'webhook.deliver': (app, p) => attemptDelivery(app, p.tenantId, p.deliveryId),
  'retention.sweep': (_app, p, job) =>
    runRetention(p.now ? new Date(p.now) : new Date(), p.tenantId, (report) =>
      job.updateProgress({ ...report }),
    ),
  'user.export': (_app, p) => runExport(p.tenantId, p.requestId),
  'user.erase': (app, p) => runErase(app, p.tenantId, p.requestId),
};
