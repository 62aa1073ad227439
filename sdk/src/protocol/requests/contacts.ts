import { z } from 'zod';

import * as field from '../fields.js';
import type { Contact, Presence } from '../models.js';

const other = z.object({ userId: field.userId });

export const contactRequests = {
  /** My contacts (accepted, and requests either way) and the users I blocked. */
  'contact.list': z.object({}),
  'contact.request': other,
  'contact.accept': other,
  'contact.decline': other,
  'contact.remove': other,
  /** A blocked user cannot open a direct conversation with me or message me in one. */
  'contact.block': other,
  'contact.unblock': other,
  'presence.get': z.object({ userIds: field.userIdList(200) }),
  /** Tells the conversation's other members I am typing; throttled, never stored. */
  'typing.start': z.object({ conversationId: field.conversationId }),
} as const;

export interface ContactResults {
  'contact.list': { contacts: Contact[] };
  'contact.request': Contact;
  'contact.accept': Contact;
  'contact.decline': { declined: true };
  'contact.remove': { removed: true };
  'contact.block': Contact;
  'contact.unblock': Contact;
  'presence.get': { presence: Presence[] };
  'typing.start': { sent: boolean };
}
