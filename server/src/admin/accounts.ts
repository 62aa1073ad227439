import { randomId } from '../auth/ids.js';
import { AppError } from '../errors.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { Admin, Tenant } from '../store/models/index.js';
import type { AdminDoc, AdminRole } from '../store/models/index.js';
import { MIN_PASSWORD_LENGTH, decoyHash, hashPassword, verifyPassword } from './passwords.js';

export interface NewAdmin {
  email: string;
  password: string;
  role: AdminRole;
  name?: string | undefined;
}

export const normalEmail = (email: string) => email.trim().toLowerCase();

export function checkPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      'invalid_input',
      `A password has at least ${MIN_PASSWORD_LENGTH} characters`,
      {
        details: [{ path: ['password'], code: 'too_small', message: 'too short' }],
      },
    );
  }
}

/** Creates a staff account of a tenant; `conflict` when the email is already taken there. */
export async function createAdmin(tenantId: string, input: NewAdmin): Promise<AdminDoc> {
  checkPassword(input.password);
  if (!(await Tenant.exists({ _id: tenantId })))
    throw new AppError('not_found', 'Tenant not found');
  try {
    const made = await Admin.create({
      _id: randomId('adm', 9),
      tenantId,
      email: normalEmail(input.email),
      name: input.name ?? '',
      passwordHash: await hashPassword(input.password),
      role: input.role,
    });
    return made.toObject() as AdminDoc;
  } catch (error) {
    if (isDuplicateKeyError(error)) {
      throw new AppError('conflict', 'An admin with this email already exists');
    }
    throw error;
  }
}

/**
 * The active admin with this email and password, or null. An unknown email is checked against
 * a decoy hash, so the answer takes as long either way and tells nothing about who exists.
 */
export async function findByPassword(
  tenantId: string,
  email: string,
  password: string,
): Promise<AdminDoc | null> {
  const admin = await Admin.findOne({ tenantId, email: normalEmail(email) }).lean();
  const matches = await verifyPassword(password, admin?.passwordHash ?? (await decoyHash()));
  if (!admin || !matches || admin.status !== 'active') return null;
  return admin as AdminDoc;
}
