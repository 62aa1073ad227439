/**
 * Socket.IO room names. Every room carries the tenant, so ids from one tenant can never
 * address sockets of another.
 */
export const userRoom = (tenantId: string, userId: string) => `t:${tenantId}:u:${userId}`;

/** Every socket whose token an API key signed, so revoking the key can cut them all. */
export const keyRoom = (tenantId: string, keyId: string) => `t:${tenantId}:k:${keyId}`;

export const conversationRoom = (tenantId: string, conversationId: string) =>
  `t:${tenantId}:c:${conversationId}`;
