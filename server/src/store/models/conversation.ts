import { Schema, model } from 'mongoose';
import type { InferSchemaType, Types } from 'mongoose';

/** A snapshot of the newest message, kept for conversation lists. */
const lastMessageSchema = new Schema(
  {
    id: { type: String, required: true },
    seq: { type: Number, required: true },
    senderId: { type: String, required: true },
    clientId: { type: String, required: true },
    type: { type: String, required: true },
    text: { type: String, default: '' },
    state: { type: String, default: 'active' },
    createdAt: { type: Date, required: true },
  },
  { _id: false },
);

const conversationSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    type: { type: String, enum: ['direct', 'group'], required: true },
    /**
     * Unique per tenant. For a direct conversation, the two user ids sorted and joined, so a
     * pair always gets the same conversation. Groups hold `group:<id>`: unique indexes must
     * not meet missing values, and partial indexes are outside the supported store subset.
     */
    uniqueKey: { type: String, required: true },
    title: { type: String, default: null },
    avatarUrl: { type: String, default: null },
    directUserIds: { type: [String], default: [] },
    historyVisibility: { type: String, enum: ['full', 'since_join'], default: 'full' },
    createdBy: { type: String, required: true },
    memberCount: { type: Number, default: 0 },
    /** The conversation's seq counter: the seq of its newest shared change. */
    lastSeq: { type: Number, default: 0 },
    lastMessageSeq: { type: Number, default: 0 },
    lastMessage: { type: lastMessageSchema, default: null },
    /** Set by tenant staff: members read but cannot post. */
    readOnly: { type: Boolean, default: false },
    /** Disappearing messages: those older than this are removed by the retention job. */
    disappearAfterSeconds: { type: Number, default: null },
    lastActivityAt: { type: Date, default: () => new Date() },
  },
  { timestamps: true, versionKey: false },
);

conversationSchema.index({ tenantId: 1, uniqueKey: 1 }, { unique: true });

export type ConversationDoc = InferSchemaType<typeof conversationSchema> & { _id: Types.ObjectId };
export const Conversation = model('Conversation', conversationSchema, 'conversations');
