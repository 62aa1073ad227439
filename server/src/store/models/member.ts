import { Schema, model } from 'mongoose';
import type { InferSchemaType, Types } from 'mongoose';

/** One user's membership of one conversation; kept after they leave, with `status: left`. */
const memberSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: String, required: true },
    role: { type: String, enum: ['owner', 'admin', 'member'], default: 'member' },
    status: { type: String, enum: ['active', 'left', 'removed'], default: 'active' },
    joinedAt: { type: Date, default: () => new Date() },
    /** The conversation's seq when this user (re)joined. */
    joinSeq: { type: Number, default: 0 },
    readSeq: { type: Number, default: 0 },
    /** The conversation's seq when they left or were removed; they may read up to it. */
    leftSeq: { type: Number, default: null },
    muted: { type: Boolean, default: false },
  },
  { timestamps: true, versionKey: false },
);

memberSchema.index({ tenantId: 1, conversationId: 1, userId: 1 }, { unique: true });
memberSchema.index({ tenantId: 1, userId: 1, status: 1 });
memberSchema.index({ tenantId: 1, conversationId: 1, status: 1, readSeq: 1 });

export type MemberDoc = InferSchemaType<typeof memberSchema> & { _id: Types.ObjectId };
export const Member = model('Member', memberSchema, 'members');
