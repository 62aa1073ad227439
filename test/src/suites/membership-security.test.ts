import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import { closeAllClients, connect } from '../helpers/clients.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

describe('leaving', () => {
  it('sends a member who left nothing more, on any device, and refuses their later reads (case 6)', async () => {
    const { users, device } = await startChat(api, ['ari', 'bex', 'cruz']);
    const g = await users.ari!.ok('conversation.createGroup', {
      title: 'G',
      memberIds: ['bex', 'cruz'],
    });
    const bexPhone = await device('bex');
    const { message: posted } = await users.bex!.ok('message.send', {
      conversationId: g.id,
      clientId: 'b1',
      text: 'my last word',
    });

    await users.bex!.ok('conversation.leave', { conversationId: g.id });
    await bexPhone.waitFor('conversation.left', (e) => e.conversationId === g.id);
    bexPhone.forget();
    users.bex!.forget();

    await users.ari!.ok('message.send', {
      conversationId: g.id,
      clientId: 'a1',
      text: '@bex about that',
      replyToSeq: posted.seq,
      mentions: ['bex'],
    });
    await users.ari!.ok('typing.start', { conversationId: g.id });
    const seenByCruz = await users.cruz!.waitFor(
      'message.new',
      (e) => e.message.text === '@bex about that',
    );
    expect(seenByCruz.message.mentions).toEqual([]);
    // Cruz got it; had Bex's sockets still been in the room, Bex would have too by now. A
    // direct message sent after it reaches Bex, proving the line is open and in order.
    const direct = await users.ari!.ok('conversation.openDirect', { userId: 'bex' });
    await users.ari!.ok('message.send', { conversationId: direct.id, clientId: 'd', text: 'ping' });
    await bexPhone.waitFor('message.new', (e) => e.conversationId === direct.id);
    for (const client of [users.bex!, bexPhone]) {
      const fromGroup = client.received.filter(
        (r) => (r.payload as { conversationId?: string }).conversationId === g.id,
      );
      expect(fromGroup).toEqual([]);
    }

    const send = await bexPhone.request('message.send', {
      conversationId: g.id,
      clientId: 'b2',
      text: 'x',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const later = await bexPhone.request('message.list', {
      conversationId: g.id,
      afterSeq: posted.seq + 1,
    });
    expect(later).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const sync = await bexPhone.request('sync.conversation', {
      conversationId: g.id,
      afterSeq: posted.seq + 1,
    });
    expect(sync).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // What they saw before leaving stays theirs: history up to the leave.
    const past = await bexPhone.ok('message.list', { conversationId: g.id });
    expect(past.messages.map((m) => m.text)).toContain('my last word');
    expect(past.messages.map((m) => m.text)).not.toContain('@bex about that');
    expect((await bexPhone.ok('conversation.list', {})).conversations.map((c) => c.id)).toEqual([
      direct.id,
    ]);
  });
});

describe('who may post', () => {
  it('refuses non-members and the just-removed, read-only for members, open to staff (case 7)', async () => {
    const { tenant, users } = await startChat(api, ['mia', 'bo', 'cy', 'rem']);
    const g = await users.mia!.ok('conversation.createGroup', {
      title: 'Private',
      memberIds: ['bo', 'rem'],
    });
    await users.mia!.ok('member.remove', { conversationId: g.id, userId: 'rem' });
    const locked = await tenant.server.patch(`/conversations/${g.id}`, { readOnly: true });
    expect(locked.status).toBe(200);
    expect(locked.body.conversation.readOnly).toBe(true);
    await users.bo!.waitFor('conversation.updated', (e) => e.readOnly);

    const outsider = await users.cy!.request('message.send', {
      conversationId: g.id,
      clientId: 'c',
      text: 'hi',
    });
    expect(outsider).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const outsiderRest = await (
      await tenant.rest('cy')
    ).post(`/conversations/${g.id}/messages`, {
      clientId: 'c2',
      text: 'hi',
    });
    expect(outsiderRest.status).toBe(404);
    const removed = await users.rem!.request('message.send', {
      conversationId: g.id,
      clientId: 'r',
      text: 'hi',
    });
    expect(removed).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const member = await users.bo!.request('message.send', {
      conversationId: g.id,
      clientId: 'b',
      text: 'hi',
    });
    expect(member).toMatchObject({ ok: false, error: { code: 'read_only' } });

    const staff = await tenant.server.post(`/conversations/${g.id}/messages`, {
      senderId: 'mia',
      clientId: 'staff-1',
      text: 'Announcement',
    });
    expect(staff.status).toBe(201);
    const history = await users.bo!.ok('message.list', { conversationId: g.id });
    expect(history.messages.filter((m) => m.type === 'text').map((m) => m.text)).toEqual([
      'Announcement',
    ]);
  });
});

describe('the server decides order and sender', () => {
  it('orders 50 racing messages by seq, alike live and in history, ignoring a claimed sender (case 2)', async () => {
    const { users, device } = await startChat(api, ['ash', 'bay']);
    const chat = await users.ash!.ok('conversation.openDirect', { userId: 'bay' });
    const reader = await device('ash');
    const sends = Array.from({ length: 50 }, (_, i) => {
      const from = i % 2 ? users.bay! : users.ash!;
      return from.ok('message.send', {
        conversationId: chat.id,
        clientId: `race-${i}`,
        text: `m${i}`,
        // A client's clock and claims are not the server's: both are ignored.
        senderId: 'bay',
        createdAt: new Date(Date.now() + 120_000).toISOString(),
        seq: 1,
      } as never);
    });
    const acks = await Promise.all(sends);
    expect(acks[0]!.message.senderId).toBe('ash');
    expect(new Date(acks[0]!.message.createdAt).getTime()).toBeLessThan(Date.now() + 5_000);

    await reader.waitFor('message.new', () => reader.events('message.new').length === 50);
    const live = reader.events('message.new').map((e) => e.seq);
    const history = await reader.ok('message.list', { conversationId: chat.id, limit: 100 });
    expect(history.messages.map((m) => m.seq)).toEqual([...live].sort((a, b) => a - b));
    expect(live).toEqual([...live].sort((a, b) => a - b));
    for (const m of history.messages) {
      const index = Number(m.text.slice(1));
      expect(m.senderId).toBe(index % 2 ? 'bay' : 'ash');
    }
  });
});

describe('two tenants, one person', () => {
  it('lands every write in the tenant of its credential and hides T1 ids from T2 (case 13)', async () => {
    const t1 = await createTestTenant(api, 'T1');
    const t2 = await createTestTenant(api, 'T2');
    await t1.addUsers('u', 'friend');
    await t2.addUsers('u', 'friend');
    const uT1 = await connect(api.url, await t1.token('u'));
    const uT2 = await connect(api.url, await t2.token('u'));
    const friendT2 = await connect(api.url, await t2.token('friend'));
    const chatT1 = await uT1.ok('conversation.openDirect', { userId: 'friend' });
    await t2.server.post('/contacts', { userId: 'u', contactIds: ['friend'] });

    const inFlight = uT1.ok('message.send', {
      conversationId: chatT1.id,
      clientId: 'w',
      text: 'for T1',
    });
    const probes = await Promise.all([
      uT2.request('message.send', { conversationId: chatT1.id, clientId: 'w', text: 'for T2?' }),
      uT2.request('message.list', { conversationId: chatT1.id }),
      uT2.request('read.mark', { conversationId: chatT1.id, seq: 1 }),
      uT2.request('reaction.add', { conversationId: chatT1.id, seq: 1 }),
      uT2.request('member.list', { conversationId: chatT1.id }),
      uT2.request('sync.conversation', { conversationId: chatT1.id, afterSeq: 0 }),
    ]);
    for (const probe of probes)
      expect(probe).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const sent = await inFlight;
    expect(sent.message.conversationId).toBe(chatT1.id);

    expect((await uT2.ok('conversation.list', {})).conversations).toEqual([]);
    expect((await uT2.ok('unread.get', {})).total).toBe(0);
    // U is online in both; T2's friend hears nothing of T1's conversation.
    expect(friendT2.events('message.new')).toEqual([]);
    const t1History = await uT1.ok('message.list', { conversationId: chatT1.id });
    expect(t1History.messages.map((m) => m.text)).toEqual(['for T1']);
  });
});
