import type { RunningApi } from '@confab/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { listQuery, signedInStaff } from '../helpers/admin.js';
import { createTestTenant, startTestApi } from '../helpers/api.js';
import { closeAllClients, connect } from '../helpers/clients.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

function basic(keyId: string, secret: string) {
  return `Basic ${Buffer.from(`${keyId}:${secret}`).toString('base64')}`;
}

describe('settings', () => {
  it('changes the policy at once for this node, validated, and audited', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann', 'ben');
    const ann = await connect(api.url, await tenant.token('ann'));
    const chat = await ann.ok('conversation.openDirect', { userId: 'ben' });
    const staff = await signedInStaff(api, tenant, 'admin');
    const current = (await staff.get('/settings/tenant')).body.data;
    expect(current).toMatchObject({
      id: 'tenant',
      appId: tenant.appId,
      recallWindowSeconds: 86_400,
    });

    const bad = await staff.put('/settings/tenant', {
      ...current,
      allowedOrigins: ['not an origin'],
    });
    expect(bad.body.error).toMatchObject({ code: 'invalid_input' });
    const changed = await staff.put('/settings/tenant', {
      ...current,
      maxMessageLength: 5,
      messagesPerMinute: 2,
      allowedOrigins: ['https://app.example'],
    });
    expect(changed.body.data).toMatchObject({ maxMessageLength: 5, messagesPerMinute: 2 });

    const long = await ann.request('message.send', {
      conversationId: chat.id,
      clientId: 'a',
      text: 'too long',
    });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // Every attempt counts against the limit, the refused one above included.
    await ann.ok('message.send', { conversationId: chat.id, clientId: 'b', text: 'one' });
    const third = await ann.request('message.send', {
      conversationId: chat.id,
      clientId: 'c',
      text: 'two',
    });
    expect(third).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(third.ok ? 0 : third.error.retryAfter).toBeGreaterThan(0);

    const [entry] = (await staff.get(`/audit${listQuery({ action: 'settings.update' })}`)).body
      .data;
    expect(entry.before).toEqual({
      maxMessageLength: 5000,
      messagesPerMinute: 0,
      allowedOrigins: [],
    });
    expect(entry.after).toEqual({
      maxMessageLength: 5,
      messagesPerMinute: 2,
      allowedOrigins: ['https://app.example'],
    });
  });
});

describe('API keys', () => {
  it('shows a new secret once, and a revoked key stops at once, sockets included', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann');
    const staff = await signedInStaff(api, tenant, 'admin');

    const made = await staff.post('/api-keys');
    expect(made.status).toBe(201);
    expect(made.body.data.secret).toMatch(/^[\w-]{40,}$/);
    const listed = await staff.get('/api-keys');
    expect(listed.body.total).toBe(2);
    expect(JSON.stringify(listed.body)).not.toContain(made.body.data.secret);
    expect(JSON.stringify(listed.body)).not.toContain(tenant.secret);

    const socket = await connect(api.url, await tenant.token('ann'));
    const gone = new Promise((resolve) => socket.socket.once('disconnect', resolve));
    expect((await staff.delete(`/api-keys/${tenant.keyId}`)).body.data.status).toBe('revoked');
    await gone;
    const server = await request(api.http)
      .get('/server/v1/users/ann')
      .set('Authorization', basic(tenant.keyId, tenant.secret));
    expect(server.status).toBe(401);
    const withNew = await request(api.http)
      .get('/server/v1/users/ann')
      .set('Authorization', basic(made.body.data.id, made.body.data.secret));
    expect(withNew.status).toBe(200);
  });

  it('rotates with an overlap: both keys work until the old one ends', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann');
    const staff = await signedInStaff(api, tenant, 'owner');

    const rotated = await staff.post(`/api-keys/${tenant.keyId}/rotate`, { overlapHours: 2 });
    expect(rotated.status).toBe(201);
    const fresh = rotated.body.data;
    const old = (await staff.get(`/api-keys/${tenant.keyId}`)).body.data;
    expect(old.status).toBe('active');
    expect(Date.parse(old.expiresAt)).toBeGreaterThan(Date.now() + 3_600_000);
    for (const [id, secret] of [
      [tenant.keyId, tenant.secret],
      [fresh.id, fresh.secret],
    ]) {
      const res = await request(api.http)
        .get('/server/v1/users/ann')
        .set('Authorization', basic(id, secret));
      expect(res.status).toBe(200);
    }

    const now = await staff.post(`/api-keys/${fresh.id}/rotate`, { overlapHours: 0 });
    const cut = await request(api.http)
      .get('/server/v1/users/ann')
      .set('Authorization', basic(fresh.id, fresh.secret));
    expect(cut.status).toBe(401);
    expect((await staff.get(`/api-keys/${now.body.data.id}`)).body.data.status).toBe('active');
  });
});

describe('staff accounts', () => {
  it('lets owners manage admins, and keeps one active owner', async () => {
    const tenant = await createTestTenant(api);
    const owner = await signedInStaff(api, tenant, 'owner');
    const me = (await owner.get('/session')).body.data;

    const made = await owner.post('/admins', {
      email: 'New@Example.test',
      role: 'viewer',
      password: 'long enough pass',
    });
    expect(made.body.data).toMatchObject({ email: 'new@example.test', role: 'viewer' });
    expect(made.body.data.passwordHash).toBeUndefined();
    const short = await owner.post('/admins', {
      email: 'x@example.test',
      role: 'viewer',
      password: 'short',
    });
    expect(short.body.error.code).toBe('invalid_input');

    const self = await owner.put(`/admins/${me.id}`, { name: '', role: 'admin', status: 'active' });
    expect(self.body.error.code).toBe('invalid_input');
    const promoted = await owner.put(`/admins/${made.body.data.id}`, {
      name: 'N',
      role: 'owner',
      status: 'active',
    });
    expect(promoted.body.data.role).toBe('owner');
    const list = await owner.get(`/admins${listQuery({ role: 'owner' })}`);
    expect(list.body.total).toBe(2);
  });
});

describe('dashboard', () => {
  it('counts messages per day, users online now, conversations and pending flags', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann', 'ben');
    const ann = await connect(api.url, await tenant.token('ann'));
    const ben = await connect(api.url, await tenant.token('ben'));
    const chat = await ann.ok('conversation.openDirect', { userId: 'ben' });
    const sent = await ann.ok('message.send', {
      conversationId: chat.id,
      clientId: '1',
      text: 'hi',
    });
    await ben.ok('message.send', { conversationId: chat.id, clientId: '2', text: 'hey' });
    await ben.ok('message.report', {
      conversationId: chat.id,
      seq: sent.message.seq,
      reason: 'spam',
    });
    const staff = await signedInStaff(api, tenant, 'viewer');

    const { data } = (await staff.get('/dashboard')).body;
    expect(data.messagesPerDay).toHaveLength(14);
    expect(data.messagesPerDay.at(-1)).toEqual({
      day: new Date().toISOString().slice(0, 10),
      count: 2,
    });
    expect(data).toMatchObject({
      onlineNow: 2,
      activeUsers: 2,
      users: 2,
      conversations: 1,
      pendingFlags: 1,
    });
    expect(data.queues.map((q: { name: string }) => q.name)).toEqual([
      'notifications',
      'webhooks',
      'maintenance',
    ]);
  });
});
