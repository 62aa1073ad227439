import { field } from '@confab/sdk/protocol';
import { z } from 'zod';

import { AppError, notFound } from '../errors.js';
import { userRoom } from '../realtime/rooms.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { User } from '../store/models/index.js';
import type { UserDoc } from '../store/models/index.js';
import type { AppContext } from '../context.js';
import { audit } from './audit.js';
import type { Summary } from './audit.js';
import type { AdminContext } from './context.js';
import { boolFilter, containsText, idFilter, listQuery, findPage } from './list-query.js';

/** End users as staff see and change them, with the moderation state users never see. */

export const userFilter = z.object({
  id: idFilter,
  q: z.string().max(200).optional(),
  banned: boolFilter,
  muted: boolFilter,
  deactivated: boolFilter,
});

const sortable = {
  createdAt: 'createdAt',
  id: 'userId',
  name: 'name',
  lastSeenAt: 'lastSeenAt',
  updatedAt: 'updatedAt',
};

export const newUserSchema = z.object({
  id: field.userId,
  name: field.displayName.optional(),
  avatarUrl: field.url.nullable().optional(),
  custom: field.customData.optional(),
});

export const userEditSchema = z.object({
  name: field.displayName,
  avatarUrl: z
    .union([field.url, z.literal('')])
    .nullable()
    .optional(),
  custom: field.customData.optional(),
});

export const reasonSchema = z.object({ reason: field.safeText(500, 1) });
/** Up to a year, in minutes. */
export const muteSchema = z.object({ minutes: z.number().int().min(1).max(525_600) });

export function adminUserView(doc: UserDoc, online: boolean) {
  const muted = doc.mutedUntil && doc.mutedUntil.getTime() > Date.now() ? doc.mutedUntil : null;
  return {
    id: doc.userId,
    name: doc.name,
    avatarUrl: doc.avatarUrl ?? null,
    custom: (doc.custom as Record<string, unknown> | undefined) ?? {},
    banned: Boolean(doc.banned),
    bannedReason: doc.bannedReason ?? null,
    bannedAt: doc.bannedAt ?? null,
    deactivated: Boolean(doc.deactivated),
    mutedUntil: muted,
    lastSeenAt: doc.lastSeenAt ?? null,
    online,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

async function withPresence(app: AppContext, tenantId: string, docs: UserDoc[]) {
  const states = await app.presence.lookup(
    tenantId,
    docs.map((doc) => doc.userId),
  );
  return docs.map((doc, i) => adminUserView(doc, states[i]?.online ?? false));
}

export async function listUsers(ctx: AdminContext, query: unknown) {
  const list = listQuery(query, sortable, 'DESC', userFilter);
  const where: Record<string, unknown> = { tenantId: ctx.tenant._id };
  const { id, q, banned, muted, deactivated } = list.filter;
  if (id) where.userId = { $in: id };
  if (q) where.$or = [{ userId: containsText(q) }, { name: containsText(q) }];
  if (banned !== undefined) where.banned = banned;
  if (deactivated !== undefined) where.deactivated = deactivated;
  if (muted !== undefined) {
    where.mutedUntil = muted ? { $gt: new Date() } : { $not: { $gt: new Date() } };
  }
  const { docs, total } = await findPage<UserDoc>(User, where, list);
  return { data: await withPresence(ctx.app, ctx.tenant._id, docs), total };
}

async function findUser(ctx: AdminContext, userId: string): Promise<UserDoc> {
  const doc = await User.findOne({ tenantId: ctx.tenant._id, userId }).lean();
  if (!doc) throw notFound('User');
  return doc;
}

export async function getAdminUser(ctx: AdminContext, userId: string) {
  const [view] = await withPresence(ctx.app, ctx.tenant._id, [await findUser(ctx, userId)]);
  return view!;
}

export async function createUser(ctx: AdminContext, input: z.output<typeof newUserSchema>) {
  try {
    await User.create({
      tenantId: ctx.tenant._id,
      userId: input.id,
      name: input.name ?? input.id,
      avatarUrl: input.avatarUrl ?? null,
      custom: input.custom ?? {},
    });
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new AppError('conflict', 'This user already exists');
    throw error;
  }
  await audit(ctx, 'user.create', { type: 'user', id: input.id }, null, {
    name: input.name ?? input.id,
  });
  return getAdminUser(ctx, input.id);
}

export async function editUser(
  ctx: AdminContext,
  userId: string,
  input: z.output<typeof userEditSchema>,
) {
  const before = await findUser(ctx, userId);
  const set: Record<string, unknown> = { name: input.name };
  if (input.avatarUrl !== undefined) set.avatarUrl = input.avatarUrl || null;
  if (input.custom !== undefined) set.custom = input.custom;
  await User.updateOne({ tenantId: ctx.tenant._id, userId }, { $set: set });
  const summary = (doc: UserDoc) => ({ name: doc.name, avatarUrl: doc.avatarUrl ?? null });
  const after = await findUser(ctx, userId);
  await audit(ctx, 'user.edit', { type: 'user', id: userId }, summary(before), summary(after));
  return getAdminUser(ctx, userId);
}

/** Cuts every socket of the user on every node; their tokens decide whether they may return. */
export function disconnectUser(app: AppContext, tenantId: string, userId: string): void {
  app.io.in(userRoom(tenantId, userId)).disconnectSockets(true);
}

export type UserAction =
  | { action: 'ban'; reason: string }
  | { action: 'unban'; reason: string }
  | { action: 'mute'; minutes: number }
  | { action: 'unmute' }
  | { action: 'logout' }
  | { action: 'deactivate' }
  | { action: 'reactivate' };

function plan(change: UserAction): { set: Record<string, unknown>; cut: boolean } {
  const now = new Date();
  switch (change.action) {
    case 'ban':
      return { set: { banned: true, bannedReason: change.reason, bannedAt: now }, cut: true };
    case 'unban':
      return { set: { banned: false, bannedReason: null, bannedAt: null }, cut: false };
    case 'mute':
      return { set: { mutedUntil: new Date(now.getTime() + change.minutes * 60_000) }, cut: false };
    case 'unmute':
      return { set: { mutedUntil: null }, cut: false };
    case 'logout':
      // Tokens carry whole seconds; one signed in this same second is refused too.
      return { set: { tokensValidAfter: Math.floor(now.getTime() / 1000) }, cut: true };
    case 'deactivate':
      return { set: { deactivated: true }, cut: true };
    case 'reactivate':
      return { set: { deactivated: false }, cut: false };
  }
}

const stateOf = (doc: UserDoc): Summary => ({
  banned: Boolean(doc.banned),
  deactivated: Boolean(doc.deactivated),
  mutedUntil: doc.mutedUntil ?? null,
});

/**
 * Applies a moderation action. The state is written before any socket is cut, so a socket
 * that reconnects at once is already refused.
 */
export async function actOnUser(ctx: AdminContext, userId: string, change: UserAction) {
  const tenantId = ctx.tenant._id;
  const before = await findUser(ctx, userId);
  const { set, cut } = plan(change);
  await User.updateOne({ tenantId, userId }, { $set: set });
  if (cut) disconnectUser(ctx.app, tenantId, userId);

  const after = await findUser(ctx, userId);
  const reason = 'reason' in change ? { reason: change.reason } : {};
  await audit(ctx, `user.${change.action}`, { type: 'user', id: userId }, stateOf(before), {
    ...stateOf(after),
    ...reason,
  });
  return getAdminUser(ctx, userId);
}
