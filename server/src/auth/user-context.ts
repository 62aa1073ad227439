import type { AppContext, UserContext } from '../context.js';
import { cachedTenant } from '../domain/tenants.js';
import { ensureUser } from '../domain/users.js';
import { AppError } from '../errors.js';
import { verifyUserToken } from './user-tokens.js';
import type { TokenIdentity } from './user-tokens.js';

export interface AuthenticatedUser {
  ctx: UserContext;
  identity: TokenIdentity;
}

/**
 * Turns a user token into the context every request runs in. The tenant comes from the key
 * that signed the token, never from anything else the client sends.
 */
export async function authenticateUser(
  app: AppContext,
  token: unknown,
): Promise<AuthenticatedUser> {
  const identity = await verifyUserToken(app.config.MASTER_KEY, token);
  const tenant = await cachedTenant(identity.tenantId);
  const access = await ensureUser(identity.tenantId, identity.userId);
  if (access.banned) throw new AppError('user_banned', 'This user is banned');
  if (access.deactivated) throw new AppError('user_deactivated', 'This user is deactivated');
  // A token that does not say when it was issued cannot prove it came after a forced logout.
  const revokedUntil = access.tokensValidAfter;
  if (revokedUntil !== null && (identity.issuedAt ?? 0) <= revokedUntil) {
    throw new AppError(
      'token_revoked',
      'This session was ended by an administrator; sign in again',
    );
  }

  const log = app.log.child({ tenantId: identity.tenantId, userId: identity.userId });
  return { ctx: { app, tenant, userId: identity.userId, log }, identity };
}
