import { AuditEntry } from '../store/models/index.js';
import type { AdminContext } from './context.js';

export interface AuditTarget {
  type: string;
  id: string;
}

/** A short record of a field set: plain values only, never secrets or message text. */
export type Summary = Record<string, unknown> | null;

/**
 * Records one staff change, after it was made: a failed change leaves no entry. A crash
 * between the change and this write loses the entry; the change itself stands.
 */
export async function audit(
  ctx: AdminContext,
  action: string,
  target: AuditTarget,
  before: Summary,
  after: Summary,
): Promise<void> {
  await AuditEntry.create({
    tenantId: ctx.tenant._id,
    actorId: ctx.admin._id,
    actorEmail: ctx.admin.email,
    action,
    targetType: target.type,
    targetId: target.id,
    before,
    after,
  });
}

/** The fields of `after` whose values differ in `before`, as a before and an after. */
export function changes(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Summary; after: Summary } {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(before[key]) === JSON.stringify(value)) continue;
    was[key] = before[key] ?? null;
    now[key] = value;
  }
  return { before: was, after: now };
}
