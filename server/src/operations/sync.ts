import { syncConversation, syncUser } from '../domain/sync.js';
import type { Handlers } from './handler.js';

export const syncHandlers: Handlers<'sync.conversation' | 'sync.user'> = {
  'sync.conversation': syncConversation,
  'sync.user': syncUser,
};
