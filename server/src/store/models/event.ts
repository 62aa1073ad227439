import { Schema, model } from 'mongoose';
import type { InferSchemaType, Types } from 'mongoose';

/**
 * The conversation log for shared changes that are not messages themselves (edits, deletes,
 * recalls, reactions, renames). Messages carry their own seq; together they make the log that
 * `sync.conversation` reads. Events hold references and small facts, never message content, so
 * erasing a message's content erases it everywhere.
 */
const eventSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    actorId: { type: String, required: true },
    targetSeq: { type: Number, default: null },
    data: { type: Schema.Types.Mixed, default: () => ({}) },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, minimize: false },
);

eventSchema.index({ tenantId: 1, conversationId: 1, seq: 1 }, { unique: true });

export type EventDoc = InferSchemaType<typeof eventSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const Event = model('Event', eventSchema, 'events');
