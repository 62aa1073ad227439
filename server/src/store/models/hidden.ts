import { Schema, model } from 'mongoose';
import type { InferSchemaType, Types } from 'mongoose';

/**
 * A delete-for-me mark: one user hid one message from their own view, on all their devices.
 * A record of its own (rather than a list on the message) so marks are only ever inserted:
 * no read-modify-write of a hot message in a large group, and no list that grows with it.
 */
const hiddenSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: String, required: true },
    seq: { type: Number, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

hiddenSchema.index({ tenantId: 1, conversationId: 1, userId: 1, seq: 1 }, { unique: true });

export type HiddenDoc = InferSchemaType<typeof hiddenSchema> & { _id: Types.ObjectId };
export const Hidden = model('Hidden', hiddenSchema, 'hidden');
