import { Schema, model } from 'mongoose';
import type { InferSchemaType, Types } from 'mongoose';

/**
 * A word a tenant keeps out of its users' messages, matched whole and case-insensitively.
 * `refuse` turns the send or edit away; `mask` stores it with the word starred out.
 */
const blockedWordSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    /** Lower-cased, so the unique index holds each word once per tenant. */
    word: { type: String, required: true },
    mode: { type: String, enum: ['refuse', 'mask'], required: true },
  },
  { timestamps: true, versionKey: false },
);

blockedWordSchema.index({ tenantId: 1, word: 1 }, { unique: true });

export type BlockedWordDoc = InferSchemaType<typeof blockedWordSchema> & { _id: Types.ObjectId };
export const BlockedWord = model('BlockedWord', blockedWordSchema, 'blockedWords');
