import { Schema, model } from 'mongoose';
import type { InferSchemaType, Types } from 'mongoose';

/** Each user's private log: changes only they see, on all their devices, by `seq` (userSeq). */
const userEventSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    data: { type: Schema.Types.Mixed, default: () => ({}) },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, minimize: false },
);

userEventSchema.index({ tenantId: 1, userId: 1, seq: 1 }, { unique: true });

export type UserEventDoc = InferSchemaType<typeof userEventSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const UserEvent = model('UserEvent', userEventSchema, 'userEvents');
