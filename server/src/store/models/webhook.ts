import { Schema, model } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * A tenant endpoint that receives signed events. The signing secret is stored sealed with the
 * deployment's master key and shown once, when made or rotated.
 */
const webhookSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    url: { type: String, required: true },
    /** Event types it receives; `*` for all. */
    events: { type: [String], default: ['*'] },
    description: { type: String, default: '' },
    secretSealed: { type: String, required: true },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, versionKey: false },
);

webhookSchema.index({ tenantId: 1, active: 1 });

export type WebhookDoc = InferSchemaType<typeof webhookSchema>;
export const Webhook = model('Webhook', webhookSchema, 'webhooks');
