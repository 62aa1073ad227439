import { createSecretKey } from 'node:crypto';

import jwt from 'jsonwebtoken';
import { field } from '@confab/sdk/protocol';

import { AppError } from '../errors.js';
import { findActiveKey } from './api-keys.js';

export interface TokenIdentity {
  tenantId: string;
  userId: string;
  keyId: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  /** When the token was signed, in seconds since the epoch; null when it says not. */
  issuedAt: number | null;
}

/** Longest lifetime the server API issues, in seconds: 30 days. */
export const MAX_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

/**
 * Signs a user token the same way a tenant backend may sign its own: HS256 with the API
 * key's secret, the key id in the `kid` header, the user id in `sub`, and an expiry.
 */
export function signUserToken(keyId: string, secret: string, userId: string, ttlSeconds: number) {
  const token = jwt.sign({ sub: userId }, hmacKey(secret), {
    algorithm: 'HS256',
    keyid: keyId,
    expiresIn: ttlSeconds,
  });
  const expiresAt = Math.floor(Date.now() / 1000) + ttlSeconds;
  return { token, expiresAt };
}

/**
 * The secret as an HMAC key. Given a plain string, jsonwebtoken first tries to read it as a
 * PEM key and fails with an exception on every token, which dominated the cost of a connect.
 */
function hmacKey(secret: string) {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}

/** Verifies a user token; the tenant is the one of the key that signed it. */
export async function verifyUserToken(masterKey: Buffer, token: unknown): Promise<TokenIdentity> {
  if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
    throw new AppError('unauthorized', 'A user token is required');
  }
  const decoded = jwt.decode(token, { complete: true });
  const keyId = decoded?.header.kid;
  if (!decoded || typeof keyId !== 'string') {
    throw new AppError('token_invalid', 'The token is malformed or has no kid header');
  }

  const key = await findActiveKey(masterKey, keyId);
  if (!key)
    throw new AppError('token_invalid', 'The token was signed by an unknown or revoked key');

  let payload: jwt.JwtPayload;
  try {
    payload = jwt.verify(token, hmacKey(key.secret), { algorithms: ['HS256'] }) as jwt.JwtPayload;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) {
      throw new AppError('token_expired', 'The token has expired; get a new one');
    }
    throw new AppError('token_invalid', 'The token signature or claims are invalid');
  }

  const userId = field.userId.safeParse(payload.sub);
  if (!userId.success) throw new AppError('token_invalid', 'The token has no valid sub (user id)');
  if (typeof payload.exp !== 'number') {
    throw new AppError('token_invalid', 'The token has no expiry (exp)');
  }
  const issuedAt = typeof payload.iat === 'number' ? payload.iat : null;
  return { tenantId: key.tenantId, userId: userId.data, keyId, expiresAt: payload.exp, issuedAt };
}
