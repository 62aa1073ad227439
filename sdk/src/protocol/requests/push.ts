import { z } from 'zod';

import * as field from '../fields.js';

export const pushRequests = {
  /** The server's VAPID public key, to subscribe a browser with; null when push is off. */
  'push.config': z.object({}),
  /** Keeps a browser's Web Push subscription for the caller (from `PushSubscription.toJSON()`). */
  'push.subscribe': z.object({
    endpoint: field.url.refine(
      (v) => v.startsWith('https://') || v.startsWith('http://'),
      'must be http(s)',
    ),
    keys: z.object({
      p256dh: z.string().min(1).max(200),
      auth: z.string().min(1).max(100),
    }),
  }),
  'push.unsubscribe': z.object({ endpoint: field.url }),
} as const;

export interface PushResults {
  'push.config': { vapidPublicKey: string | null };
  'push.subscribe': { subscribed: true };
  'push.unsubscribe': { unsubscribed: boolean };
}
