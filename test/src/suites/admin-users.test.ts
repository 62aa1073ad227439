import type { RunningApi } from '@confab/server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { listQuery, signedInStaff } from '../helpers/admin.js';
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

/** Resolves when the socket is cut by the server. */
function cut(socket: { once(event: 'disconnect', cb: (reason: string) => void): unknown }) {
  return new Promise<string>((resolve) => socket.once('disconnect', resolve));
}

describe('users in the console', () => {
  it('lists with search, filters, sort, range and a total', async () => {
    const tenant = await createTestTenant(api);
    await tenant.server.post('/users', {
      users: [
        { id: 'u1', name: 'Zed Alpha' },
        { id: 'u2', name: 'Amy Alpha' },
        { id: 'u3', name: 'Bob Beta' },
      ],
    });
    const staff = await signedInStaff(api, tenant, 'viewer');

    const page = await staff.get(
      `/users${listQuery({ q: 'alpha' }, { sort: 'name', order: 'ASC' })}`,
    );
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(2);
    expect(page.body.data.map((u: { id: string }) => u.id)).toEqual(['u2', 'u1']);

    const second = await staff.get(
      `/users${listQuery({}, { sort: 'id', order: 'DESC', start: '1', end: '2' })}`,
    );
    expect(second.body).toMatchObject({ total: 3, data: [{ id: 'u2' }] });

    const many = await staff.get(`/users${listQuery({ id: ['u3', 'nobody'] })}`);
    expect(many.body.data.map((u: { id: string }) => u.id)).toEqual(['u3']);

    const bad = await staff.get(`/users${listQuery({}, { sort: 'custom' })}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
  });

  it('creates and edits users, and writes each change to the audit log', async () => {
    const tenant = await createTestTenant(api);
    const staff = await signedInStaff(api, tenant, 'admin');

    const made = await staff.post('/users', { id: 'new-user', name: 'New' });
    expect(made.status).toBe(201);
    expect((await staff.post('/users', { id: 'new-user' })).body.error.code).toBe('conflict');
    const edited = await staff.put('/users/new-user', { name: 'Renamed', avatarUrl: '' });
    expect(edited.body.data).toMatchObject({ id: 'new-user', name: 'Renamed', avatarUrl: null });
    const invalid = await staff.put('/users/new-user', { name: '' });
    expect(invalid.body.error.code).toBe('invalid_input');
    for (const avatarUrl of ['javascript:alert(1)', 'data:text/html,<b>x</b>']) {
      const script = await staff.put('/users/new-user', { name: 'N', avatarUrl });
      expect(script.body.error).toMatchObject({ code: 'invalid_input' });
    }

    const log = await staff.get(`/audit${listQuery({ targetId: 'new-user' })}`);
    expect(log.body.data.map((e: { action: string }) => e.action)).toEqual([
      'user.edit',
      'user.create',
    ]);
    expect(log.body.data[0]).toMatchObject({
      actorEmail: staff.email,
      targetType: 'user',
      before: { name: 'New' },
      after: { name: 'Renamed' },
    });
  });

  it('bans a user: every socket is cut at once and a reconnect is refused', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('bad', 'good');
    const token = await tenant.token('bad');
    const phone = await connect(api.url, token);
    const laptop = await connect(api.url, token);
    const staff = await signedInStaff(api, tenant, 'moderator');

    const cuts = [cut(phone.socket), cut(laptop.socket)];
    const ban = await staff.post('/users/bad/ban', { reason: 'spam links' });
    expect(ban.status).toBe(200);
    expect(ban.body.data).toMatchObject({ banned: true, bannedReason: 'spam links' });
    expect(await Promise.all(cuts)).toEqual(['io server disconnect', 'io server disconnect']);

    await expect(connect(api.url, token)).rejects.toMatchObject({ data: { code: 'user_banned' } });
    const rest = await request(api.http)
      .get('/v1/conversations')
      .set('Authorization', `Bearer ${token}`);
    expect(rest.body.error.code).toBe('user_banned');

    const banned = await staff.get(`/users${listQuery({ banned: true })}`);
    expect(banned.body.data.map((u: { id: string }) => u.id)).toEqual(['bad']);

    expect((await staff.post('/users/bad/unban', { reason: 'appeal' })).status).toBe(200);
    (await connect(api.url, token)).close();
  });

  it('mutes for a while: sends are refused with user_muted, reading still works', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('loud', 'quiet');
    const loud = await connect(api.url, await tenant.token('loud'));
    const chat = await loud.ok('conversation.openDirect', { userId: 'quiet' });
    const staff = await signedInStaff(api, tenant, 'moderator');

    const mute = await staff.post('/users/loud/mute', { minutes: 30 });
    expect(mute.body.data.mutedUntil).toBeTruthy();
    const send = await loud.request('message.send', {
      conversationId: chat.id,
      clientId: 'm1',
      text: 'hello?',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'user_muted' } });
    expect(send.ok ? 0 : send.error.retryAfter).toBeGreaterThan(29 * 60);
    expect((await loud.request('message.list', { conversationId: chat.id })).ok).toBe(true);

    const muted = await staff.get(`/users${listQuery({ muted: true })}`);
    expect(muted.body.data.map((u: { id: string }) => u.id)).toEqual(['loud']);

    await staff.post('/users/loud/unmute');
    await loud.ok('message.send', { conversationId: chat.id, clientId: 'm2', text: 'back' });
  });

  it('forces a logout: sockets are cut and tokens issued before it are refused', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('lost-phone');
    const old = await tenant.token('lost-phone');
    const socket = await connect(api.url, old);
    const staff = await signedInStaff(api, tenant, 'moderator');

    const gone = cut(socket.socket);
    expect((await staff.post('/users/lost-phone/logout')).status).toBe(200);
    await gone;
    await expect(connect(api.url, old)).rejects.toMatchObject({ data: { code: 'token_revoked' } });

    // Tokens count whole seconds: one signed in the second of the logout is refused too.
    const fresh = await waitFor(
      async () => {
        const token = await tenant.token('lost-phone');
        return connect(api.url, token).catch(() => undefined);
      },
      { intervalMs: 200, what: 'a token issued after the logout to connect' },
    );
    fresh.close();
  });

  it('deactivates and reactivates (managers only)', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('leaver');
    const token = await tenant.token('leaver');
    const socket = await connect(api.url, token);
    const moderator = await signedInStaff(api, tenant, 'moderator');
    const admin = await signedInStaff(api, tenant, 'admin');

    expect((await moderator.post('/users/leaver/deactivate')).status).toBe(403);
    const gone = cut(socket.socket);
    expect((await admin.post('/users/leaver/deactivate')).body.data.deactivated).toBe(true);
    await gone;
    await expect(connect(api.url, token)).rejects.toMatchObject({
      data: { code: 'user_deactivated' },
    });
    await admin.post('/users/leaver/reactivate');
    (await connect(api.url, token)).close();
  });
});
