import { z } from 'zod';

import { createApiKey } from '../auth/api-keys.js';
import { AppError, notFound } from '../errors.js';
import { keyRoom } from '../realtime/rooms.js';
import { ApiKey } from '../store/models/index.js';
import type { ApiKeyDoc } from '../store/models/index.js';
import { audit } from './audit.js';
import type { AdminContext } from './context.js';
import { idFilter, listQuery, findPage } from './list-query.js';

/**
 * The tenant's API keys. A new key's secret is in the one answer that creates it and nowhere
 * else. Revoking takes effect at once: every credential check reads the key's status, and the
 * sockets whose tokens the key signed are cut. A rotation makes a new key and lets the old one
 * work on for an overlap window, so the tenant's backend can switch without downtime.
 */

export const keyFilter = z.object({
  id: idFilter,
  status: z.enum(['active', 'revoked']).optional(),
});

const sortable = { createdAt: 'createdAt', lastUsedAt: 'lastUsedAt', status: 'status' };

/** Hours the old key keeps working after a rotation; 0 ends it at once. */
export const rotateSchema = z.object({
  overlapHours: z.number().int().min(0).max(720).default(24),
});

function keyView(doc: ApiKeyDoc & { _id: string }, secret?: string) {
  const expired = Boolean(doc.expiresAt && doc.expiresAt.getTime() <= Date.now());
  return {
    id: doc._id,
    status: doc.status === 'active' && expired ? 'expired' : doc.status,
    createdAt: doc.createdAt,
    lastUsedAt: doc.lastUsedAt ?? null,
    expiresAt: doc.expiresAt ?? null,
    ...(secret ? { secret } : {}),
  };
}

export async function listKeys(ctx: AdminContext, query: unknown) {
  const list = listQuery(query, sortable, 'DESC', keyFilter);
  const where: Record<string, unknown> = { tenantId: ctx.tenant._id };
  if (list.filter.id) where._id = { $in: list.filter.id };
  if (list.filter.status) where.status = list.filter.status;
  const { docs, total } = await findPage<ApiKeyDoc & { _id: string }>(ApiKey, where, list);
  return { data: docs.map((doc) => keyView(doc)), total };
}

async function findKey(ctx: AdminContext, id: string) {
  const doc = await ApiKey.findOne({ _id: id, tenantId: ctx.tenant._id }).lean();
  if (!doc) throw notFound('API key');
  return doc;
}

export async function getKey(ctx: AdminContext, id: string) {
  return keyView(await findKey(ctx, id));
}

async function issue(ctx: AdminContext) {
  const issued = await createApiKey(ctx.app.config.MASTER_KEY, ctx.tenant._id);
  return keyView(await findKey(ctx, issued.keyId), issued.secret);
}

export async function createKey(ctx: AdminContext) {
  const made = await issue(ctx);
  await audit(ctx, 'apiKey.create', { type: 'apiKey', id: made.id }, null, { status: 'active' });
  return made;
}

export async function rotateKey(ctx: AdminContext, id: string, overlapHours: number) {
  const old = await findKey(ctx, id);
  if (keyView(old).status !== 'active')
    throw new AppError('conflict', 'Only an active key rotates');

  const made = await issue(ctx);
  if (overlapHours === 0) {
    await revoke(ctx, id);
  } else {
    const expiresAt = new Date(Date.now() + overlapHours * 3_600_000);
    await ApiKey.updateOne({ _id: id, tenantId: ctx.tenant._id }, { $set: { expiresAt } });
  }
  await audit(
    ctx,
    'apiKey.rotate',
    { type: 'apiKey', id },
    { status: 'active' },
    { replacedBy: made.id, overlapHours },
  );
  return made;
}

async function revoke(ctx: AdminContext, id: string): Promise<void> {
  await ApiKey.updateOne({ _id: id, tenantId: ctx.tenant._id }, { $set: { status: 'revoked' } });
  ctx.app.io.in(keyRoom(ctx.tenant._id, id)).disconnectSockets(true);
}

export async function revokeKey(ctx: AdminContext, id: string) {
  const old = await findKey(ctx, id);
  if (old.status === 'revoked') throw new AppError('conflict', 'This key was revoked already');
  await revoke(ctx, id);
  await audit(
    ctx,
    'apiKey.revoke',
    { type: 'apiKey', id },
    { status: old.status },
    { status: 'revoked' },
  );
  return getKey(ctx, id);
}
