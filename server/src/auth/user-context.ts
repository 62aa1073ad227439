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
  const { banned } = await ensureUser(identity.tenantId, identity.userId);
  if (banned) throw new AppError('user_banned', 'This user is banned');

  const log = app.log.child({ tenantId: identity.tenantId, userId: identity.userId });
  return { ctx: { app, tenant, userId: identity.userId, log }, identity };
}
