import { createHash, timingSafeEqual, randomBytes } from 'node:crypto';

import { AppError } from '../errors.js';
import { ApiKey } from '../store/models/index.js';
import { randomId } from './ids.js';
import { seal, unseal } from './secret-box.js';

export interface IssuedKey {
  keyId: string;
  /** Shown once, to whoever created the key; only a sealed copy is stored. */
  secret: string;
}

export interface ActiveKey {
  keyId: string;
  tenantId: string;
  secret: string;
}

/** How often `lastUsedAt` may be written for one key, in milliseconds. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function createApiKey(masterKey: Buffer, tenantId: string): Promise<IssuedKey> {
  const keyId = randomId('key', 9);
  const secret = randomBytes(32).toString('base64url');
  await ApiKey.create({ _id: keyId, tenantId, secretSealed: seal(masterKey, secret) });
  return { keyId, secret };
}

/**
 * The active key with this id, with its secret opened; null when unknown, revoked, or past the
 * end of a rotation's overlap. Read from the store every time, so a revocation holds at once.
 */
export async function findActiveKey(masterKey: Buffer, keyId: string): Promise<ActiveKey | null> {
  const key = await ApiKey.findOne({ _id: keyId, status: 'active' }).lean();
  if (!key || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) return null;
  return { keyId: key._id, tenantId: key.tenantId, secret: unseal(masterKey, key.secretSealed) };
}

/** Checks a key id and secret pair from a tenant backend; answers the key or throws. */
export async function authenticateKey(
  masterKey: Buffer,
  keyId: string,
  secret: string,
): Promise<ActiveKey> {
  const key = await findActiveKey(masterKey, keyId);
  if (!key || !sameSecret(key.secret, secret)) {
    throw new AppError('unauthorized', 'Unknown API key id or wrong secret');
  }
  void touchKey(keyId);
  return key;
}

function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

async function touchKey(keyId: string): Promise<void> {
  const now = new Date();
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  await ApiKey.updateOne(
    { _id: keyId, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: stale } }] },
    { $set: { lastUsedAt: now } },
  ).catch(() => undefined);
}
