import type { RunningApi } from '@confab/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { listQuery, signedInStaff } from '../helpers/admin.js';
import { createTestTenant, startTestApi } from '../helpers/api.js';
import type { TestTenant } from '../helpers/api.js';
import { closeAllClients, connect } from '../helpers/clients.js';
import type { TestClient } from '../helpers/clients.js';
import { waitFor } from '../helpers/wait.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

interface Scene {
  tenant: TestTenant;
  troll: TestClient;
  victim: TestClient;
  chatId: string;
}

async function scene(): Promise<Scene> {
  const tenant = await createTestTenant(api);
  await tenant.addUsers('troll', 'victim');
  const troll = await connect(api.url, await tenant.token('troll'));
  const victim = await connect(api.url, await tenant.token('victim'));
  const chat = await troll.ok('conversation.openDirect', { userId: 'victim' });
  return { tenant, troll, victim, chatId: chat.id };
}

describe('message reports and the review queue', () => {
  it('takes reports over realtime and REST, once per reporter, never of your own', async () => {
    const { tenant, troll, victim, chatId } = await scene();
    const sent = await troll.ok('message.send', {
      conversationId: chatId,
      clientId: '1',
      text: 'buy now',
    });
    const target = { conversationId: chatId, seq: sent.message.seq };

    expect(await victim.ok('message.report', { ...target, reason: 'spam', note: 'ads' })).toEqual({
      reported: true,
    });
    const rest = await request(api.http)
      .post(`/v1/conversations/${chatId}/messages/${sent.message.seq}/report`)
      .set('Authorization', `Bearer ${await tenant.token('victim')}`)
      .send({ reason: 'abuse' });
    expect(rest.status).toBe(200);
    const own = await troll.request('message.report', { ...target, reason: 'spam' });
    expect(own).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const bad = await victim.request('message.report', { ...target, reason: 'boring' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const staff = await signedInStaff(api, tenant, 'viewer');
    const queue = await staff.get(`/flags${listQuery({ status: 'open' })}`);
    expect(queue.body.total).toBe(1);
    expect(queue.body.data[0]).toMatchObject({
      reporterId: 'victim',
      senderId: 'troll',
      reason: 'spam',
      note: 'ads',
      messageText: 'buy now',
    });
    const refused = await staff.post(`/flags/${queue.body.data[0].id}/resolve`, {
      action: 'dismiss',
    });
    expect(refused.status).toBe(403);
  });

  it('resolves by deleting the message: members see it go and the queue empties', async () => {
    const { tenant, troll, victim, chatId } = await scene();
    const sent = await troll.ok('message.send', {
      conversationId: chatId,
      clientId: '1',
      text: 'nasty',
    });
    await victim.ok('message.report', {
      conversationId: chatId,
      seq: sent.message.seq,
      reason: 'abuse',
    });
    const staff = await signedInStaff(api, tenant, 'moderator');
    const [flag] = (await staff.get('/flags')).body.data;

    const resolved = await staff.post(`/flags/${flag.id}/resolve`, { action: 'delete' });
    expect(resolved.body.data).toMatchObject({ status: 'deleted', messageText: '' });
    await waitFor(() => victim.events('message.deleted').length === 1, { what: 'message.deleted' });
    expect((await staff.get(`/flags${listQuery({ status: 'open' })}`)).body.total).toBe(0);
    const twice = await staff.post(`/flags/${flag.id}/resolve`, { action: 'dismiss' });
    expect(twice.body.error.code).toBe('conflict');
  });

  it('resolves by banning the sender, whose socket is cut', async () => {
    const { tenant, troll, victim, chatId } = await scene();
    const sent = await troll.ok('message.send', {
      conversationId: chatId,
      clientId: '1',
      text: 'threat',
    });
    await victim.ok('message.report', {
      conversationId: chatId,
      seq: sent.message.seq,
      reason: 'abuse',
    });
    const staff = await signedInStaff(api, tenant, 'moderator');
    const [flag] = (await staff.get('/flags')).body.data;

    const gone = new Promise((resolve) => troll.socket.once('disconnect', resolve));
    const resolved = await staff.post(`/flags/${flag.id}/resolve`, {
      action: 'ban',
      reason: 'threats',
    });
    expect(resolved.body.data.status).toBe('banned');
    await gone;
    const user = await staff.get('/users/troll');
    expect(user.body.data).toMatchObject({ banned: true, bannedReason: 'threats' });
  });

  it('dismisses a report and leaves the message alone', async () => {
    const { tenant, troll, victim, chatId } = await scene();
    const sent = await troll.ok('message.send', {
      conversationId: chatId,
      clientId: '1',
      text: 'fine',
    });
    await victim.ok('message.report', {
      conversationId: chatId,
      seq: sent.message.seq,
      reason: 'other',
    });
    const staff = await signedInStaff(api, tenant, 'moderator');
    const [flag] = (await staff.get('/flags')).body.data;
    expect(
      (await staff.post(`/flags/${flag.id}/resolve`, { action: 'dismiss' })).body.data.status,
    ).toBe('dismissed');
    const history = await victim.ok('message.list', { conversationId: chatId });
    expect(history.messages.map((m) => m.text)).toEqual(['fine']);
  });
});

describe('blocked words', () => {
  it('refuses or masks whole words, in any case, on send and edit', async () => {
    const { tenant, troll, victim, chatId } = await scene();
    const staff = await signedInStaff(api, tenant, 'moderator');
    expect((await staff.post('/blocked-words', { word: 'Scam', mode: 'refuse' })).status).toBe(201);
    expect((await staff.post('/blocked-words', { word: 'darn', mode: 'mask' })).status).toBe(201);
    expect(
      (await staff.post('/blocked-words', { word: 'scam', mode: 'mask' })).body.error.code,
    ).toBe('conflict');

    const refused = await troll.request('message.send', {
      conversationId: chatId,
      clientId: '1',
      text: 'a SCAM offer',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'blocked_word' } });
    const masked = await troll.ok('message.send', {
      conversationId: chatId,
      clientId: '2',
      text: 'Darn it, scammers and darning are fine',
    });
    expect(masked.message.text).toBe('**** it, scammers and darning are fine');
    const edit = await troll.request('message.edit', {
      conversationId: chatId,
      seq: masked.message.seq,
      text: 'scam!',
    });
    expect(edit).toMatchObject({ ok: false, error: { code: 'blocked_word' } });
    const history = await victim.ok('message.list', { conversationId: chatId });
    expect(history.messages.map((m) => m.text)).toEqual(['**** it, scammers and darning are fine']);

    const [word] = (await staff.get(`/blocked-words${listQuery({ q: 'scam' })}`)).body.data;
    await staff.delete(`/blocked-words/${word.id}`);
    await troll.ok('message.send', {
      conversationId: chatId,
      clientId: '3',
      text: 'scam is ok now',
    });
  });
});
