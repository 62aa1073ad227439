import { Admin } from './admin.js';
import { ApiKey } from './api-key.js';
import { AuditEntry } from './audit-entry.js';
import { BlockedWord } from './blocked-word.js';
import { Contact } from './contact.js';
import { Conversation } from './conversation.js';
import { Event } from './event.js';
import { Flag } from './flag.js';
import { Member } from './member.js';
import { Message } from './message.js';
import { Reaction } from './reaction.js';
import { Tenant } from './tenant.js';
import { User } from './user.js';
import { UserEvent } from './user-event.js';

export { ApiKey, Contact, Conversation, Event, Member, Message, Reaction, Tenant, User, UserEvent };
export { Admin, AuditEntry, BlockedWord, Flag };
export { ADMIN_ROLES } from './admin.js';
export type { AdminDoc, AdminRole } from './admin.js';
export type { AuditEntryDoc } from './audit-entry.js';
export type { BlockedWordDoc } from './blocked-word.js';
export type { FlagDoc } from './flag.js';
export { FLAG_REASONS } from './flag.js';
export type { ApiKeyDoc } from './api-key.js';
export type { ContactDoc } from './contact.js';
export type { ConversationDoc } from './conversation.js';
export type { EventDoc } from './event.js';
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
  Reaction,
  UserEvent,
  Admin,
  AuditEntry,
  Flag,
  BlockedWord,
];
