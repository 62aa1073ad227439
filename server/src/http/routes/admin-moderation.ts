import { Router } from 'express';
import { z } from 'zod';

import {
  addWord,
  changeWordMode,
  getWord,
  listWords,
  removeWord,
  wordSchema,
} from '../../admin/blocked-words.js';
import { getFlag, listFlags, resolveFlag, resolveSchema } from '../../admin/flags.js';
import { parseInput } from '../parse-input.js';
import { adminOf, allow, pathId } from './admin-guards.js';

const modeSchema = z.object({ mode: z.enum(['refuse', 'mask']) });

/** The flag review queue and the blocked words. */
export function adminModerationRoutes(): Router {
  const router = Router();

  router.get('/flags', allow('view'), async (req, res) => {
    res.json(await listFlags(adminOf(res), req.query));
  });

  router.get('/flags/:id', allow('view'), async (req, res) => {
    res.json({ data: await getFlag(adminOf(res), pathId(req)) });
  });

  router.post('/flags/:id/resolve', allow('flags.resolve'), async (req, res) => {
    const input = parseInput(resolveSchema, req.body);
    res.json({ data: await resolveFlag(adminOf(res), pathId(req), input) });
  });

  router.get('/blocked-words', allow('view'), async (req, res) => {
    res.json(await listWords(adminOf(res), req.query));
  });

  router.get('/blocked-words/:id', allow('view'), async (req, res) => {
    res.json({ data: await getWord(adminOf(res), pathId(req)) });
  });

  router.post('/blocked-words', allow('blockedWords.manage'), async (req, res) => {
    const input = parseInput(wordSchema, req.body);
    res.status(201).json({ data: await addWord(adminOf(res), input) });
  });

  router.put('/blocked-words/:id', allow('blockedWords.manage'), async (req, res) => {
    const { mode } = parseInput(modeSchema, req.body);
    res.json({ data: await changeWordMode(adminOf(res), pathId(req), mode) });
  });

  router.delete('/blocked-words/:id', allow('blockedWords.manage'), async (req, res) => {
    res.json({ data: await removeWord(adminOf(res), pathId(req)) });
  });

  return router;
}
