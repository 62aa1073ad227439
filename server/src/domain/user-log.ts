import type { UserChange } from '@confab/sdk/protocol';

import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { publishToUsers } from '../realtime/publish.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { User, UserEvent } from '../store/models/index.js';

/** A private change before it has its userSeq. */
export type NewUserChange = UserChange extends infer C
  ? C extends UserChange
    ? Omit<C, 'userSeq'>
    : never
  : never;

const USER_SEQ_ATTEMPTS = 20;

/** Above this many users, a change is written with bulk operations instead of one by one. */
const BULK_FROM = 50;
const BULK_CHUNK = 1_000;

/**
 * Records a private change of one user under their next userSeq and pushes it to all their
 * devices. `live` adds fields to the pushed event only (figures that would be stale in the
 * log, such as unread counts). Runs in the user's queue on this node, like the conversation
 * log; the unique index on (user, seq) guards across nodes.
 */
export function appendUserChange(
  app: AppContext,
  tenantId: string,
  userId: string,
  change: NewUserChange,
  live: Record<string, unknown> = {},
): Promise<number> {
  return app.conversationQueue.run(`user:${tenantId}:${userId}`, async () => {
    const { type, ...data } = change;
    for (let attempt = 1; attempt <= USER_SEQ_ATTEMPTS; attempt += 1) {
      const user = await User.findOneAndUpdate(
        { tenantId, userId },
        { $inc: { lastUserSeq: 1 } },
        { new: true },
      ).lean();
      if (!user) throw new AppError('not_found', 'User not found');
      const userSeq = user.lastUserSeq;
      try {
        await UserEvent.create({ tenantId, userId, seq: userSeq, type, data });
      } catch (error) {
        if (isDuplicateKeyError(error)) continue;
        throw error;
      }
      const payload = { ...change, ...live, userSeq } as never;
      publishToUsers(app.io, tenantId, [userId], type, payload);
      return userSeq;
    }
    throw new AppError('unavailable', 'Too many changes at once; try again');
  });
}

/**
 * Records the same private change for many users, one log entry each. Large batches (a
 * 10,000-member group being filled) take three bulk operations per thousand users instead of
 * two writes per user; entries whose seq another writer took meanwhile are retried one by one.
 */
export async function appendUserChanges(
  app: AppContext,
  tenantId: string,
  userIds: string[],
  change: NewUserChange,
  live: Record<string, unknown> = {},
): Promise<void> {
  if (userIds.length < BULK_FROM) {
    await Promise.all(
      userIds.map((userId) => appendUserChange(app, tenantId, userId, change, live)),
    );
    return;
  }
  for (let start = 0; start < userIds.length; start += BULK_CHUNK) {
    await appendChunk(app, tenantId, userIds.slice(start, start + BULK_CHUNK), change, live);
  }
}

async function appendChunk(
  app: AppContext,
  tenantId: string,
  userIds: string[],
  change: NewUserChange,
  live: Record<string, unknown>,
): Promise<void> {
  const { type, ...data } = change;
  await User.updateMany({ tenantId, userId: { $in: userIds } }, { $inc: { lastUserSeq: 1 } });
  const users = await User.find(
    { tenantId, userId: { $in: userIds } },
    { userId: 1, lastUserSeq: 1 },
  ).lean();
  const entries = users.map((u) => ({
    tenantId,
    userId: u.userId,
    seq: u.lastUserSeq,
    type,
    data,
  }));

  const failed = new Set<number>();
  try {
    await UserEvent.insertMany(entries, { ordered: false });
  } catch (error) {
    const writeErrors = (error as { writeErrors?: { index: number; code?: number }[] }).writeErrors;
    if (!writeErrors || writeErrors.some((e) => !isDuplicateKeyError(e))) throw error;
    for (const writeError of writeErrors) failed.add(writeError.index);
  }

  await Promise.all(
    entries.map((entry, index) => {
      if (failed.has(index)) return appendUserChange(app, tenantId, entry.userId, change, live);
      const payload = { ...change, ...live, userSeq: entry.seq } as never;
      publishToUsers(app.io, tenantId, [entry.userId], type, payload);
      return undefined;
    }),
  );
}
