import { listMessages, sendMessage } from '../domain/messages.js';
import {
  deleteMessage,
  editMessage,
  hideMessage,
  recallMessage,
  searchMessages,
} from '../domain/message-changes.js';
import { reportMessage } from '../moderation/reports.js';
import type { Handlers } from './handler.js';

export const messageHandlers: Handlers<
  | 'message.send'
  | 'message.list'
  | 'message.edit'
  | 'message.delete'
  | 'message.recall'
  | 'message.hide'
  | 'message.search'
  | 'message.report'
> = {
  'message.send': sendMessage,
  'message.list': listMessages,
  'message.edit': editMessage,
  'message.delete': deleteMessage,
  'message.recall': recallMessage,
  'message.hide': hideMessage,
  'message.search': searchMessages,
  'message.report': reportMessage,
};
