import { z } from 'zod';

import { getDataRequest, requestUserData, dataRequestView } from '../domain/user-data.js';
import { DataRequest } from '../store/models/index.js';
import type { DataRequestDoc } from '../store/models/index.js';
import { audit } from './audit.js';
import type { AdminContext } from './context.js';
import { findPage, idFilter, listQuery } from './list-query.js';

/** Exports and erasures of users' data, started from the console and followed there. */

const requestFilter = z.object({
  id: idFilter,
  userId: z.string().max(128).optional(),
  kind: z.enum(['export', 'erase']).optional(),
});

export async function startDataRequest(
  ctx: AdminContext,
  userId: string,
  kind: 'export' | 'erase',
) {
  const request = await requestUserData(ctx.app, ctx.tenant._id, userId, kind);
  await audit(ctx, `user.${kind}`, { type: 'user', id: userId }, null, { request: request.id });
  return request;
}

export async function listDataRequests(ctx: AdminContext, query: unknown) {
  const list = listQuery(
    query,
    { createdAt: 'createdAt', status: 'status' },
    'DESC',
    requestFilter,
  );
  const where: Record<string, unknown> = { tenantId: ctx.tenant._id };
  if (list.filter.id) where._id = { $in: list.filter.id };
  if (list.filter.userId) where.userId = list.filter.userId;
  if (list.filter.kind) where.kind = list.filter.kind;
  const { docs, total } = await findPage<DataRequestDoc>(DataRequest, where, list);
  return { data: docs.map(dataRequestView), total };
}

export function getDataRequestRecord(ctx: AdminContext, id: string) {
  return getDataRequest(ctx.tenant._id, id);
}
