import { z } from 'zod';
import { field } from '@confab/sdk/protocol';

import { AppError, notFound } from '../errors.js';
import { forgetBlockedWords } from '../moderation/blocked-words.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { BlockedWord } from '../store/models/index.js';
import type { BlockedWordDoc } from '../store/models/index.js';
import { audit } from './audit.js';
import type { AdminContext } from './context.js';
import { containsText, idFilter, listQuery, objectId, objectIds, findPage } from './list-query.js';

/** The tenant's blocked words, as a resource of their own. */

export const wordFilter = z.object({
  id: idFilter,
  q: z.string().max(100).optional(),
  mode: z.enum(['refuse', 'mask']).optional(),
});

const sortable = { word: 'word', createdAt: 'createdAt', mode: 'mode' };

export const wordSchema = z.object({
  word: field
    .safeText(64, 1)
    .transform((word) => word.trim().toLowerCase())
    .refine((word) => word.length > 0, 'must not be blank'),
  mode: z.enum(['refuse', 'mask']),
});

const view = (doc: BlockedWordDoc) => ({
  id: String(doc._id),
  word: doc.word,
  mode: doc.mode,
  createdAt: doc.createdAt,
});

export async function listWords(ctx: AdminContext, query: unknown) {
  const list = listQuery(query, sortable, 'ASC', wordFilter);
  const where: Record<string, unknown> = { tenantId: ctx.tenant._id };
  if (list.filter.id) where._id = { $in: objectIds(list.filter.id) };
  if (list.filter.q) where.word = containsText(list.filter.q);
  if (list.filter.mode) where.mode = list.filter.mode;
  const { docs, total } = await findPage<BlockedWordDoc>(BlockedWord, where, list);
  return { data: docs.map((doc) => view(doc)), total };
}

async function findWord(ctx: AdminContext, id: string): Promise<BlockedWordDoc> {
  const doc = await BlockedWord.findOne({
    _id: objectId(id, 'Blocked word'),
    tenantId: ctx.tenant._id,
  }).lean();
  if (!doc) throw notFound('Blocked word');
  return doc as BlockedWordDoc;
}

export async function getWord(ctx: AdminContext, id: string) {
  return view(await findWord(ctx, id));
}

export async function addWord(ctx: AdminContext, input: z.output<typeof wordSchema>) {
  let doc: BlockedWordDoc;
  try {
    const made = await BlockedWord.create({ tenantId: ctx.tenant._id, ...input });
    doc = made.toObject() as BlockedWordDoc;
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new AppError('conflict', 'This word is listed already');
    throw error;
  }
  forgetBlockedWords(ctx.tenant._id);
  await audit(ctx, 'blockedWord.add', { type: 'blockedWord', id: String(doc._id) }, null, input);
  return view(doc);
}

export async function changeWordMode(ctx: AdminContext, id: string, mode: 'refuse' | 'mask') {
  const before = await findWord(ctx, id);
  await BlockedWord.updateOne({ _id: before._id, tenantId: ctx.tenant._id }, { $set: { mode } });
  forgetBlockedWords(ctx.tenant._id);
  const target = { type: 'blockedWord', id };
  await audit(ctx, 'blockedWord.edit', target, { mode: before.mode }, { mode });
  return getWord(ctx, id);
}

export async function removeWord(ctx: AdminContext, id: string) {
  const doc = await findWord(ctx, id);
  await BlockedWord.deleteOne({ _id: doc._id, tenantId: ctx.tenant._id });
  forgetBlockedWords(ctx.tenant._id);
  const target = { type: 'blockedWord', id };
  await audit(ctx, 'blockedWord.remove', target, { word: doc.word, mode: doc.mode }, null);
  return view(doc);
}
