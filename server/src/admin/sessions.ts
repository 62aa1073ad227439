import { createHash, randomBytes } from 'node:crypto';

import type { AppContext } from '../context.js';

/**
 * Console sessions, in Redis: the browser holds a random token in an httpOnly cookie; Redis
 * holds only its SHA-256, so a copy of Redis cannot be replayed as a cookie. A session ends
 * after ADMIN_SESSION_IDLE_SECONDS without a request, ADMIN_SESSION_MAX_SECONDS after sign-in,
 * at logout, or when its admin is disabled or given a new password.
 */

export interface StoredSession {
  adminId: string;
  tenantId: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

function sessionKey(app: AppContext, token: string): string {
  return `${app.config.REDIS_PREFIX}admin:session:${digest(token)}`;
}

function adminKey(app: AppContext, adminId: string): string {
  return `${app.config.REDIS_PREFIX}admin:sessions:${adminId}`;
}

export async function createSession(
  app: AppContext,
  adminId: string,
  tenantId: string,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const session: StoredSession = { adminId, tenantId, createdAt: Date.now() };
  const idleMs = app.config.ADMIN_SESSION_IDLE_SECONDS * 1000;
  const maxMs = app.config.ADMIN_SESSION_MAX_SECONDS * 1000;
  await app.redis
    .multi()
    .set(sessionKey(app, token), JSON.stringify(session), 'PX', idleMs)
    .sadd(adminKey(app, adminId), digest(token))
    .pexpire(adminKey(app, adminId), maxMs)
    .exec();
  return token;
}

/** The live session of a token, renewing its idle time; null when it ended or never was. */
export async function readSession(app: AppContext, token: string): Promise<StoredSession | null> {
  const key = sessionKey(app, token);
  const raw = await app.redis.get(key);
  if (!raw) return null;
  const session = JSON.parse(raw) as StoredSession;
  if (Date.now() - session.createdAt >= app.config.ADMIN_SESSION_MAX_SECONDS * 1000) {
    await app.redis.del(key);
    return null;
  }
  await app.redis.pexpire(key, app.config.ADMIN_SESSION_IDLE_SECONDS * 1000);
  return session;
}

export async function endSession(app: AppContext, token: string): Promise<void> {
  await app.redis.del(sessionKey(app, token));
}

/** Ends every session of one admin, on every node. */
export async function endSessionsOf(app: AppContext, adminId: string): Promise<void> {
  const digests = await app.redis.smembers(adminKey(app, adminId));
  const prefix = `${app.config.REDIS_PREFIX}admin:session:`;
  await app.redis.del(adminKey(app, adminId), ...digests.map((d) => `${prefix}${d}`));
}
