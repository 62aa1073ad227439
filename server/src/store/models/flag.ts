import { Schema, model } from 'mongoose';
import type { InferSchemaType, Types } from 'mongoose';

export const FLAG_REASONS = ['spam', 'abuse', 'other'] as const;

/**
 * A user's report of a message, waiting in the staff's review queue while `open`. It points at
 * the message and keeps no copy of its text, so a deleted or recalled message is erased here
 * too. One per reporter and message: reporting again changes nothing.
 */
const flagSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    messageId: { type: String, required: true },
    seq: { type: Number, required: true },
    senderId: { type: String, required: true },
    reporterId: { type: String, required: true },
    reason: { type: String, enum: FLAG_REASONS, required: true },
    note: { type: String, default: '' },
    status: {
      type: String,
      enum: ['open', 'dismissed', 'deleted', 'banned'],
      default: 'open',
    },
    resolvedBy: { type: String, default: null },
    resolvedAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);

flagSchema.index({ tenantId: 1, messageId: 1, reporterId: 1 }, { unique: true });
flagSchema.index({ tenantId: 1, status: 1, createdAt: -1 });

export type FlagDoc = InferSchemaType<typeof flagSchema> & { _id: Types.ObjectId };
export const Flag = model('Flag', flagSchema, 'flags');
