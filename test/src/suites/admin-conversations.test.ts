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

describe('conversations in the console', () => {
  it('lists conversations with filters, and their members', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann', 'ben', 'cat');
    const ann = await connect(api.url, await tenant.token('ann'));
    const group = await ann.ok('conversation.createGroup', { title: 'Team', memberIds: ['ben'] });
    await ann.ok('conversation.openDirect', { userId: 'cat' });
    const staff = await signedInStaff(api, tenant, 'viewer');

    const all = await staff.get('/conversations');
    expect(all.body.total).toBe(2);
    const groups = await staff.get(`/conversations${listQuery({ type: 'group' })}`);
    expect(groups.body.data.map((c: { title: string }) => c.title)).toEqual(['Team']);
    const bens = await staff.get(`/conversations${listQuery({ memberId: 'ben' })}`);
    expect(bens.body.data.map((c: { id: string }) => c.id)).toEqual([group.id]);

    const members = await staff.get(`/members${listQuery({ conversationId: group.id })}`);
    expect(members.body.total).toBe(2);
    expect(members.body.data.map((m: { userId: string }) => m.userId).sort()).toEqual([
      'ann',
      'ben',
    ]);
  });

  it('adds and removes members as members do: live events, nothing after removal', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann', 'ben', 'dan');
    const ann = await connect(api.url, await tenant.token('ann'));
    const dan = await connect(api.url, await tenant.token('dan'));
    const group = await ann.ok('conversation.createGroup', { title: 'Team', memberIds: ['ben'] });
    const staff = await signedInStaff(api, tenant, 'admin');

    const added = await staff.post('/members', { conversationId: group.id, userId: 'dan' });
    expect(added.status).toBe(201);
    expect(added.body.data).toMatchObject({ userId: 'dan', status: 'active' });
    await waitFor(() => dan.events('conversation.joined').length === 1, { what: 'dan joined' });

    const removed = await staff.delete(`/members/${added.body.data.id}`);
    expect(removed.body.data.status).toBe('removed');
    await waitFor(() => dan.events('conversation.left').length === 1, { what: 'dan left' });
    await ann.ok('message.send', { conversationId: group.id, clientId: 'after', text: 'secret' });
    const send = await dan.request('message.send', {
      conversationId: group.id,
      clientId: 'x',
      text: 'still here?',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(dan.events('message.new').some((e) => e.message.text === 'secret')).toBe(false);
  });

  it('read-only: members get read_only, outsiders not_found, staff posts go through', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('mia', 'bea', 'cal', 'rex');
    const mia = await connect(api.url, await tenant.token('mia'));
    const bea = await connect(api.url, await tenant.token('bea'));
    const cal = await connect(api.url, await tenant.token('cal'));
    const group = await mia.ok('conversation.createGroup', {
      title: 'Private',
      memberIds: ['bea', 'rex'],
    });
    const staff = await signedInStaff(api, tenant, 'moderator');
    const rex = (
      await staff.get(`/members${listQuery({ conversationId: group.id, userId: 'rex' })}`)
    ).body.data[0];
    const admin = await signedInStaff(api, tenant, 'admin');
    await admin.delete(`/members/${rex.id}`);

    const lock = await staff.put(`/conversations/${group.id}`, { readOnly: true });
    expect(lock.body.data.readOnly).toBe(true);

    const member = await bea.request('message.send', {
      conversationId: group.id,
      clientId: 'b',
      text: 'may I?',
    });
    expect(member).toMatchObject({ ok: false, error: { code: 'read_only' } });
    const outsider = await cal.request('message.send', {
      conversationId: group.id,
      clientId: 'c',
      text: 'let me in',
    });
    expect(outsider).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const [who, code] of [
      ['cal', 404],
      ['rex', 404],
      ['bea', 403],
    ] as const) {
      const rest = await request(api.http)
        .post(`/v1/conversations/${group.id}/messages`)
        .set('Authorization', `Bearer ${await tenant.token(who)}`)
        .send({ clientId: `rest-${who}`, text: 'over REST' });
      expect(rest.status).toBe(code);
    }

    const post = await staff.post('/messages', { conversationId: group.id, text: 'Staff notice' });
    expect(post.status).toBe(201);
    expect(post.body.data.senderId).toMatch(/^staff:adm_/);
    await waitFor(() => bea.events('message.new').some((e) => e.message.text === 'Staff notice'), {
      what: 'the staff post to reach a member',
    });
    const texts = (
      await staff.get(`/messages${listQuery({ conversationId: group.id, state: 'active' })}`)
    ).body.data
      .filter((m: { type: string }) => m.type === 'text')
      .map((m: { text: string }) => m.text);
    expect(texts).toEqual(['Staff notice']);
  });

  it("deletes a member's message for everyone, live, and the text is gone", async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann', 'ben');
    const ann = await connect(api.url, await tenant.token('ann'));
    const ben = await connect(api.url, await tenant.token('ben'));
    const chat = await ann.ok('conversation.openDirect', { userId: 'ben' });
    const sent = await ann.ok('message.send', {
      conversationId: chat.id,
      clientId: '1',
      text: 'something awful',
    });
    const staff = await signedInStaff(api, tenant, 'moderator');

    const deleted = await staff.delete(`/messages/${sent.message.id}`);
    expect(deleted.body.data).toMatchObject({ state: 'deleted', text: '' });
    const event = await waitFor(() => ben.events('message.deleted')[0], {
      what: 'message.deleted',
    });
    expect(event.message).toMatchObject({ id: sent.message.id, state: 'deleted', text: '' });
    const again = await staff.delete(`/messages/${sent.message.id}`);
    expect(again.body.error.code).toBe('message_removed');

    const history = await ben.ok('message.list', { conversationId: chat.id });
    expect(history.messages.map((m) => m.text)).toEqual(['']);
    const audit = await (
      await signedInStaff(api, tenant, 'admin')
    ).get(`/audit${listQuery({ action: 'message.delete' })}`);
    expect(audit.body.data[0]).toMatchObject({ targetId: sent.message.id });
    expect(JSON.stringify(audit.body.data[0])).not.toContain('awful');
  });
});
