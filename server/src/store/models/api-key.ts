import { Schema, model } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/**
 * A tenant backend's credential. The secret authenticates server API calls and signs user
 * tokens; it is stored encrypted with the deployment's master key, never in the clear.
 */
const apiKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    secretSealed: { type: String, required: true },
    status: { type: String, enum: ['active', 'revoked'], default: 'active' },
    lastUsedAt: { type: Date, default: null },
    /** When a rotated key stops working; null while it has no end. */
    expiresAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);

apiKeySchema.index({ tenantId: 1, status: 1 });

export type ApiKeyDoc = InferSchemaType<typeof apiKeySchema>;
export const ApiKey = model('ApiKey', apiKeySchema, 'apiKeys');
