import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import { closeAllClients } from '../helpers/clients.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

describe('contacts', () => {
  it('requests, accepts and removes a contact, on every device of both users', async () => {
    const { users, device } = await startChat(api, ['ann', 'ben']);
    const annPhone = await device('ann');

    const asked = await users.ann!.ok('contact.request', { userId: 'ben' });
    expect(asked).toMatchObject({ userId: 'ben', status: 'outgoing', blocked: false });
    await annPhone.waitFor('contact.updated', (e) => e.userId === 'ben');
    await users.ben!.waitFor('contact.updated', (e) => e.userId === 'ann');
    expect((await users.ben!.ok('contact.list', {})).contacts).toMatchObject([
      { userId: 'ann', status: 'incoming' },
    ]);

    const accepted = await users.ben!.ok('contact.accept', { userId: 'ann' });
    expect(accepted.status).toBe('accepted');
    const annList = await annPhone.ok('contact.list', {});
    expect(annList.contacts).toMatchObject([{ userId: 'ben', status: 'accepted', online: true }]);

    expect(await users.ann!.ok('contact.remove', { userId: 'ben' })).toEqual({ removed: true });
    expect((await users.ben!.ok('contact.list', {})).contacts).toEqual([]);
    const again = await users.ann!.request('contact.remove', { userId: 'ben' });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('makes two users contacts at once when each asked the other', async () => {
    const { users } = await startChat(api, ['cat', 'dan']);
    await users.cat!.ok('contact.request', { userId: 'dan' });
    const crossed = await users.dan!.ok('contact.request', { userId: 'cat' });
    expect(crossed.status).toBe('accepted');
    expect((await users.cat!.ok('contact.list', {})).contacts[0]!.status).toBe('accepted');
  });

  it('declines a request, which the asker may make again', async () => {
    const { users } = await startChat(api, ['eve', 'fay']);
    await users.eve!.ok('contact.request', { userId: 'fay' });
    expect(await users.fay!.ok('contact.decline', { userId: 'eve' })).toEqual({ declined: true });
    expect((await users.eve!.ok('contact.list', {})).contacts).toEqual([]);
    const wrong = await users.eve!.request('contact.accept', { userId: 'fay' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await users.eve!.ok('contact.request', { userId: 'fay' })).status).toBe('outgoing');
  });

  it('keeps a blocked user from opening a direct chat or messaging in one', async () => {
    const { users } = await startChat(api, ['gia', 'hal', 'ivy']);
    const chat = await users.hal!.ok('conversation.openDirect', { userId: 'gia' });
    await users.gia!.ok('contact.block', { userId: 'hal' });

    const send = await users.hal!.request('message.send', {
      conversationId: chat.id,
      clientId: 'after-block',
      text: 'can you hear me?',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await users.gia!.ok('contact.block', { userId: 'ivy' });
    const open = await users.ivy!.request('conversation.openDirect', { userId: 'gia' });
    expect(open).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const ask = await users.hal!.request('contact.request', { userId: 'gia' });
    expect(ask).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The blocker can still write: the block is their choice, not a wall both ways.
    await users.gia!.ok('message.send', { conversationId: chat.id, clientId: 'g1', text: 'hi' });
    const history = await users.gia!.ok('message.list', { conversationId: chat.id });
    expect(history.messages.map((m) => m.text)).toEqual(['hi']);

    const listed = (await users.gia!.ok('contact.list', {})).contacts;
    expect(listed.map((c) => [c.userId, c.blocked])).toEqual([
      ['hal', true],
      ['ivy', true],
    ]);
    await users.gia!.ok('contact.unblock', { userId: 'hal' });
    await users.hal!.ok('message.send', { conversationId: chat.id, clientId: 'h2', text: 'back' });
  });

  it('lets the tenant backend set contacts from its own social graph', async () => {
    const { tenant, users } = await startChat(api, ['jon', 'kay', 'lou']);
    const set = await tenant.server.post('/contacts', {
      userId: 'jon',
      contactIds: ['kay', 'lou'],
    });
    expect(set.status).toBe(200);
    const jon = (await users.jon!.ok('contact.list', {})).contacts;
    expect(jon.map((c) => [c.userId, c.status])).toEqual([
      ['kay', 'accepted'],
      ['lou', 'accepted'],
    ]);
    await users.kay!.waitFor('contact.updated', (e) => e.userId === 'jon');

    const removed = await tenant.server.delete('/contacts', { userId: 'jon', contactIds: ['lou'] });
    expect(removed.status).toBe(200);
    expect((await users.lou!.ok('contact.list', {})).contacts).toEqual([]);

    const unknown = await tenant.server.post('/contacts', {
      userId: 'jon',
      contactIds: ['nobody'],
    });
    expect(unknown.status).toBe(404);
    expect((await users.jon!.ok('contact.list', {})).contacts).toHaveLength(1);
  });
});
