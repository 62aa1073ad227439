import type { RunningApi } from '@confab/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { closeAllClients, connect } from '../helpers/clients.js';
import { waitFor } from '../helpers/wait.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

describe('tenant isolation', () => {
  it('hides a conversation of T1 from a token of T2, over realtime and REST', async () => {
    const t1 = await createTestTenant(api, 'T1');
    const t2 = await createTestTenant(api, 'T2');
    // The same user ids exist in both tenants: they are different people.
    await t1.addUsers('uma', 'vic');
    await t2.addUsers('uma', 'vic');
    const umaT1 = await connect(api.url, await t1.token('uma'));
    const umaT2 = await connect(api.url, await t2.token('uma'));

    const conversation = await umaT1.ok('conversation.openDirect', { userId: 'vic' });
    await umaT1.ok('message.send', {
      conversationId: conversation.id,
      clientId: 'a',
      text: 'T1 only',
    });

    for (const name of ['conversation.get', 'message.list'] as const) {
      const ack = await umaT2.request(name, { conversationId: conversation.id });
      expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    const write = await umaT2.request('message.send', {
      conversationId: conversation.id,
      clientId: 'b',
      text: 'from T2',
    });
    expect(write).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const rest = await request(api.http)
      .get(`/v1/conversations/${conversation.id}/messages`)
      .set('Authorization', `Bearer ${await t2.token('uma')}`);
    expect(rest.status).toBe(404);
    expect(rest.body.error.code).toBe('not_found');

    const openedInT2 = await umaT2.ok('conversation.openDirect', { userId: 'vic' });
    expect(openedInT2.id).not.toBe(conversation.id);
    expect((await umaT2.ok('conversation.list', {})).conversations.map((c) => c.id)).toEqual([
      openedInT2.id,
    ]);

    const history = await umaT1.ok('message.list', { conversationId: conversation.id });
    expect(history.messages.map((m) => m.text)).toEqual(['T1 only']);
    expect(umaT2.events('message.new')).toHaveLength(0);
  });
});

describe('membership', () => {
  it('refuses reads and sends from a non-member and stores nothing', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('amy', 'bo', 'cy');
    const amy = await connect(api.url, await tenant.token('amy'));
    const cy = await connect(api.url, await tenant.token('cy'));
    const group = await amy.ok('conversation.createGroup', { title: 'Private', memberIds: ['bo'] });
    await amy.ok('message.send', { conversationId: group.id, clientId: '1', text: 'members only' });

    const read = await cy.request('message.list', { conversationId: group.id });
    expect(read).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const send = await cy.request('message.send', {
      conversationId: group.id,
      clientId: 'x',
      text: 'let me in',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const rest = await request(api.http)
      .post(`/v1/conversations/${group.id}/messages`)
      .set('Authorization', `Bearer ${await tenant.token('cy')}`)
      .send({ clientId: 'y', text: 'over REST' });
    expect(rest.status).toBe(404);

    const history = await amy.ok('message.list', { conversationId: group.id });
    const texts = history.messages.filter((m) => m.type === 'text').map((m) => m.text);
    expect(texts).toEqual(['members only']);
    // Seq 1 is the system message that records the group's creation.
    expect((await amy.ok('conversation.get', { conversationId: group.id })).lastSeq).toBe(2);
    expect(cy.events('message.new')).toHaveLength(0);
  });
});

describe('connecting', () => {
  it('refuses an expired token with token_expired', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('old');
    const { signUserToken } = await import('@confab/server');
    const { token } = signUserToken(tenant.keyId, tenant.secret, 'old', -10);
    await expect(connect(api.url, token)).rejects.toMatchObject({
      message: expect.stringMatching(/expired/i),
      data: { code: 'token_expired' },
    });
  });

  it('ends a live session when its token expires, and nothing more reaches it (case 8)', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ava', 'bea');
    const { signUserToken } = await import('@confab/server');
    const { token } = signUserToken(tenant.keyId, tenant.secret, 'ava', 2);
    const ava = await connect(api.url, token);
    const bea = await connect(api.url, await tenant.token('bea'));
    const chat = await bea.ok('conversation.openDirect', { userId: 'ava' });
    await ava.waitFor('conversation.joined');

    const expired = await ava.waitFor('session.expired', () => true, 5_000);
    expect(expired.code).toBe('token_expired');
    await waitFor(() => !ava.socket.connected, { what: 'the expired socket cut' });
    await bea.ok('message.send', {
      conversationId: chat.id,
      clientId: 'late',
      text: 'still there?',
    });
    expect(ava.events('message.new')).toEqual([]);
    await expect(connect(api.url, token)).rejects.toMatchObject({
      data: { code: 'token_expired' },
    });
    // A fresh token picks up where the session left off.
    const back = await connect(api.url, await tenant.token('ava'));
    const missed = await back.ok('sync.conversation', { conversationId: chat.id, afterSeq: 0 });
    expect(missed.changes.map((c) => c.type === 'message.new' && c.message.text)).toEqual([
      'still there?',
    ]);
  });

  it('refuses a forged, a malformed and a missing token with clear codes', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('eve');
    const { signUserToken } = await import('@confab/server');
    const forged = signUserToken(tenant.keyId, 'not-the-secret', 'eve', 60).token;

    await expect(connect(api.url, forged)).rejects.toMatchObject({
      data: { code: 'token_invalid' },
    });
    await expect(connect(api.url, 'abc.def.ghi')).rejects.toMatchObject({
      data: { code: 'token_invalid' },
    });
    await expect(connect(api.url, '')).rejects.toMatchObject({ data: { code: 'unauthorized' } });
  });

  it('accepts a token the tenant signed itself with its key secret', async () => {
    const tenant = await createTestTenant(api);
    const { signUserToken } = await import('@confab/server');
    const { token } = signUserToken(tenant.keyId, tenant.secret, 'self-signed-user', 300);
    const client = await connect(api.url, token);
    expect((await client.ok('conversation.list', {})).conversations).toEqual([]);
  });

  it('refuses server API calls without the right key secret', async () => {
    const tenant = await createTestTenant(api);
    const wrong = `Basic ${Buffer.from(`${tenant.keyId}:wrong`).toString('base64')}`;
    const res = await request(api.http)
      .post('/server/v1/users')
      .set('Authorization', wrong)
      .send({
        users: [{ id: 'x' }],
      });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');

    const none = await request(api.http).post('/server/v1/tokens').send({ userId: 'x' });
    expect(none.status).toBe(401);
  });

  it('issues tokens only for users the tenant created', async () => {
    const tenant = await createTestTenant(api);
    const res = await tenant.server.post('/tokens', { userId: 'nobody' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
