import {
  acceptContact,
  blockUser,
  declineContact,
  listContacts,
  removeContact,
  requestContact,
  unblockUser,
} from '../domain/contacts.js';
import { getPresence } from '../domain/presence.js';
import { startTyping } from '../domain/typing.js';
import type { Handlers } from './handler.js';

export const contactHandlers: Handlers<
  | 'contact.list'
  | 'contact.request'
  | 'contact.accept'
  | 'contact.decline'
  | 'contact.remove'
  | 'contact.block'
  | 'contact.unblock'
  | 'presence.get'
  | 'typing.start'
> = {
  'contact.list': listContacts,
  'contact.request': requestContact,
  'contact.accept': acceptContact,
  'contact.decline': declineContact,
  'contact.remove': removeContact,
  'contact.block': blockUser,
  'contact.unblock': unblockUser,
  'presence.get': getPresence,
  'typing.start': startTyping,
};
