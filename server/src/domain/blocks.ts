import { forbidden } from '../errors.js';
import { Contact } from '../store/models/index.js';

/**
 * Refuses when `recipientId` has blocked `senderId`. The refusal does not say so outright,
 * so a blocked user cannot easily confirm the block.
 */
export async function assertNotBlocked(
  tenantId: string,
  senderId: string,
  recipientId: string,
): Promise<void> {
  const blocked = await Contact.exists({
    tenantId,
    ownerId: recipientId,
    userId: senderId,
    blocked: true,
  });
  if (blocked) throw forbidden('You cannot message this user');
}
