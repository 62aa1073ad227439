import type { RunningApi } from '@confab/server';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rawStore, startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import type { TestClient } from '../helpers/clients.js';
import { closeAllClients } from '../helpers/clients.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

async function send(client: TestClient, conversationId: string, count: number, tag: string) {
  const seqs: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const { message } = await client.ok('message.send', {
      conversationId,
      clientId: `${tag}${i}`,
      text: `${tag} ${i}`,
    });
    seqs.push(message.seq);
  }
  return seqs;
}

describe('read progress', () => {
  it('moves a read position only forward, from any device, and tells every device', async () => {
    const { users, device } = await startChat(api, ['ana', 'bob']);
    const chat = await users.ana!.ok('conversation.openDirect', { userId: 'bob' });
    const seqs = await send(users.ana!, chat.id, 3, 'm');
    const bobPhone = await device('bob');

    const first = await users.bob!.ok('read.mark', { conversationId: chat.id, seq: seqs[1]! });
    expect(first).toEqual({ readSeq: seqs[1], unreadCount: 1, totalUnread: 1 });
    const pushed = await bobPhone.waitFor('read.updated');
    expect(pushed).toMatchObject({ conversationId: chat.id, readSeq: seqs[1], unreadCount: 1 });

    const back = await bobPhone.ok('read.mark', { conversationId: chat.id, seq: seqs[0]! });
    expect(back.readSeq).toBe(seqs[1]);
    const beyond = await bobPhone.ok('read.mark', { conversationId: chat.id, seq: 1_000_000 });
    expect(beyond).toEqual({ readSeq: seqs[2], unreadCount: 0, totalUnread: 0 });

    const seen = await users.ana!.waitFor('member.read', (e) => e.readSeq === seqs[2]);
    expect(seen.userId).toBe('bob');
    const positions = await users.ana!.ok('read.positions', { conversationId: chat.id });
    expect(positions.positions).toEqual([
      { userId: 'ana', readSeq: 0 },
      { userId: 'bob', readSeq: seqs[2] },
    ]);
  });

  it('keeps the highest of 20 read marks sent at once from two devices, in one record', async () => {
    const { tenant, users, device } = await startChat(api, ['cal', 'dot']);
    const chat = await users.cal!.ok('conversation.openDirect', { userId: 'dot' });
    const seqs = await send(users.cal!, chat.id, 20, 'n');
    const phone = await device('dot');
    const marks = seqs.map((seq, i) =>
      (i % 2 ? phone : users.dot!).ok('read.mark', { conversationId: chat.id, seq }),
    );
    await Promise.all(marks);

    const view = await users.dot!.ok('conversation.get', { conversationId: chat.id });
    expect(view.me).toMatchObject({ readSeq: seqs[19], unreadCount: 0 });
    const store = await rawStore();
    try {
      const records = await store.db.collection('members').countDocuments({
        tenantId: tenant.appId,
        conversationId: new ObjectId(chat.id),
        userId: 'dot',
      });
      expect(records).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('marks one conversation read without touching another, on both SDK devices (case 3)', async () => {
    const { users, device, tenant } = await startChat(api, ['eli', 'flo']);
    const x = await users.eli!.ok('conversation.createGroup', { title: 'X', memberIds: ['flo'] });
    const y = await users.eli!.ok('conversation.createGroup', { title: 'Y', memberIds: ['flo'] });
    const xs = await send(users.eli!, x.id, 3, 'x');
    await send(users.eli!, y.id, 2, 'y');
    const second = await device('flo');

    await users.flo!.ok('read.mark', { conversationId: x.id, seq: xs[2]! });
    const expected = {
      total: 2,
      conversations: expect.arrayContaining([
        { conversationId: x.id, unreadCount: 0 },
        { conversationId: y.id, unreadCount: 2 },
      ]),
    };
    expect(await users.flo!.ok('unread.get', {})).toEqual(expected);
    expect(await second.ok('unread.get', {})).toEqual(expected);
    const pushed = await second.waitFor('read.updated');
    expect(pushed).toMatchObject({ conversationId: x.id, unreadCount: 0, totalUnread: 2 });
    const rest = await (await tenant.rest('flo')).get('/unread');
    expect(rest.body).toEqual(expected);
  });

  it('keeps unread counts right after deletes, recalls, hides and leaves', async () => {
    const { users } = await startChat(api, ['gil', 'hoa', 'ida']);
    const g = await users.gil!.ok('conversation.createGroup', {
      title: 'U',
      memberIds: ['hoa', 'ida'],
    });
    const seqs = await send(users.gil!, g.id, 4, 'u');
    await send(users.hoa!, g.id, 1, 'own');
    const count = async () =>
      (await users.hoa!.ok('conversation.get', { conversationId: g.id })).me!.unreadCount;
    expect(await count()).toBe(4);

    await users.gil!.ok('message.delete', { conversationId: g.id, seq: seqs[0]! });
    expect(await count()).toBe(3);
    await users.gil!.ok('message.recall', { conversationId: g.id, seq: seqs[1]! });
    expect(await count()).toBe(2);
    await users.hoa!.ok('message.hide', { conversationId: g.id, seq: seqs[2]! });
    expect(await count()).toBe(1);
    // Hoa's hide is Hoa's alone: Ida still counts u2 and Hoa's own message.
    expect((await users.ida!.ok('unread.get', {})).total).toBe(3);

    await users.hoa!.ok('conversation.leave', { conversationId: g.id });
    expect(await users.hoa!.ok('unread.get', {})).toEqual({ total: 0, conversations: [] });
  });

  it('leaves muted conversations out of the total but keeps their own count', async () => {
    const { users } = await startChat(api, ['jay', 'kim']);
    const chat = await users.jay!.ok('conversation.openDirect', { userId: 'kim' });
    await send(users.jay!, chat.id, 2, 'q');
    await users.kim!.ok('conversation.mute', { conversationId: chat.id, muted: true });
    expect(await users.kim!.ok('unread.get', {})).toEqual({
      total: 0,
      conversations: [{ conversationId: chat.id, unreadCount: 2 }],
    });
  });
});

describe('read receipts', () => {
  it('lists one reader once across two devices and who has not read (case 4)', async () => {
    const { users, device } = await startChat(api, ['amo', 'bea', 'cai']);
    const g = await users.amo!.ok('conversation.createGroup', {
      title: 'G',
      memberIds: ['bea', 'cai'],
    });
    const [seq] = await send(users.amo!, g.id, 1, 'r');
    const beaSdk = await device('bea');

    await users.bea!.ok('read.mark', { conversationId: g.id, seq: seq! });
    const onD2 = await beaSdk.ok('conversation.get', { conversationId: g.id });
    expect(onD2.me).toMatchObject({ readSeq: seq, unreadCount: 0 });

    const read = await users.amo!.ok('receipt.get', { conversationId: g.id, seq: seq! });
    expect(read).toEqual({ userIds: ['bea'], next: null, readCount: 1, unreadCount: 1 });
    const unread = await users.amo!.ok('receipt.get', {
      conversationId: g.id,
      seq: seq!,
      state: 'unread',
    });
    expect(unread.userIds).toEqual(['cai']);
    expect((await users.cai!.ok('unread.get', {})).total).toBe(1);
  });

  it('pages receipts and keeps read positions private to members in large groups', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    const { tenant, users } = await startChat(api, ['lead', ...names.slice(0, 2)]);
    await tenant.addUsers(...names.slice(2));
    await tenant.settings({ largeGroupThreshold: 5 });
    const g = await users.lead!.ok('conversation.createGroup', { title: 'Big', memberIds: names });
    expect(g.large).toBe(true);
    const [seq] = await send(users.lead!, g.id, 1, 'b');
    for (const name of names.slice(0, 7)) {
      await (await tenant.rest(name)).post(`/conversations/${g.id}/read`, { seq });
    }
    const firstPage = await users.lead!.ok('receipt.get', {
      conversationId: g.id,
      seq: seq!,
      limit: 4,
    });
    expect(firstPage).toMatchObject({ readCount: 7, unreadCount: 5 });
    expect(firstPage.userIds).toEqual(names.slice(0, 4));
    const next = await users.lead!.ok('receipt.get', {
      conversationId: g.id,
      seq: seq!,
      limit: 4,
      after: firstPage.next!,
    });
    expect(next.userIds).toEqual(names.slice(4, 7));
    expect(next.next).toBeNull();
    // Above the threshold, read positions are fetched, not broadcast: a message sent after the
    // marks reaches a member with no member.read before it.
    await send(users.lead!, g.id, 1, 'after');
    const watcher = users[names[0]!]!;
    await watcher.waitFor('message.new', (e) => e.message.text === 'after 0');
    expect(watcher.events('member.read')).toEqual([]);
    const outsider = await startChat(api, ['nosy']);
    const peek = await outsider.users.nosy!.request('receipt.get', {
      conversationId: g.id,
      seq: seq!,
    });
    expect(peek).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
