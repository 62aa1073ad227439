import type { Contact as ContactView, ParsedRequest, RequestResults } from '@confab/sdk/protocol';

import type { AppContext, UserContext } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { Contact, User } from '../store/models/index.js';
import type { ContactDoc } from '../store/models/index.js';
import { appendUserChange } from './user-log.js';
import { existingUserIds } from './users.js';

/**
 * Contacts are kept as two records per pair, one owned by each side: a request makes the
 * asker's `outgoing` and the other's `incoming`; accepting makes both `accepted`. `blocked` is
 * the owner's own choice, beside the status. Every change reaches both users' devices.
 */

type Status = ContactDoc['status'];

async function sides(tenantId: string, ownerId: string, userId: string) {
  const [mine, theirs] = await Promise.all([
    Contact.findOne({ tenantId, ownerId, userId }).lean(),
    Contact.findOne({ tenantId, ownerId: userId, userId: ownerId }).lean(),
  ]);
  return { mine, theirs };
}

async function setSide(
  tenantId: string,
  ownerId: string,
  userId: string,
  set: { status?: Status; blocked?: boolean },
): Promise<void> {
  await Contact.updateOne({ tenantId, ownerId, userId }, { $set: set }, { upsert: true });
}

/** Tells both users' devices about the pair's new state. */
async function announce(app: AppContext, tenantId: string, a: string, b: string): Promise<void> {
  await Promise.all([
    appendUserChange(app, tenantId, a, { type: 'contact.updated', userId: b }),
    appendUserChange(app, tenantId, b, { type: 'contact.updated', userId: a }),
  ]);
}

async function requireOtherUser(ctx: UserContext, userId: string): Promise<void> {
  if (userId === ctx.userId) throw new AppError('invalid_input', 'That is you');
  if (!(await existingUserIds(ctx.tenant._id, [userId])).has(userId)) throw notFound('User');
}

/** My contacts (accepted, and requests either way) and the users I blocked, with presence. */
export async function listContacts(
  ctx: UserContext,
  _input: ParsedRequest<'contact.list'>,
): Promise<RequestResults['contact.list']> {
  const docs = await Contact.find({ tenantId: ctx.tenant._id, ownerId: ctx.userId }).lean();
  const kept = docs.filter((doc) => doc.status !== null || doc.blocked);
  return { contacts: await contactViews(ctx.app, ctx.tenant._id, kept) };
}

export async function contactViews(
  app: AppContext,
  tenantId: string,
  docs: ContactDoc[],
): Promise<ContactView[]> {
  if (docs.length === 0) return [];
  const ids = docs.map((doc) => doc.userId);
  const [users, presence] = await Promise.all([
    User.find({ tenantId, userId: { $in: ids } }).lean(),
    app.presence.lookup(tenantId, ids),
  ]);
  const byId = new Map(users.map((u) => [u.userId, u]));
  return docs.map((doc, index) => {
    const user = byId.get(doc.userId);
    return {
      userId: doc.userId,
      name: user?.name ?? doc.userId,
      avatarUrl: user?.avatarUrl ?? null,
      status: doc.status ?? null,
      blocked: Boolean(doc.blocked),
      online: presence[index]!.online,
      lastSeenAt: presence[index]!.lastSeenAt,
    };
  });
}

async function viewOne(ctx: UserContext, userId: string): Promise<ContactView> {
  const doc = await Contact.findOne({
    tenantId: ctx.tenant._id,
    ownerId: ctx.userId,
    userId,
  }).lean();
  const fallback = { userId, status: null, blocked: false } as ContactDoc;
  const [view] = await contactViews(ctx.app, ctx.tenant._id, [doc ?? fallback]);
  return view!;
}

/**
 * Asks another user to be a contact. If they had already asked me, we are contacts at once.
 * Nobody can ask a user who blocked them, nor one they blocked.
 */
export async function requestContact(
  ctx: UserContext,
  input: ParsedRequest<'contact.request'>,
): Promise<RequestResults['contact.request']> {
  const tenantId = ctx.tenant._id;
  await requireOtherUser(ctx, input.userId);
  const { mine, theirs } = await sides(tenantId, ctx.userId, input.userId);
  if (mine?.blocked) throw forbidden('Unblock this user first');
  if (theirs?.blocked) throw forbidden('You cannot add this user');
  if (mine?.status === 'accepted' || mine?.status === 'outgoing') return viewOne(ctx, input.userId);

  const accept = mine?.status === 'incoming';
  await setSide(tenantId, ctx.userId, input.userId, { status: accept ? 'accepted' : 'outgoing' });
  await setSide(tenantId, input.userId, ctx.userId, { status: accept ? 'accepted' : 'incoming' });
  await announce(ctx.app, tenantId, ctx.userId, input.userId);
  return viewOne(ctx, input.userId);
}

