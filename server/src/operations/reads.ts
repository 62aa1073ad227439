import { getReceipts, getUnread, markRead, readPositions } from '../domain/reads.js';
import type { Handlers } from './handler.js';

export const readHandlers: Handlers<'read.mark' | 'read.positions' | 'receipt.get' | 'unread.get'> =
  {
    'read.mark': markRead,
    'read.positions': readPositions,
    'receipt.get': getReceipts,
    'unread.get': getUnread,
  };
