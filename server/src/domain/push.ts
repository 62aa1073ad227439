import type { ParsedRequest, RequestResults } from '@confab/sdk/protocol';
import webpush from 'web-push';

import type { UserContext } from '../context.js';
import { PushSubscription } from '../store/models/index.js';

/** The VAPID public key browsers subscribe with, or null when push is not configured. */
export async function pushConfig(
  ctx: UserContext,
  _input: ParsedRequest<'push.config'>,
): Promise<RequestResults['push.config']> {
  return { vapidPublicKey: ctx.app.config.VAPID_PUBLIC_KEY ?? null };
}

/**
 * Keeps a browser's push subscription for the caller. An endpoint belongs to one user at a
 * time: a browser where another user signs in moves to them.
 */
export async function subscribePush(
  ctx: UserContext,
  input: ParsedRequest<'push.subscribe'>,
): Promise<RequestResults['push.subscribe']> {
  await PushSubscription.updateOne(
    { tenantId: ctx.tenant._id, endpoint: input.endpoint },
    { $set: { userId: ctx.userId, p256dh: input.keys.p256dh, auth: input.keys.auth } },
    { upsert: true },
  );
  return { subscribed: true };
}

export async function unsubscribePush(
  ctx: UserContext,
  input: ParsedRequest<'push.unsubscribe'>,
): Promise<RequestResults['push.unsubscribe']> {
  const removed = await PushSubscription.deleteOne({
    tenantId: ctx.tenant._id,
    userId: ctx.userId,
    endpoint: input.endpoint,
  });
  return { unsubscribed: removed.deletedCount > 0 };
}

/** A fresh VAPID key pair, for operators setting up Web Push (and the demo). */
export function generateVapidKeys(): { publicKey: string; privateKey: string } {
  return webpush.generateVAPIDKeys();
}
