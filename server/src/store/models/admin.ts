import { Schema, model } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

export const ADMIN_ROLES = ['owner', 'admin', 'moderator', 'viewer'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/**
 * A member of a tenant's staff, who signs in to the console with an email and a password. The
 * email is unique within the tenant and stored lower-cased; the password only as a scrypt hash.
 */
const adminSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    email: { type: String, required: true },
    name: { type: String, default: '' },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: ADMIN_ROLES, required: true },
    status: { type: String, enum: ['active', 'disabled'], default: 'active' },
    lastLoginAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);

adminSchema.index({ tenantId: 1, email: 1 }, { unique: true });

export type AdminDoc = InferSchemaType<typeof adminSchema> & { role: AdminRole };
export const Admin = model('Admin', adminSchema, 'admins');
