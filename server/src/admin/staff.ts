import { z } from 'zod';

import { AppError, notFound } from '../errors.js';
import { Admin, ADMIN_ROLES } from '../store/models/index.js';
import type { AdminDoc } from '../store/models/index.js';
import { checkPassword, createAdmin } from './accounts.js';
import { audit, changes } from './audit.js';
import type { AdminContext } from './context.js';
import { containsText, idFilter, listQuery, findPage } from './list-query.js';
import { hashPassword } from './passwords.js';
import { endSessionsOf } from './sessions.js';

/** The tenant's staff accounts, for owners. The last active owner cannot be taken away. */

export const adminFilter = z.object({
  id: idFilter,
  q: z.string().max(200).optional(),
  role: z.enum(ADMIN_ROLES).optional(),
  status: z.enum(['active', 'disabled']).optional(),
});

const sortable = {
  email: 'email',
  createdAt: 'createdAt',
  role: 'role',
  lastLoginAt: 'lastLoginAt',
};

const email = z.string().trim().toLowerCase().max(254).email();
const name = z.string().trim().max(100).default('');

export const newAdminSchema = z.object({
  email,
  name,
  role: z.enum(ADMIN_ROLES),
  password: z.string().max(1024),
});

export const adminEditSchema = z.object({
  name,
  role: z.enum(ADMIN_ROLES),
  status: z.enum(['active', 'disabled']),
  /** A new password; left out or empty keeps the current one. */
  password: z.string().max(1024).optional(),
});

export function staffView(doc: AdminDoc) {
  return {
    id: doc._id,
    email: doc.email,
    name: doc.name ?? '',
    role: doc.role,
    status: doc.status,
    lastLoginAt: doc.lastLoginAt ?? null,
    createdAt: doc.createdAt,
  };
}

export async function listAdmins(ctx: AdminContext, query: unknown) {
  const list = listQuery(query, sortable, 'ASC', adminFilter);
  const where: Record<string, unknown> = { tenantId: ctx.tenant._id };
  const { id, q, role, status } = list.filter;
  if (id) where._id = { $in: id };
  if (q) where.$or = [{ email: containsText(q) }, { name: containsText(q) }];
  if (role) where.role = role;
  if (status) where.status = status;
  const { docs, total } = await findPage<AdminDoc>(Admin, where, list);
  return { data: docs.map((doc) => staffView(doc)), total };
}

async function findAdmin(ctx: AdminContext, id: string): Promise<AdminDoc> {
  const doc = await Admin.findOne({ _id: id, tenantId: ctx.tenant._id }).lean();
  if (!doc) throw notFound('Admin');
  return doc as AdminDoc;
}

export async function getStaff(ctx: AdminContext, id: string) {
  return staffView(await findAdmin(ctx, id));
}

export async function addAdmin(ctx: AdminContext, input: z.output<typeof newAdminSchema>) {
  const made = await createAdmin(ctx.tenant._id, input);
  await audit(ctx, 'admin.create', { type: 'admin', id: made._id }, null, {
    email: made.email,
    role: made.role,
  });
  return staffView(made);
}

/**
 * Changes a staff account. An owner cannot demote or disable themselves, and the tenant keeps
 * at least one active owner. Disabling or a new password ends the account's sessions.
 */
export async function editAdmin(
  ctx: AdminContext,
  id: string,
  input: z.output<typeof adminEditSchema>,
) {
  const before = await findAdmin(ctx, id);
  const demoted = before.role === 'owner' && (input.role !== 'owner' || input.status !== 'active');
  if (id === ctx.admin._id && demoted) {
    throw new AppError('invalid_input', 'You cannot demote or disable your own account');
  }
  if (demoted) {
    const owners = await Admin.countDocuments({
      tenantId: ctx.tenant._id,
      role: 'owner',
      status: 'active',
    });
    if (owners <= 1) throw new AppError('conflict', 'The app must keep one active owner');
  }
  const set: Record<string, unknown> = { name: input.name, role: input.role, status: input.status };
  const newPassword = Boolean(input.password);
  if (input.password) {
    checkPassword(input.password);
    set.passwordHash = await hashPassword(input.password);
  }
  await Admin.updateOne({ _id: id, tenantId: ctx.tenant._id }, { $set: set });
  if (newPassword || input.status === 'disabled') await endSessionsOf(ctx.app, id);

  const after = await findAdmin(ctx, id);
  const fields = (doc: AdminDoc) => ({ name: doc.name, role: doc.role, status: doc.status });
  const diff = changes(fields(before), fields(after));
  if (newPassword && diff.after) diff.after.password = 'changed';
  await audit(ctx, 'admin.edit', { type: 'admin', id }, diff.before, diff.after);
  return staffView(after);
}
