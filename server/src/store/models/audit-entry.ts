import { Schema, model } from 'mongoose';
import type { InferSchemaType, Types } from 'mongoose';

/**
 * One change made by tenant staff: who, what, to which record, and a short before and after of
 * the fields it changed. Secrets and message text never go in here.
 */
const auditEntrySchema = new Schema(
  {
    tenantId: { type: String, required: true },
    actorId: { type: String, required: true },
    actorEmail: { type: String, required: true },
    action: { type: String, required: true },
    targetType: { type: String, required: true },
    targetId: { type: String, required: true },
    before: { type: Schema.Types.Mixed, default: null },
    after: { type: Schema.Types.Mixed, default: null },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, minimize: false },
);

auditEntrySchema.index({ tenantId: 1, createdAt: -1 });

export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const AuditEntry = model('AuditEntry', auditEntrySchema, 'auditEntries');
