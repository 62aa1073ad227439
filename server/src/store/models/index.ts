import { ApiKey } from './api-key.js';
import { Conversation } from './conversation.js';
import { Member } from './member.js';
import { Message } from './message.js';
import { Tenant } from './tenant.js';
import { User } from './user.js';

export { ApiKey, Conversation, Member, Message, Tenant, User };
export type { ApiKeyDoc } from './api-key.js';
export type { ConversationDoc } from './conversation.js';
export type { MemberDoc } from './member.js';
export type { MessageDoc } from './message.js';
export type { TenantDoc, TenantSettings } from './tenant.js';
export type { UserDoc } from './user.js';

export const models = [Tenant, ApiKey, User, Conversation, Member, Message];
