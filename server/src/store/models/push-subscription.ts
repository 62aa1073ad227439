import { Schema, model } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/** A browser's Web Push subscription for one user (a device may hold one per user). */
const pushSubscriptionSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    endpoint: { type: String, required: true },
    p256dh: { type: String, required: true },
    auth: { type: String, required: true },
  },
  { timestamps: true, versionKey: false },
);

pushSubscriptionSchema.index({ tenantId: 1, endpoint: 1 }, { unique: true });
pushSubscriptionSchema.index({ tenantId: 1, userId: 1 });

export type PushSubscriptionDoc = InferSchemaType<typeof pushSubscriptionSchema>;
export const PushSubscription = model(
  'PushSubscription',
  pushSubscriptionSchema,
  'pushSubscriptions',
);
