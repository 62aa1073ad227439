import { Schema, model } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/** Per-tenant policy. Durations are in seconds; a retention of 0 days keeps everything. */
const settingsSchema = new Schema(
  {
    recallWindowSeconds: { type: Number, default: 24 * 60 * 60 },
    editWindowSeconds: { type: Number, default: 24 * 60 * 60 },
    retentionDays: { type: Number, default: 0 },
    maxGroupSize: { type: Number, default: 100_000 },
    largeGroupThreshold: { type: Number, default: 1_000 },
    maxMessageLength: { type: Number, default: 5_000 },
    allowedOrigins: { type: [String], default: [] },
    /** How long an unread message waits before its notification goes out. */
    notifyDelaySeconds: { type: Number, default: 30 },
    /** Sends each user may make per minute; 0 leaves sends unlimited. */
    messagesPerMinute: { type: Number, default: 0 },
  },
  { _id: false },
);

const tenantSchema = new Schema(
  {
    /** The app id that tenant developers put in the widget and SDK. */
    _id: { type: String, required: true },
    name: { type: String, required: true },
    settings: { type: settingsSchema, default: () => ({}) },
  },
  { timestamps: true, versionKey: false },
);

export type TenantDoc = InferSchemaType<typeof tenantSchema>;
export type TenantSettings = InferSchemaType<typeof settingsSchema>;
export const Tenant = model('Tenant', tenantSchema, 'tenants');
