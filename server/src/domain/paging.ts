import { AppError } from '../errors.js';

/**
 * Opaque cursors for pages ordered by a string key (user ids): the last key of a page, so the
 * next page starts after it. Opaque, so the order can change without breaking clients.
 */
export function encodeAfter(key: string): string {
  return Buffer.from(JSON.stringify([key])).toString('base64url');
}

export function decodeAfter(cursor: string): string {
  try {
    const [key] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof key === 'string') return key;
  } catch {
    // Answered below as a bad cursor.
  }
  throw new AppError('invalid_input', 'The after cursor is not one this server gave out', {
    details: [{ path: ['after'], code: 'bad_cursor', message: 'unknown cursor' }],
  });
}
