import type { ParsedRequest, Presence, RequestResults } from '@confab/sdk/protocol';

import type { AppContext, UserContext } from '../context.js';
import { publishToUsers } from '../realtime/publish.js';
import { Contact, User } from '../store/models/index.js';

/** Online state and last seen of up to 200 users of the caller's tenant. */
export async function getPresence(
  ctx: UserContext,
  input: ParsedRequest<'presence.get'>,
): Promise<RequestResults['presence.get']> {
  return { presence: await presenceOf(ctx.app, ctx.tenant._id, input.userIds) };
}

/** Presence from Redis, with last-seen times the store kept where Redis has none. */
export async function presenceOf(
  app: AppContext,
  tenantId: string,
  userIds: string[],
): Promise<Presence[]> {
  const states = await app.presence.lookup(tenantId, userIds);
  const unknown = userIds.filter((_, i) => !states[i]!.online && states[i]!.lastSeenAt === null);
  const stored =
    unknown.length > 0
      ? await User.find({ tenantId, userId: { $in: unknown } }, { userId: 1, lastSeenAt: 1 }).lean()
      : [];
  const seen = new Map(stored.map((u) => [u.userId, u.lastSeenAt]));
  return userIds.map((userId, i) => {
    const state = states[i]!;
    const fromStore = seen.get(userId);
    return {
      userId,
      online: state.online,
      lastSeenAt: state.lastSeenAt ?? (fromStore ? new Date(fromStore).toISOString() : null),
    };
  });
}

/** Tells a user's accepted contacts, on every node, that the user came online or went. */
export async function announcePresence(
  app: AppContext,
  tenantId: string,
  userId: string,
  online: boolean,
  lastSeenAt: Date | null,
): Promise<void> {
  if (lastSeenAt) {
    await User.updateOne({ tenantId, userId }, { $set: { lastSeenAt } });
  }
  const watchers = await Contact.find(
    { tenantId, userId, status: 'accepted' },
    { ownerId: 1 },
  ).lean();
  publishToUsers(
    app.io,
    tenantId,
    watchers.map((w) => w.ownerId),
    'presence.changed',
    { userId, online, lastSeenAt: lastSeenAt ? lastSeenAt.toISOString() : null },
  );
}
