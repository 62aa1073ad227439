import { Types } from 'mongoose';
import type { Model } from 'mongoose';
import { z } from 'zod';

import { AppError, notFound } from '../errors.js';
import { parseInput } from '../http/parse-input.js';

/**
 * The list parameters the console's data provider sends, the react-admin way:
 * `?sort=field&order=ASC|DESC&start=0&end=25&filter={json}`. `end` is exclusive. Each list
 * answers `{ data, total }`, where `total` counts every match, not just the page.
 */

/** Largest page one list call returns. */
const MAX_PAGE = 500;

const listParams = z.object({
  sort: z.string().max(64).optional(),
  order: z.enum(['ASC', 'DESC']).default('ASC'),
  start: z.coerce.number().int().min(0).max(1_000_000).default(0),
  end: z.coerce.number().int().min(0).max(1_001_000).optional(),
  filter: z.string().max(10_000).default('{}'),
});

export interface ListQuery<F> {
  sort: Record<string, 1 | -1>;
  skip: number;
  limit: number;
  filter: F;
}

/**
 * Reads list parameters; `sortable` maps the console's field names to store fields, and the
 * first entry is the default order. The filter is JSON, checked against its own schema.
 */
export function listQuery<S extends z.ZodType>(
  query: unknown,
  sortable: Record<string, string>,
  defaultOrder: 'ASC' | 'DESC',
  filterSchema: S,
): ListQuery<z.output<S>> {
  const params = parseInput(listParams, query);
  // react-admin sorts by `id` unless told otherwise, as reference lists do.
  const known: Record<string, string> = { ...sortable, id: sortable.id ?? '_id' };
  const fields = Object.keys(known);
  const field = params.sort ?? fields[0]!;
  const storeField = known[field];
  if (!storeField) {
    throw new AppError('invalid_input', `Cannot sort by ${field}`, {
      details: [{ path: ['sort'], code: 'invalid_value', message: `one of ${fields.join(', ')}` }],
    });
  }
  const order = params.sort ? params.order : defaultOrder;
  const end = params.end ?? params.start + 25;
  if (end < params.start || end - params.start > MAX_PAGE) {
    throw new AppError('invalid_input', `A page holds 0 to ${MAX_PAGE} records`, {
      details: [{ path: ['end'], code: 'invalid_value', message: 'bad range' }],
    });
  }

  let rawFilter: unknown;
  try {
    rawFilter = JSON.parse(params.filter);
  } catch {
    throw new AppError('invalid_input', 'The filter is not valid JSON');
  }
  const filter = parseInput(filterSchema, rawFilter);
  // A tie-breaker, so pages of equal values neither repeat nor skip records.
  const sort: Record<string, 1 | -1> = { [storeField]: order === 'ASC' ? 1 : -1 };
  if (storeField !== '_id') sort._id = order === 'ASC' ? 1 : -1;
  return { sort, skip: params.start, limit: end - params.start, filter };
}

/** `id` in a filter: one id or the list that react-admin's getMany asks for. */
export const idFilter = z
  .union([z.string().max(256), z.array(z.string().max(256)).max(MAX_PAGE)])
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .optional();

/** Ids that are not ObjectIds can match nothing; drop them instead of failing the query. */
export function objectIds(ids: string[]): Types.ObjectId[] {
  return ids
    .filter((id) => Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/.test(id))
    .map((id) => new Types.ObjectId(id));
}

/** A record id from a path; one that cannot exist is simply not found. */
export function objectId(id: string | undefined, what: string): Types.ObjectId {
  if (!id || !/^[0-9a-f]{24}$/.test(id)) throw notFound(what);
  return new Types.ObjectId(id);
}

/** Regular expression special characters escaped, so a search matches as plain text. */
export function containsText(text: string): { $regex: string; $options: string } {
  return { $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' };
}

/** A boolean filter: react-admin sends true/false, and some inputs send the strings. */
export const boolFilter = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform((value) => value === true || value === 'true')
  .optional();

/** One page of a list and the count of every match, as react-admin's lists need. */
export async function findPage<D>(
  // Each model's own schema types make them unassignable to one another; callers name `D`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  where: Record<string, unknown>,
  list: ListQuery<unknown>,
): Promise<{ docs: D[]; total: number }> {
  const page = { sort: list.sort, skip: list.skip, limit: list.limit };
  const [docs, total] = await Promise.all([
    model.find(where, null, page).lean<D[]>(),
    model.countDocuments(where),
  ]);
  return { docs, total };
}
