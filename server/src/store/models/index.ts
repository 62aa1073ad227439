import { ApiKey } from './api-key.js';
import { Contact } from './contact.js';
import { Conversation } from './conversation.js';
import { Event } from './event.js';
import { Hidden } from './hidden.js';
import { Member } from './member.js';
import { Message } from './message.js';
import { Reaction } from './reaction.js';
import { Tenant } from './tenant.js';
import { User } from './user.js';
import { UserEvent } from './user-event.js';

export {
  ApiKey,
  Contact,
  Conversation,
  Event,
  Hidden,
  Member,
  Message,
  Reaction,
  Tenant,
  User,
  UserEvent,
};
export type { ApiKeyDoc } from './api-key.js';
export type { ContactDoc } from './contact.js';
export type { ConversationDoc } from './conversation.js';
export type { EventDoc } from './event.js';
export type { HiddenDoc } from './hidden.js';
export type { MemberDoc } from './member.js';
export type { MessageDoc } from './message.js';
export type { ReactionDoc } from './reaction.js';
export type { TenantDoc, TenantSettings } from './tenant.js';
export type { UserDoc } from './user.js';
export type { UserEventDoc } from './user-event.js';

export const models = [
  Tenant,
  ApiKey,
  User,
  Contact,
  Conversation,
  Member,
  Message,
  Event,
  Hidden,
  Reaction,
  UserEvent,
];
