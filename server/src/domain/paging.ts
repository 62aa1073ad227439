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

/**
 * One page of records ordered by a string key (a user id), after an opaque cursor: `query`
 * reads up to `limit` records with a key above `after`; one record more than the page tells
 * whether there is a next page, whose cursor is the page's last key.
 */
export async function pageAfter<D>(
  query: (after: string | undefined, limit: number) => Promise<D[]>,
  keyOf: (doc: D) => string,
  limit: number,
  cursor: string | undefined,
): Promise<{ page: D[]; next: string | null }> {
  const after = cursor === undefined ? undefined : decodeAfter(cursor);
  const docs = await query(after, limit + 1);
  const page = docs.slice(0, limit);
  return { page, next: docs.length > limit ? encodeAfter(keyOf(page.at(-1)!)) : null };
}
