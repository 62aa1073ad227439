import { z } from 'zod';

import { notFound } from '../errors.js';
import { AuditEntry } from '../store/models/index.js';
import type { AuditEntryDoc } from '../store/models/index.js';
import type { AdminContext } from './context.js';
import { idFilter, listQuery, objectId, objectIds, findPage } from './list-query.js';

/** The read side of the audit log: newest first, filtered by actor, action or target. */

export const auditFilter = z.object({
  id: idFilter,
  actorId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  targetType: z.string().max(64).optional(),
  targetId: z.string().max(256).optional(),
});

const view = (doc: AuditEntryDoc) => ({
  id: String(doc._id),
  actorId: doc.actorId,
  actorEmail: doc.actorEmail,
  action: doc.action,
  targetType: doc.targetType,
  targetId: doc.targetId,
  before: doc.before ?? null,
  after: doc.after ?? null,
  createdAt: doc.createdAt,
});

export async function listAudit(ctx: AdminContext, query: unknown) {
  const list = listQuery(query, { createdAt: 'createdAt' }, 'DESC', auditFilter);
  const where: Record<string, unknown> = { tenantId: ctx.tenant._id };
  const { id, actorId, action, targetType, targetId } = list.filter;
  if (id) where._id = { $in: objectIds(id) };
  if (actorId) where.actorId = actorId;
  if (action) where.action = action;
  if (targetType) where.targetType = targetType;
  if (targetId) where.targetId = targetId;
  const { docs, total } = await findPage<AuditEntryDoc>(AuditEntry, where, list);
  return { data: docs.map((doc) => view(doc)), total };
}

export async function getAuditEntry(ctx: AdminContext, id: string) {
  const doc = await AuditEntry.findOne({
    _id: objectId(id, 'Audit entry'),
    tenantId: ctx.tenant._id,
  }).lean();
  if (!doc) throw notFound('Audit entry');
  return view(doc);
}
