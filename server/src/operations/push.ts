import { pushConfig, subscribePush, unsubscribePush } from '../domain/push.js';
import type { Handlers } from './handler.js';

export const pushHandlers: Handlers<'push.config' | 'push.subscribe' | 'push.unsubscribe'> = {
  'push.config': pushConfig,
  'push.subscribe': subscribePush,
  'push.unsubscribe': unsubscribePush,
};