/** Accepts a request another user made. */
export async function acceptContact(
  ctx: UserContext,
  input: ParsedRequest<'contact.accept'>,
): Promise<RequestResults['contact.accept']> {
  const tenantId = ctx.tenant._id;
  const { mine } = await sides(tenantId, ctx.userId, input.userId);
  if (mine?.status === 'accepted') return viewOne(ctx, input.userId);
  if (mine?.status !== 'incoming') throw notFound('Contact request');
  await setSide(tenantId, ctx.userId, input.userId, { status: 'accepted' });
  await setSide(tenantId, input.userId, ctx.userId, { status: 'accepted' });
  await announce(ctx.app, tenantId, ctx.userId, input.userId);
  return viewOne(ctx, input.userId);
}

/** Declines a request another user made; they may ask again later. */
export async function declineContact(
  ctx: UserContext,
  input: ParsedRequest<'contact.decline'>,
): Promise<RequestResults['contact.decline']> {
  const tenantId = ctx.tenant._id;
  const { mine } = await sides(tenantId, ctx.userId, input.userId);
  if (mine?.status !== 'incoming') throw notFound('Contact request');
  await clearPair(tenantId, ctx.userId, input.userId);
  await announce(ctx.app, tenantId, ctx.userId, input.userId);
  return { declined: true };
}

/** Ends a contact (or withdraws a request) on both sides. */
export async function removeContact(
  ctx: UserContext,
  input: ParsedRequest<'contact.remove'>,
): Promise<RequestResults['contact.remove']> {
  const tenantId = ctx.tenant._id;
  const { mine } = await sides(tenantId, ctx.userId, input.userId);
  if (!mine?.status) throw notFound('Contact');
  await clearPair(tenantId, ctx.userId, input.userId);
  await announce(ctx.app, tenantId, ctx.userId, input.userId);
  return { removed: true };
}

async function clearPair(tenantId: string, a: string, b: string): Promise<void> {
  await Contact.updateMany(
    {
      tenantId,
      $or: [
        { ownerId: a, userId: b },
        { ownerId: b, userId: a },
      ],
    },
    { $set: { status: null } },
  );
}

/**
 * Blocks a user: they can no longer open a direct conversation with me or message me in one,
 * and any contact between us ends.
 */
export async function blockUser(
  ctx: UserContext,
  input: ParsedRequest<'contact.block'>,
): Promise<RequestResults['contact.block']> {
  const tenantId = ctx.tenant._id;
  await requireOtherUser(ctx, input.userId);
  await setSide(tenantId, ctx.userId, input.userId, { blocked: true, status: null });
  await Contact.updateOne(
    { tenantId, ownerId: input.userId, userId: ctx.userId },
    { $set: { status: null } },
  );
  await announce(ctx.app, tenantId, ctx.userId, input.userId);
  return viewOne(ctx, input.userId);
}

export async function unblockUser(
  ctx: UserContext,
  input: ParsedRequest<'contact.unblock'>,
): Promise<RequestResults['contact.unblock']> {
  const tenantId = ctx.tenant._id;
  const result = await Contact.updateOne(
    { tenantId, ownerId: ctx.userId, userId: input.userId, blocked: true },
    { $set: { blocked: false } },
  );
  if (result.matchedCount > 0) {
    await appendUserChange(ctx.app, tenantId, ctx.userId, {
      type: 'contact.updated',
      userId: input.userId,
    });
  }
  return viewOne(ctx, input.userId);
}

/**
 * The tenant backend's own social graph: makes `userId` and each of `contactIds` accepted
 * contacts (or, with `remove`, ends those contacts), on both sides, without requests.
 */
export async function setContacts(
  app: AppContext,
  tenantId: string,
  userId: string,
  contactIds: string[],
  remove: boolean,
): Promise<void> {
  const others = [...new Set(contactIds)].filter((id) => id !== userId);
  const known = await existingUserIds(tenantId, [userId, ...others]);
  const missing = [userId, ...others].filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new AppError('not_found', 'Some users are not users of this app', {
      details: missing
        .slice(0, 20)
        .map((id) => ({ path: ['contactIds'], code: 'unknown_user', message: id })),
    });
  }
  const status = remove ? null : 'accepted';
  await Contact.bulkWrite(
    others.flatMap((other) => [
      {
        updateOne: {
          filter: { tenantId, ownerId: userId, userId: other },
          update: { $set: { status } },
          upsert: true,
        },
      },
      {
        updateOne: {
          filter: { tenantId, ownerId: other, userId },
          update: { $set: { status } },
          upsert: true,
        },
      },
    ]),
    { ordered: false },
  );
  for (const other of others) await announce(app, tenantId, userId, other);
}
