import { Admin } from './admin.js';
import { ApiKey } from './api-key.js';
import { AuditEntry } from './audit-entry.js';
import { BlockedWord } from './blocked-word.js';
import { Contact } from './contact.js';
import { DataRequest, ExportPart } from './data-request.js';
import { Delivery } from './delivery.js';
import { Conversation } from './conversation.js';
import { Event } from './event.js';
import { Hidden } from './hidden.js';
import { Flag } from './flag.js';
import { Member } from './member.js';
import { Message } from './message.js';
import { NotificationMark } from './notification-mark.js';
import { PushSubscription } from './push-subscription.js';
import { Reaction } from './reaction.js';
import { Tenant } from './tenant.js';
import { User } from './user.js';
import { UserEvent } from './user-event.js';
import { Webhook } from './webhook.js';

export {
  ApiKey,
  Contact,
  Conversation,
  DataRequest,
  Delivery,
  Event,
  ExportPart,
  Hidden,
  Member,
  Message,
  NotificationMark,
  PushSubscription,
  Reaction,
  Tenant,
  User,
  UserEvent,
  Webhook,
};
export { Admin, AuditEntry, BlockedWord, Flag };
export { ADMIN_ROLES } from './admin.js';
export type { AdminDoc, AdminRole } from './admin.js';
export type { AuditEntryDoc } from './audit-entry.js';
export type { BlockedWordDoc } from './blocked-word.js';
export type { FlagDoc } from './flag.js';
export { FLAG_REASONS } from './flag.js';
export type { ApiKeyDoc } from './api-key.js';
export type { ContactDoc } from './contact.js';
export type { DataRequestDoc } from './data-request.js';
export type { DeliveryDoc } from './delivery.js';
export type { ConversationDoc } from './conversation.js';
export type { EventDoc } from './event.js';
export type { HiddenDoc } from './hidden.js';
export type { MemberDoc } from './member.js';
export type { MessageDoc } from './message.js';
export type { ReactionDoc } from './reaction.js';
export type { TenantDoc, TenantSettings } from './tenant.js';
export type { UserDoc } from './user.js';
export type { UserEventDoc } from './user-event.js';
export type { WebhookDoc } from './webhook.js';

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
  Webhook,
  Delivery,
  NotificationMark,
  PushSubscription,
  DataRequest,
  ExportPart,
  Admin,
  AuditEntry,
  Flag,
  BlockedWord,
];
