import { field } from '@confab/sdk/protocol';
import { Router } from 'express';
import type { Response } from 'express';
import { Types } from 'mongoose';
import { z } from 'zod';

import type { ActiveKey } from '../../auth/api-keys.js';
import type { AppContext } from '../../context.js';
import { setContacts } from '../../domain/contacts.js';
import { createGroupAs } from '../../domain/conversations.js';
import { updateConversationAs } from '../../domain/groups.js';
import { depart } from '../../domain/departures.js';
import { appendSystemMessage, enrol } from '../../domain/enrolment.js';
import { loadConversation } from '../../domain/membership.js';
import { postMessage } from '../../domain/messages.js';
import { cachedTenant } from '../../domain/tenants.js';
import { conversationView } from '../../domain/views.js';
import { notFound } from '../../errors.js';
import { Member } from '../../store/models/index.js';
import type { ConversationDoc, TenantDoc } from '../../store/models/index.js';
import { parseInput } from '../parse-input.js';

/** How many users one server API call may add to a conversation. */
const MAX_MEMBERS_PER_CALL = 20_000;

export const contactsSchema = z.object({
  userId: field.userId,
  contactIds: field.userIdList(1000),
});

export const groupSchema = z.object({
  ownerId: field.userId,
  title: field.displayName,
  avatarUrl: field.url.optional(),
  memberIds: z.array(field.userId).max(MAX_MEMBERS_PER_CALL).default([]),
  historyVisibility: z.enum(['full', 'since_join']).default('full'),
});

export const addMembersSchema = z.object({
  userIds: field.userIdList(MAX_MEMBERS_PER_CALL),
  role: z.enum(['member', 'admin']).default('member'),
  /** Whose name the system message carries; the app's own when left out. */
  actorId: field.userId.optional(),
});

export const postSchema = z.object({
  senderId: field.userId,
  clientId: field.clientId,
  text: field.safeText(20_000, 1),
  replyToSeq: field.seq.min(1).optional(),
  mentions: z.array(field.userId).max(50).optional(),
});

export const conversationUpdateSchema = z
  .object({
    title: field.displayName.optional(),
    avatarUrl: field.url.nullable().optional(),
    /** Members read but cannot post; the tenant's backend and staff still can. */
    readOnly: z.boolean().optional(),
    disappearAfterSeconds: field.disappearAfter.optional(),
  })
  .refine((v) => Object.values(v).some((value) => value !== undefined), {
    message: 'give at least one of title, avatarUrl, readOnly, disappearAfterSeconds',
  });

const conversationParams = z.object({ conversationId: field.conversationId });
const memberParams = conversationParams.extend({ userId: field.userId });

/** The actor of changes the tenant's backend makes without naming a user. */
export const APP_ACTOR = 'app';

async function tenantOf(res: Response): Promise<TenantDoc> {
  return cachedTenant((res.locals.key as ActiveKey).tenantId);
}

async function conversationOf(tenant: TenantDoc, params: unknown): Promise<ConversationDoc> {
  const { conversationId } = parseInput(conversationParams, params);
  return loadConversation(tenant._id, new Types.ObjectId(conversationId));
}

function view(tenant: TenantDoc, doc: ConversationDoc) {
  return conversationView(doc, { settings: tenant.settings });
}

/**
 * Server API routes for contacts and conversations. The tenant's backend is trusted with its
 * own users: it needs no membership, but it reaches only its own tenant's data.
 */
export function serverConversationRoutes(app: AppContext): Router {
  const router = Router();

  router.post('/contacts', async (req, res) => {
    const input = parseInput(contactsSchema, req.body);
    const tenant = await tenantOf(res);
    await setContacts(app, tenant._id, input.userId, input.contactIds, false);
    res.json({ userId: input.userId, contactIds: input.contactIds });
  });

  router.delete('/contacts', async (req, res) => {
    const input = parseInput(contactsSchema, req.body);
    const tenant = await tenantOf(res);
    await setContacts(app, tenant._id, input.userId, input.contactIds, true);
    res.json({ userId: input.userId, removed: input.contactIds });
  });

  router.post('/conversations/groups', async (req, res) => {
    const input = parseInput(groupSchema, req.body);
    const tenant = await tenantOf(res);
    const doc = await createGroupAs(app, tenant, input.ownerId, input);
    res.status(201).json({ conversation: view(tenant, doc) });
  });

  router.get('/conversations/:conversationId', async (req, res) => {
    const tenant = await tenantOf(res);
    res.json({ conversation: view(tenant, await conversationOf(tenant, req.params)) });
  });

  router.patch('/conversations/:conversationId', async (req, res) => {
    const tenant = await tenantOf(res);
    const conversation = await conversationOf(tenant, req.params);
    const input = parseInput(conversationUpdateSchema, req.body);
    const updated = await updateConversationAs(app, tenant, conversation, APP_ACTOR, input);
    res.json({ conversation: view(tenant, updated) });
  });

  router.post('/conversations/:conversationId/members', async (req, res) => {
    const tenant = await tenantOf(res);
    const conversation = await conversationOf(tenant, req.params);
    const input = parseInput(addMembersSchema, req.body);
    const { added } = await enrol(app, tenant, conversation._id, input.userIds, input.role);
    if (added.length > 0) {
      await appendSystemMessage(
        app,
        tenant._id,
        conversation._id,
        input.actorId ?? APP_ACTOR,
        `added:${conversation.lastSeq}:${added.length}:${added[0]}`,
        { action: 'member.added', userIds: added },
      );
    }
    res.json({ added: added.length });
  });

  router.delete('/conversations/:conversationId/members/:userId', async (req, res) => {
    const tenant = await tenantOf(res);
    const { userId } = parseInput(memberParams, req.params);
    const conversation = await conversationOf(tenant, req.params);
    const member = await Member.findOne({
      tenantId: tenant._id,
      conversationId: conversation._id,
      userId,
      status: 'active',
    }).lean();
    if (!member) throw notFound('Member');
    await depart(app, tenant, conversation, member, APP_ACTOR, 'removed');
    res.json({ removed: true });
  });

  router.post('/conversations/:conversationId/messages', async (req, res) => {
    const tenant = await tenantOf(res);
    const conversation = await conversationOf(tenant, req.params);
    const input = parseInput(postSchema, req.body);
    const sender = await Member.exists({
      tenantId: tenant._id,
      conversationId: conversation._id,
      userId: input.senderId,
      status: 'active',
    });
    if (!sender) throw notFound('Member');
    const result = await postMessage(app, tenant, conversation, input.senderId, input);
    res.status(result.duplicate ? 200 : 201).json(result);
  });

  return router;
}
