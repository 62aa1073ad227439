import type { Redis } from 'ioredis';

import type { Config } from './config.js';
import type { KeyedSerializer } from './domain/keyed-serializer.js';
import type { JobQueues } from './jobs/queues.js';
import type { RateLimits } from './limits/rate-limits.js';
import type { Logger } from './logger.js';
import type { Broadcaster } from './realtime/broadcaster.js';
import type { PresenceTracker } from './presence/tracker.js';
import type { TenantDoc } from './store/models/index.js';

/** What every part of a running api process shares. */
export interface AppContext {
  config: Config;
  log: Logger;
  redis: Redis;
  /** Reaches sockets on every api node. */
  io: Broadcaster;
  /**
   * Serializes work per key on this node: each conversation's shared changes (change-log.ts),
   * each user's private log (user-log.ts), each member's read marks (reads.ts).
   */
  conversationQueue: KeyedSerializer;
  /** This api process among the nodes of the deployment. */
  nodeId: string;
  presence: PresenceTracker;
  /** Where background jobs are queued (notifications, webhooks, retention, user data). */
  jobs: JobQueues;
  limits: RateLimits;
}

/** One authenticated end user making one request, over REST or realtime. */
export interface UserContext {
  app: AppContext;
  tenant: TenantDoc;
  userId: string;
  log: Logger;
}
