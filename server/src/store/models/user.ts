import { Schema, model } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/** An end user, known by the tenant's own id for them (`userId`). */
const userSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    name: { type: String, required: true },
    avatarUrl: { type: String, default: null },
    custom: { type: Schema.Types.Mixed, default: () => ({}) },
    banned: { type: Boolean, default: false },
    bannedReason: { type: String, default: null },
    bannedAt: { type: Date, default: null },
    /** Deactivated by tenant staff: refused at connect, like a ban, but without a reason. */
    deactivated: { type: Boolean, default: false },
    /** Until when tenant staff muted the user: they read, but their sends are refused. */
    mutedUntil: { type: Date, default: null },
    /** Seconds since the epoch: tokens issued at or before it are refused (force logout). */
    tokensValidAfter: { type: Number, default: null },
    lastSeenAt: { type: Date, default: null },
    /** When their data was erased at the tenant's request; the record stays, anonymised. */
    erasedAt: { type: Date, default: null },
    /** The user's private change counter: the userSeq of their newest private change. */
    lastUserSeq: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false, minimize: false },
);

userSchema.index({ tenantId: 1, userId: 1 }, { unique: true });

export type UserDoc = InferSchemaType<typeof userSchema>;
export const User = model('User', userSchema, 'users');
