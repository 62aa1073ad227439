import { Schema, model } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * One event on its way to one endpoint: the body as sent (so a redelivery sends the same
 * event id and content), and how each attempt went. `messageRef` names the message whose text
 * the body carries, so deleting or recalling it scrubs pending and past deliveries too.
 */
const deliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    webhookId: { type: String, required: true },
    eventId: { type: String, required: true },
    eventType: { type: String, required: true },
    body: { type: Schema.Types.Mixed, required: true },
    messageRef: {
      type: new Schema({ conversationId: String, seq: Number }, { _id: false }),
      default: null,
    },
    status: { type: String, enum: ['pending', 'delivered', 'failed'], default: 'pending' },
    attempts: { type: Number, default: 0 },
    lastStatusCode: { type: Number, default: null },
    lastError: { type: String, default: null },
    lastAttemptAt: { type: Date, default: null },
    deliveredAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false, minimize: false },
);

deliverySchema.index({ tenantId: 1, webhookId: 1, eventId: 1 }, { unique: true });
deliverySchema.index({ tenantId: 1, status: 1, createdAt: -1 });

export type DeliveryDoc = InferSchemaType<typeof deliverySchema>;
export const Delivery = model('Delivery', deliverySchema, 'deliveries');
