import { Schema, model } from 'mongoose';
import type { InferSchemaType, Types } from 'mongoose';

/**
 * Up to which seq a member was last notified about a conversation, so a retried or repeated
 * notification job tells nobody twice about the same messages.
 */
const notificationMarkSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    conversationId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: String, required: true },
    notifiedSeq: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false },
);

notificationMarkSchema.index({ tenantId: 1, conversationId: 1, userId: 1 }, { unique: true });

export type NotificationMarkDoc = InferSchemaType<typeof notificationMarkSchema> & {
  _id: Types.ObjectId;
};
export const NotificationMark = model(
  'NotificationMark',
  notificationMarkSchema,
  'notificationMarks',
);
