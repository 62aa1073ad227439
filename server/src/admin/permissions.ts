import { AppError } from '../errors.js';
import type { AdminRole } from '../store/models/index.js';

/**
 * What each staff role may do: the one table the admin API enforces and the console reads to
 * hide what a role cannot use. Reading the dashboard, users, conversations, members, messages,
 * flags, blocked words and settings needs only `view`.
 */
export const PERMISSIONS = {
  view: ['owner', 'admin', 'moderator', 'viewer'],
  /** Create and edit users, deactivate and reactivate them. */
  'users.manage': ['owner', 'admin'],
  /** Ban, unban, mute, unmute and force a user's logout. */
  'users.moderate': ['owner', 'admin', 'moderator'],
  /** Add and remove members. */
  'conversations.manage': ['owner', 'admin'],
  /** Switch read-only, post as staff, delete any message. */
  'conversations.moderate': ['owner', 'admin', 'moderator'],
  'flags.resolve': ['owner', 'admin', 'moderator'],
  'blockedWords.manage': ['owner', 'admin', 'moderator'],
  'settings.manage': ['owner', 'admin'],
  /** See, create, rotate and revoke API keys. */
  'keys.manage': ['owner', 'admin'],
  'audit.view': ['owner', 'admin'],
  /** Endpoints, secrets, the delivery log and redelivery. */
  'webhooks.manage': ['owner', 'admin'],
  /** Retry failed background jobs. */
  'jobs.retry': ['owner', 'admin'],
  /** Export a user's data, and erase it. */
  'users.data': ['owner', 'admin'],
  /** See and manage staff accounts. */
  'admins.manage': ['owner'],
} as const satisfies Record<string, readonly AdminRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function permissionsOf(role: AdminRole): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) =>
    (PERMISSIONS[permission] as readonly AdminRole[]).includes(role),
  );
}

export function can(role: AdminRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly AdminRole[]).includes(role);
}

export function requirePermission(role: AdminRole, permission: Permission): void {
  if (!can(role, permission)) {
    throw new AppError('forbidden', `The ${role} role may not do this (needs ${permission})`);
  }
}
