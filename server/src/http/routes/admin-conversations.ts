import { Router } from 'express';

import {
  conversationEditSchema,
  getAdminConversation,
  listConversations,
  setReadOnly,
} from '../../admin/conversations.js';
import {
  addMember,
  getAdminMember,
  listMembers,
  newMemberSchema,
  removeMember,
} from '../../admin/members.js';
import {
  adminMessageView,
  findMessage,
  listAdminMessages,
  moderatorDelete,
  staffPost,
  staffPostSchema,
} from '../../admin/messages.js';
import { parseInput } from '../parse-input.js';
import { adminOf, allow, pathId } from './admin-guards.js';

/** Conversations, their members and their messages. */
export function adminConversationRoutes(): Router {
  const router = Router();

  router.get('/conversations', allow('view'), async (req, res) => {
    res.json(await listConversations(adminOf(res), req.query));
  });

  router.get('/conversations/:id', allow('view'), async (req, res) => {
    res.json({ data: await getAdminConversation(adminOf(res), pathId(req)) });
  });

  router.put('/conversations/:id', allow('conversations.moderate'), async (req, res) => {
    const { readOnly } = parseInput(conversationEditSchema, req.body);
    res.json({ data: await setReadOnly(adminOf(res), pathId(req), readOnly) });
  });

  router.get('/members', allow('view'), async (req, res) => {
    res.json(await listMembers(adminOf(res), req.query));
  });

  router.get('/members/:id', allow('view'), async (req, res) => {
    res.json({ data: await getAdminMember(adminOf(res), pathId(req)) });
  });

  router.post('/members', allow('conversations.manage'), async (req, res) => {
    const input = parseInput(newMemberSchema, req.body);
    res.status(201).json({ data: await addMember(adminOf(res), input) });
  });

  router.delete('/members/:id', allow('conversations.manage'), async (req, res) => {
    res.json({ data: await removeMember(adminOf(res), pathId(req)) });
  });

  router.get('/messages', allow('view'), async (req, res) => {
    res.json(await listAdminMessages(adminOf(res), req.query));
  });

  router.get('/messages/:id', allow('view'), async (req, res) => {
    res.json({ data: adminMessageView(await findMessage(adminOf(res), pathId(req))) });
  });

  router.post('/messages', allow('conversations.moderate'), async (req, res) => {
    const input = parseInput(staffPostSchema, req.body);
    const { message, duplicate } = await staffPost(adminOf(res), input);
    res.status(duplicate ? 200 : 201).json({ data: adminMessageView(message) });
  });

  router.delete('/messages/:id', allow('conversations.moderate'), async (req, res) => {
    const ctx = adminOf(res);
    const erased = await moderatorDelete(ctx, await findMessage(ctx, pathId(req)));
    res.json({ data: adminMessageView(erased) });
  });

  return router;
}
