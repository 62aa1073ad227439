import type { User as UserView } from '@confab/sdk/protocol';

import { AppError, notFound } from '../errors.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { User } from '../store/models/index.js';
import { userView } from './views.js';

export interface UserInput {
  id: string;
  name?: string | undefined;
  avatarUrl?: string | null | undefined;
  custom?: Record<string, unknown> | undefined;
}

/**
 * Creates or updates users by the tenant's own ids; fields left out keep their values. New
 * users are inserted in bulk and only existing ones are updated one by one, so importing a
 * tenant's thousands of users costs a few operations, not one upsert each.
 */
export async function upsertUsers(tenantId: string, users: UserInput[]): Promise<UserView[]> {
  const ids = users.map((user) => user.id);
  if (new Set(ids).size !== ids.length) {
    throw new AppError('invalid_input', 'The same user id appears twice in one request');
  }

  const known = await existingUserIds(tenantId, ids);
  const fresh = users.filter((user) => !known.has(user.id));
  const raced = await insertUsers(tenantId, fresh);
  const updates = users.filter((user) => known.has(user.id) || raced.has(user.id));
  const operations = updates.flatMap((user) => {
    const set: Record<string, unknown> = {};
    if (user.name !== undefined) set.name = user.name;
    if (user.avatarUrl !== undefined) set.avatarUrl = user.avatarUrl;
    if (user.custom !== undefined) set.custom = user.custom;
    // An empty operator is refused by some stores, so users with nothing to change are skipped.
    if (Object.keys(set).length === 0) return [];
    return [{ updateOne: { filter: { tenantId, userId: user.id }, update: { $set: set } } }];
  });
  if (operations.length > 0) await User.bulkWrite(operations, { ordered: false });

  const docs = await User.find({ tenantId, userId: { $in: ids } }).lean();
  const byId = new Map(docs.map((doc) => [doc.userId, doc]));
  return ids.map((id) => userView(byId.get(id)!));
}

/** Inserts users; answers the ids another request inserted first, to update instead. */
async function insertUsers(tenantId: string, users: UserInput[]): Promise<Set<string>> {
  if (users.length === 0) return new Set();
  const docs = users.map((user) => ({
    tenantId,
    userId: user.id,
    name: user.name ?? user.id,
    avatarUrl: user.avatarUrl ?? null,
    custom: user.custom ?? {},
  }));
  try {
    await User.insertMany(docs, { ordered: false });
    return new Set();
  } catch (error) {
    const writeErrors = (error as { writeErrors?: { index: number; code?: number }[] }).writeErrors;
    if (!writeErrors || writeErrors.some((e) => !isDuplicateKeyError(e))) throw error;
    return new Set(writeErrors.map((e) => users[e.index]!.id));
  }
}

export async function getUser(tenantId: string, userId: string): Promise<UserView> {
  const doc = await User.findOne({ tenantId, userId }).lean();
  if (!doc) throw notFound('User');
  return userView(doc);
}

/**
 * Makes sure a user who connects with a valid token has a record. A tenant may sign tokens
 * itself for users it never upserted; their display name starts as their id.
 */
export interface UserAccess {
  banned: boolean;
  deactivated: boolean;
  /** Seconds since the epoch; tokens issued at or before it are refused. */
  tokensValidAfter: number | null;
}

export async function ensureUser(tenantId: string, userId: string): Promise<UserAccess> {
  const upsert = () =>
    User.findOneAndUpdate(
      { tenantId, userId },
      { $setOnInsert: { name: userId } },
      // No projection: the development store does not support one on findAndModify.
      { upsert: true, new: true },
    ).lean();

  // Two first connections at once both try to insert; the loser finds the winner's record.
  const doc = await upsert().catch((error: unknown) => {
    if (isDuplicateKeyError(error)) return upsert();
    throw error;
  });
  return {
    banned: Boolean(doc?.banned),
    deactivated: Boolean(doc?.deactivated),
    tokensValidAfter: doc?.tokensValidAfter ?? null,
  };
}

/** Those of these ids that are users of the tenant. */
export async function existingUserIds(tenantId: string, userIds: string[]): Promise<Set<string>> {
  const docs = await User.find({ tenantId, userId: { $in: userIds } }, { userId: 1 }).lean();
  return new Set(docs.map((doc) => doc.userId));
}
