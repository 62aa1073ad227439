/**
 * Which permission of the api's table (server/src/admin/permissions.ts) each page and button
 * needs. The api enforces the same table; this only hides what a role could not use anyway.
 */
const rules: Record<string, Record<string, string>> = {
  users: {
    create: 'users.manage',
    edit: 'users.manage',
    moderate: 'users.moderate',
    data: 'users.data',
  },
  'failed-jobs': { retry: 'jobs.retry' },
  conversations: { edit: 'conversations.moderate', moderate: 'conversations.moderate' },
  members: { create: 'conversations.manage', delete: 'conversations.manage' },
  messages: { create: 'conversations.moderate', delete: 'conversations.moderate' },
  flags: { edit: 'flags.resolve', resolve: 'flags.resolve' },
  'blocked-words': {
    create: 'blockedWords.manage',
    edit: 'blockedWords.manage',
    delete: 'blockedWords.manage',
  },
  settings: { edit: 'settings.manage' },
};

/** Resources that one permission opens whole. */
const wholeResource: Record<string, string> = {
  'api-keys': 'keys.manage',
  admins: 'admins.manage',
  audit: 'audit.view',
  webhooks: 'webhooks.manage',
  deliveries: 'webhooks.manage',
  'data-requests': 'users.data',
};

/** Actions that no role has: records that are never deleted or exported from the console. */
const never = new Set([
  'users.delete',
  'conversations.delete',
  'flags.delete',
  'settings.delete',
  'admins.delete',
]);

export function permissionFor(resource: string, action: string): string | null {
  if (never.has(`${resource}.${action}`)) return null;
  return wholeResource[resource] ?? rules[resource]?.[action] ?? 'view';
}
