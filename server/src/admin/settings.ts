import { field } from '@confab/sdk/protocol';
import { z } from 'zod';

import { forgetTenant, getTenant } from '../domain/tenants.js';
import { Tenant } from '../store/models/index.js';
import type { TenantDoc } from '../store/models/index.js';
import { audit, changes } from './audit.js';
import type { AdminContext } from './context.js';

/**
 * The tenant's own name and policy, as one record (`id: "tenant"`). Other nodes serve the
 * old values for at most their tenant cache time (two seconds).
 */

const DAY = 24 * 60 * 60;

/** A widget origin: scheme, host and an optional port, nothing after. */
const origin = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, 'must be an origin such as https://app.example');

export const settingsSchema = z.object({
  name: field.displayName,
  recallWindowSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * DAY),
  editWindowSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * DAY),
  retentionDays: z.number().int().min(0).max(36_500),
  largeGroupThreshold: z.number().int().min(2).max(1_000_000),
  maxMessageLength: z.number().int().min(1).max(20_000),
  allowedOrigins: z.array(origin).max(50),
  messagesPerMinute: z.number().int().min(0).max(10_000),
});

export type SettingsInput = z.output<typeof settingsSchema>;

export function settingsView(tenant: TenantDoc) {
  const s = tenant.settings;
  return {
    id: 'tenant',
    appId: tenant._id,
    name: tenant.name,
    recallWindowSeconds: s.recallWindowSeconds,
    editWindowSeconds: s.editWindowSeconds,
    retentionDays: s.retentionDays,
    largeGroupThreshold: s.largeGroupThreshold,
    maxGroupSize: s.maxGroupSize,
    maxMessageLength: s.maxMessageLength,
    allowedOrigins: [...s.allowedOrigins],
    messagesPerMinute: s.messagesPerMinute ?? 0,
  };
}

export async function getSettings(ctx: AdminContext) {
  return settingsView(await getTenant(ctx.tenant._id));
}

export async function updateSettings(ctx: AdminContext, input: SettingsInput) {
  const before = settingsView(await getTenant(ctx.tenant._id));
  const { name, ...policy } = input;
  const set: Record<string, unknown> = { name };
  for (const [key, value] of Object.entries(policy)) set[`settings.${key}`] = value;
  await Tenant.updateOne({ _id: ctx.tenant._id }, { $set: set });
  forgetTenant(ctx.tenant._id);

  const after = await getSettings(ctx);
  const diff = changes(before, after);
  await audit(
    ctx,
    'settings.update',
    { type: 'tenant', id: ctx.tenant._id },
    diff.before,
    diff.after,
  );
  return after;
}
