import { Schema, model } from 'mongoose';
import type { InferSchemaType, Types } from 'mongoose';

/** One user's reaction of one kind to one message; the unique index makes adding idempotent. */
const reactionSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    userId: { type: String, required: true },
    reaction: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

reactionSchema.index(
  { tenantId: 1, conversationId: 1, seq: 1, reaction: 1, userId: 1 },
  { unique: true },
);

export type ReactionDoc = InferSchemaType<typeof reactionSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const Reaction = model('Reaction', reactionSchema, 'reactions');
