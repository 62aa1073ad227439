import { Schema, model } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * One side of a relation between two users, owned by `ownerId`. A request writes both sides
 * (`outgoing` for the asker, `incoming` for the other); accepting makes both `accepted`.
 * `blocked` is the owner's own choice and lives beside the status.
 */
const contactSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    ownerId: { type: String, required: true },
    userId: { type: String, required: true },
    status: { type: String, enum: ['outgoing', 'incoming', 'accepted', null], default: null },
    blocked: { type: Boolean, default: false },
  },
  { timestamps: true, versionKey: false },
);

contactSchema.index({ tenantId: 1, ownerId: 1, userId: 1 }, { unique: true });
contactSchema.index({ tenantId: 1, userId: 1, status: 1 });

export type ContactDoc = InferSchemaType<typeof contactSchema>;
export const Contact = model('Contact', contactSchema, 'contacts');
