import { Schema, model } from 'mongoose';
import type { InferSchemaType, Types } from 'mongoose';

const messageSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    senderId: { type: String, required: true },
    /** The sender's idempotency key; system messages get `system:<seq>`. */
    clientId: { type: String, required: true },
    type: { type: String, enum: ['text', 'system'], default: 'text' },
    text: { type: String, default: '' },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

messageSchema.index({ tenantId: 1, conversationId: 1, seq: 1 }, { unique: true });
messageSchema.index({ tenantId: 1, conversationId: 1, senderId: 1, clientId: 1 }, { unique: true });

export type MessageDoc = InferSchemaType<typeof messageSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const Message = model('Message', messageSchema, 'messages');
