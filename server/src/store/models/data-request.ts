import { Schema, model } from 'mongoose';
import type { InferSchemaType } from 'mongoose';

/** A request to export or erase one user's data, with its progress as the job runs. */
const dataRequestSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    userId: { type: String, required: true },
    kind: { type: String, enum: ['export', 'erase'], required: true },
    status: { type: String, enum: ['queued', 'running', 'done', 'failed'], default: 'queued' },
    /** What has been done so far: counts by kind of record. */
    progress: { type: Schema.Types.Mixed, default: () => ({}) },
    /** For an export: how many parts the archive has. */
    parts: { type: Number, default: 0 },
    error: { type: String, default: null },
    finishedAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false, minimize: false },
);

dataRequestSchema.index({ tenantId: 1, userId: 1, createdAt: -1 });

export type DataRequestDoc = InferSchemaType<typeof dataRequestSchema>;
export const DataRequest = model('DataRequest', dataRequestSchema, 'dataRequests');

/** One part of an export archive: lines of JSON, written in order. */
const exportPartSchema = new Schema(
  {
    tenantId: { type: String, required: true },
    requestId: { type: String, required: true },
    index: { type: Number, required: true },
    lines: { type: String, required: true },
  },
  { versionKey: false },
);

exportPartSchema.index({ tenantId: 1, requestId: 1, index: 1 }, { unique: true });

export const ExportPart = model('ExportPart', exportPartSchema, 'exportParts');
