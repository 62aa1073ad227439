import { randomBytes } from 'node:crypto';

/** A random id with a readable prefix, e.g. `app_3kT9q...`. */
export function randomId(prefix: string, bytes = 12): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}
