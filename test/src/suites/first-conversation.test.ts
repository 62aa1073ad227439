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

describe('two users chat', () => {
  it('delivers a message live and both read the same history in seq order', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice', 'bob');
    const alice = await connect(api.url, await tenant.token('alice'));
    const bob = await connect(api.url, await tenant.token('bob'));

    const conversation = await alice.ok('conversation.openDirect', { userId: 'bob' });
    await waitFor(() => bob.events('conversation.joined').length > 0, {
      what: 'conversation.joined',
    });

    const texts = ['hi bob', 'how are you?', 'see you at 5'];
    for (const [index, text] of texts.entries()) {
      const sent = await alice.ok('message.send', {
        conversationId: conversation.id,
        clientId: `a-${index}`,
        text,
      });
      expect(sent.duplicate).toBe(false);
      expect(sent.message.senderId).toBe('alice');
    }
    const reply = await bob.ok('message.send', {
      conversationId: conversation.id,
      clientId: 'b-0',
      text: 'fine, thanks',
    });

    const live = await waitFor(
      () => (bob.events('message.new').length >= 4 ? bob.events('message.new') : undefined),
      { what: 'four live messages at bob' },
    );
    expect(live.map((event) => event.message.text)).toEqual([...texts, 'fine, thanks']);

    const historyA = await alice.ok('message.list', { conversationId: conversation.id });
    const historyB = await bob.ok('message.list', { conversationId: conversation.id });
    expect(historyA).toEqual(historyB);
    expect(historyA.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(historyA.messages.at(-1)).toEqual(reply.message);
    expect(historyA.hasMore).toBe(false);

    const viaRest = await request(api.http)
      .get(`/v1/conversations/${conversation.id}/messages`)
      .set('Authorization', `Bearer ${await tenant.token('bob')}`);
    expect(viaRest.status).toBe(200);
    expect(viaRest.body).toEqual(historyA);
  });

  it('gives a pair the same direct conversation whoever opens it', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('carol', 'dave');
    const carol = await connect(api.url, await tenant.token('carol'));
    const dave = await connect(api.url, await tenant.token('dave'));

    const [fromCarol, fromDave, again] = await Promise.all([
      carol.ok('conversation.openDirect', { userId: 'dave' }),
      dave.ok('conversation.openDirect', { userId: 'carol' }),
      carol.ok('conversation.openDirect', { userId: 'dave' }),
    ]);
    expect(fromDave.id).toBe(fromCarol.id);
    expect(again.id).toBe(fromCarol.id);
    expect(fromCarol.directUserIds).toEqual(['carol', 'dave']);

    const list = await dave.ok('conversation.list', {});
    expect(list.conversations.map((c) => c.id)).toEqual([fromCarol.id]);
  });

  it('pages history back and forward by seq', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('erin', 'frank');
    const erin = await connect(api.url, await tenant.token('erin'));
    const conversation = await erin.ok('conversation.openDirect', { userId: 'frank' });
    for (let i = 1; i <= 25; i += 1) {
      await erin.ok('message.send', {
        conversationId: conversation.id,
        clientId: `m${i}`,
        text: `n${i}`,
      });
    }

    const newest = await erin.ok('message.list', { conversationId: conversation.id, limit: 10 });
    expect(newest.messages.map((m) => m.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(newest.hasMore).toBe(true);

    const older = await erin.ok('message.list', {
      conversationId: conversation.id,
      beforeSeq: 16,
      limit: 10,
    });
    expect(older.messages.map((m) => m.seq)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const oldest = await erin.ok('message.list', {
      conversationId: conversation.id,
      beforeSeq: 6,
      limit: 10,
    });
    expect(oldest.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(oldest.hasMore).toBe(false);

    const forward = await erin.ok('message.list', {
      conversationId: conversation.id,
      afterSeq: 20,
      limit: 3,
    });
    expect(forward.messages.map((m) => m.seq)).toEqual([21, 22, 23]);
    expect(forward.hasMore).toBe(true);

    const listed = await erin.ok('conversation.list', {});
    expect(listed.conversations[0]?.lastMessage?.text).toBe('n25');
    expect(listed.conversations[0]?.lastSeq).toBe(25);
  });

  it('lists conversations by latest activity and pages them with a cursor', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('gina', 'p1', 'p2', 'p3');
    const gina = await connect(api.url, await tenant.token('gina'));
    const ids: string[] = [];
    for (const peer of ['p1', 'p2', 'p3']) {
      ids.push((await gina.ok('conversation.openDirect', { userId: peer })).id);
    }
    await gina.ok('message.send', { conversationId: ids[0]!, clientId: 'x', text: 'bump p1' });

    const first = await gina.ok('conversation.list', { limit: 2 });
    expect(first.conversations.map((c) => c.id)).toEqual([ids[0], ids[2]]);
    expect(first.next).not.toBeNull();
    const second = await gina.ok('conversation.list', { limit: 2, before: first.next! });
    expect(second.conversations.map((c) => c.id)).toEqual([ids[1]]);
    expect(second.next).toBeNull();
  });
});
