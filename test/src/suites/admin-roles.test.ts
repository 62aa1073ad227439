import { PERMISSIONS } from '@confab/server';
import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { listQuery, signedInStaff } from '../helpers/admin.js';
import type { Staff } from '../helpers/admin.js';
import { createTestTenant, startTestApi } from '../helpers/api.js';
import type { TestTenant } from '../helpers/api.js';
import { closeAllClients, connect } from '../helpers/clients.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

interface World {
  tenant: TestTenant;
  groupId: string;
  messageId: string;
  memberId: string;
  flagId: string;
  wordId: string;
  adminId: string;
}

/** A tenant with one of everything the console manages, made by its owner. */
async function world(): Promise<World & { owner: Staff }> {
  const tenant = await createTestTenant(api);
  await tenant.addUsers('ann', 'ben');
  const ann = await connect(api.url, await tenant.token('ann'));
  const ben = await connect(api.url, await tenant.token('ben'));
  const group = await ann.ok('conversation.createGroup', { title: 'G', memberIds: ['ben'] });
  const sent = await ann.ok('message.send', { conversationId: group.id, clientId: '1', text: 'x' });
  await ben.ok('message.report', {
    conversationId: group.id,
    seq: sent.message.seq,
    reason: 'spam',
  });
  const owner = await signedInStaff(api, tenant, 'owner');
  const members = await owner.get(`/members${listQuery({ conversationId: group.id })}`);
  const word = await owner.post('/blocked-words', { word: 'zzz', mode: 'mask' });
  const flags = await owner.get('/flags');
  const admins = await owner.get('/admins');
  return {
    tenant,
    owner,
    groupId: group.id,
    messageId: sent.message.id,
    memberId: members.body.data[0].id,
    flagId: flags.body.data[0].id,
    wordId: word.body.data.id,
    adminId: admins.body.data[0].id,
  };
}

type Call = [method: 'post' | 'put' | 'delete', path: string, body?: object];

/** Every change the admin API offers, aimed at the world's records. */
function changesOf(w: World, settings: object): Call[] {
  return [
    ['post', '/users', { id: 'new' }],
    ['put', '/users/ann', { name: 'Changed' }],
    ['post', '/users/ann/ban', { reason: 'r' }],
    ['post', '/users/ann/unban', { reason: 'r' }],
    ['post', '/users/ann/mute', { minutes: 5 }],
    ['post', '/users/ann/unmute'],
    ['post', '/users/ann/logout'],
    ['post', '/users/ann/deactivate'],
    ['post', '/users/ann/reactivate'],
    ['put', `/conversations/${w.groupId}`, { readOnly: true }],
    ['post', '/members', { conversationId: w.groupId, userId: 'ann' }],
    ['delete', `/members/${w.memberId}`],
    ['post', '/messages', { conversationId: w.groupId, text: 'staff' }],
    ['delete', `/messages/${w.messageId}`],
    ['post', `/flags/${w.flagId}/resolve`, { action: 'dismiss' }],
    ['post', '/blocked-words', { word: 'new', mode: 'refuse' }],
    ['put', `/blocked-words/${w.wordId}`, { mode: 'refuse' }],
    ['delete', `/blocked-words/${w.wordId}`],
    ['put', '/settings/tenant', settings],
    ['post', '/api-keys'],
    ['post', `/api-keys/${w.tenant.keyId}/rotate`, { overlapHours: 1 }],
    ['delete', `/api-keys/${w.tenant.keyId}`],
    ['post', '/admins', { email: 'n@example.test', role: 'viewer', password: 'long enough pass' }],
    ['put', `/admins/${w.adminId}`, { name: 'x', role: 'owner', status: 'active' }],
  ];
}

function call(staff: Staff, [method, path, body]: Call) {
  return method === 'delete' ? staff.delete(path) : staff[method](path, body ?? {});
}

