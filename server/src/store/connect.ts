import mongoose from 'mongoose';

import type { Logger } from '../logger.js';
import { models } from './models/index.js';

/**
 * Opens the store and makes sure every index exists. Queries stay inside what both
 * MongoDB 6+ and the FerretDB-based development store support (see README, "Store").
 */
export async function connectStore(uri: string, log: Logger): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  const connection = await mongoose.connect(uri, {
    serverSelectionTimeoutMS: 10_000,
    // Index builds happen below, once, in order; not lazily on first use.
    autoIndex: false,
    autoCreate: true,
  });
  for (const model of models) {
    await model.createCollection().catch(() => undefined);
    await model.createIndexes();
  }
  log.info({ collections: models.length }, 'store ready');
  return connection;
}

export async function pingStore(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) return false;
  await db.admin().command({ ping: 1 });
  return true;
}

export async function disconnectStore(): Promise<void> {
  await mongoose.disconnect();
}
