import { Schema, model } from 'mongoose';
import type { InferSchemaType, Types } from 'mongoose';

const reactionSummarySchema = new Schema(
  {
    reaction: { type: String, required: true },
    count: { type: Number, required: true },
    sample: { type: [String], default: [] },
  },
  { _id: false },
);

const systemSchema = new Schema(
  {
    action: { type: String, required: true },
    actorId: { type: String, required: true },
    userIds: { type: [String], default: [] },
    userCount: { type: Number, default: 0 },
    title: { type: String },
    role: { type: String },
  },
  { _id: false },
);

const messageSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    senderId: { type: String, required: true },
    /** The sender's idempotency key; system messages get `system:<seq>`. */
    clientId: { type: String, required: true },
    type: { type: String, enum: ['text', 'system'], default: 'text' },
    /** Erased (set to '') when the message is deleted for everyone or recalled. */
    text: { type: String, default: '' },
    state: { type: String, enum: ['active', 'deleted', 'recalled'], default: 'active' },
    editedAt: { type: Date, default: null },
    /** When it was deleted for everyone or recalled. */
    removedAt: { type: Date, default: null },
    replyToSeq: { type: Number, default: null },
    mentions: { type: [String], default: [] },
    /** Per reaction kind: how many, and a few of the newest reactors for avatars. */
    reactions: { type: [reactionSummarySchema], default: [] },
    /** Seq of the reaction change that wrote `reactions`; an older recount never overwrites. */
    reactionsSeq: { type: Number, default: 0 },
    system: { type: systemSchema, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

messageSchema.index({ tenantId: 1, conversationId: 1, seq: 1 }, { unique: true });
messageSchema.index({ tenantId: 1, conversationId: 1, senderId: 1, clientId: 1 }, { unique: true });
// The console's messages-per-day chart counts by tenant and time.
messageSchema.index({ tenantId: 1, createdAt: 1 });

export type MessageDoc = InferSchemaType<typeof messageSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const Message = model('Message', messageSchema, 'messages');