describe('roles', () => {
  it('a viewer reads everything a viewer may, and changes nothing', async () => {
    const w = await world();
    const viewer = await signedInStaff(api, w.tenant, 'viewer');
    const settings = (await viewer.get('/settings/tenant')).body.data;
    const auditBefore = (await w.owner.get('/audit')).body.total;

    for (const path of ['/users', '/conversations', '/flags', '/blocked-words', '/dashboard']) {
      expect((await viewer.get(path)).status, path).toBe(200);
    }
    for (const path of ['/api-keys', '/admins', '/audit']) {
      expect((await viewer.get(path)).status, path).toBe(403);
    }
    for (const change of changesOf(w, settings)) {
      const res = await call(viewer, change);
      expect([res.status, res.body.error?.code], change.slice(0, 2).join(' ')).toEqual([
        403,
        'forbidden',
      ]);
    }

    expect((await w.owner.get('/audit')).body.total).toBe(auditBefore);
    expect((await w.owner.get('/users/ann')).body.data).toMatchObject({
      name: 'ann',
      banned: false,
      mutedUntil: null,
    });
    expect((await w.owner.get(`/messages/${w.messageId}`)).body.data.state).toBe('active');
    expect((await w.owner.get('/api-keys')).body.total).toBe(1);
  });

  it('a moderator moderates, but cannot manage keys, settings, members or staff', async () => {
    const w = await world();
    const moderator = await signedInStaff(api, w.tenant, 'moderator');
    const settings = (await moderator.get('/settings/tenant')).body.data;
    const refused = [
      '/users',
      '/users/ann',
      '/users/ann/deactivate',
      '/users/ann/reactivate',
      '/members',
      `/members/${w.memberId}`,
      '/settings/tenant',
      '/api-keys',
      `/api-keys/${w.tenant.keyId}/rotate`,
      `/api-keys/${w.tenant.keyId}`,
      '/admins',
      `/admins/${w.adminId}`,
    ];
    for (const change of changesOf(w, settings)) {
      const res = await call(moderator, change);
      const expected = refused.includes(change[1]) ? 403 : 'allowed';
      const got = res.status === 403 ? 403 : 'allowed';
      expect(got, `${change[0]} ${change[1]}: ${JSON.stringify(res.body)}`).toBe(expected);
    }
    expect((await moderator.get('/api-keys')).status).toBe(403);
  });

  it('an admin of another tenant sees nothing: lists are empty, records not found', async () => {
    const w = await world();
    const other = await createTestTenant(api, 'Other');
    // The same user id exists in both tenants; it is not the same person.
    await other.addUsers('ann');
    const stranger = await signedInStaff(api, other, 'owner');

    for (const path of [
      '/users/ben',
      `/conversations/${w.groupId}`,
      `/members/${w.memberId}`,
      `/messages/${w.messageId}`,
      `/flags/${w.flagId}`,
      `/blocked-words/${w.wordId}`,
      `/api-keys/${w.tenant.keyId}`,
      `/admins/${w.adminId}`,
    ]) {
      const res = await stranger.get(path);
      expect([res.status, res.body.error?.code], path).toEqual([404, 'not_found']);
    }
    for (const path of ['/conversations', '/flags', '/blocked-words']) {
      expect((await stranger.get(path)).body, path).toMatchObject({ total: 0, data: [] });
    }
    const members = await stranger.get(`/members${listQuery({ conversationId: w.groupId })}`);
    expect(members.body.total).toBe(0);
    const messages = await stranger.get(`/messages${listQuery({ conversationId: w.groupId })}`);
    expect(messages.body.total).toBe(0);
    expect((await stranger.get('/users')).body.data.map((u: { id: string }) => u.id)).toEqual([
      'ann',
    ]);

    const settings = (await stranger.get('/settings/tenant')).body.data;
    for (const change of changesOf(w, settings)) {
      const [method, path] = change;
      const creates =
        method === 'post' && ['/users', '/blocked-words', '/api-keys', '/admins'].includes(path);
      if (creates || path === '/settings/tenant' || path.startsWith('/users/ann')) continue;
      const res = await call(stranger, change);
      expect([res.status, res.body.error?.code], `${method} ${path}`).toEqual([404, 'not_found']);
    }
    expect((await w.owner.get(`/messages/${w.messageId}`)).body.data.state).toBe('active');
    expect((await w.owner.get('/flags')).body.data[0].status).toBe('open');
  });

  it('the permission table gives owners everything and viewers only view', () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      expect(roles, permission).toContain('owner');
      if (permission !== 'view') expect(roles, permission).not.toContain('viewer');
    }
  });
});
