import {
  createGroup,
  getConversation,
  listConversations,
  openDirect,
} from '../domain/conversations.js';
import { leaveConversation, muteConversation, updateConversation } from '../domain/groups.js';
import type { Handlers } from './handler.js';

export const conversationHandlers: Handlers<
  | 'conversation.list'
  | 'conversation.get'
  | 'conversation.openDirect'
  | 'conversation.createGroup'
  | 'conversation.update'
  | 'conversation.leave'
  | 'conversation.mute'
> = {
  'conversation.list': listConversations,
  'conversation.get': getConversation,
  'conversation.openDirect': openDirect,
  'conversation.createGroup': createGroup,
  'conversation.update': updateConversation,
  'conversation.leave': leaveConversation,
  'conversation.mute': muteConversation,
};
