/**
 * Socket.IO room names. Every room carries the tenant, so ids from one tenant can never
 * address sockets of another.
 */
export const userRoom = (tenantId: string, userId: string) => `t:${tenantId}:u:${userId}`;

export const conversationRoom = (tenantId: string, conversationId: string) =>
  `t:${tenantId}:c:${conversationId}`;
