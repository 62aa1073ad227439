import { Conversation, Flag, Message, User } from '../store/models/index.js';
import type { AdminContext } from './context.js';
import { queueHealth } from './jobs.js';

/** The numbers on the console's first page. */

/** Days the messages chart covers, today included. */
const CHART_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Users seen within this long count as active. */
const ACTIVE_MS = DAY_MS;
/** Keys one SCAN step asks Redis for. */
const SCAN_COUNT = 1_000;

/**
 * Users of the tenant online now, from the presence keys in Redis. SCAN walks the whole
 * keyspace, which is fine for a dashboard refresh; a deployment with millions of keys would
 * want a per-tenant online set instead.
 */
async function onlineUserIds(ctx: AdminContext): Promise<string[]> {
  const prefix = `${ctx.app.config.REDIS_PREFIX}presence:online:${ctx.tenant._id}:`;
  const ids: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await ctx.app.redis.scan(
      cursor,
      'MATCH',
      `${prefix}*`,
      'COUNT',
      SCAN_COUNT,
    );
    for (const key of keys) ids.push(key.slice(prefix.length));
    cursor = next;
  } while (cursor !== '0');
  return [...new Set(ids)];
}

/** Message counts per UTC day, oldest first; one indexed count per day. */
async function messagesPerDay(tenantId: string) {
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const days = Array.from({ length: CHART_DAYS }, (_, i) => {
    return new Date(today.getTime() - (CHART_DAYS - 1 - i) * DAY_MS);
  });
  return Promise.all(
    days.map(async (start) => ({
      day: start.toISOString().slice(0, 10),
      count: await Message.countDocuments({
        tenantId,
        type: 'text',
        createdAt: { $gte: start, $lt: new Date(start.getTime() + DAY_MS) },
      }),
    })),
  );
}

export async function dashboard(ctx: AdminContext) {
  const tenantId = ctx.tenant._id;
  const online = await onlineUserIds(ctx);
  const since = new Date(Date.now() - ACTIVE_MS);
  const [perDay, seenRecently, users, conversations, pendingFlags] = await Promise.all([
    messagesPerDay(tenantId),
    User.countDocuments({ tenantId, lastSeenAt: { $gte: since }, userId: { $nin: online } }),
    User.countDocuments({ tenantId }),
    Conversation.countDocuments({ tenantId }),
    Flag.countDocuments({ tenantId, status: 'open' }),
  ]);
  return {
    messagesPerDay: perDay,
    activeUsers: seenRecently + online.length,
    onlineNow: online.length,
    users,
    conversations,
    pendingFlags,
    queues: await queueHealth(ctx),
  };
}
