import type { Message } from '@confab/sdk/protocol';
import type { RunningApi } from '@confab/server';
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

describe('concurrent sends into one group', () => {
  it('gives 200 concurrent messages from 4 users unique seqs in one agreed order', async () => {
    const tenant = await createTestTenant(api);
    const users = ['u1', 'u2', 'u3', 'u4'];
    await tenant.addUsers(...users, 'watcher');
    const clients = await Promise.all(
      users.map(async (id) => connect(api.url, await tenant.token(id))),
    );
    const watcher = await connect(api.url, await tenant.token('watcher'));
    const group = await clients[0]!.ok('conversation.createGroup', {
      title: 'Load',
      memberIds: [...users.slice(1), 'watcher'],
    });
    await waitFor(() => watcher.events('conversation.joined').length === 1, {
      what: 'watcher joined',
    });

    const acks = await Promise.all(
      clients.flatMap((client, u) =>
        Array.from({ length: 50 }, (_, i) =>
          // Two hundred sends queue behind each other; on a loaded machine the last ack can
          // take a while, and this test is about order, not speed.
          client.ok(
            'message.send',
            { conversationId: group.id, clientId: `c${u}-${i}`, text: `${u}:${i}` },
            90_000,
          ),
        ),
      ),
    );

    const seqs = acks.map((ack) => ack.message.seq);
    expect(new Set(seqs).size).toBe(200);
    expect(acks.every((ack) => !ack.duplicate)).toBe(true);

    const history: Message[] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const page = await watcher.ok('message.list', {
        conversationId: group.id,
        limit: 100,
        beforeSeq,
      });
      history.unshift(...page.messages.filter((m) => m.type === 'text'));
      if (!page.hasMore) break;
      beforeSeq = page.messages[0]!.seq;
    }
    expect(history).toHaveLength(200);
    const historySeqs = history.map((m) => m.seq);
    expect(historySeqs).toEqual([...historySeqs].sort((a, b) => a - b));
    expect(new Set(historySeqs)).toEqual(new Set(seqs));

    const everyone = [...clients, watcher];
    const texts = (c: (typeof everyone)[number]) =>
      c.events('message.new').filter((e) => e.message.type === 'text');
    await waitFor(() => everyone.every((c) => texts(c).length === 200), {
      what: 'all 200 messages at every client',
    });
    const seen = everyone.map((c) => texts(c).map((e) => e.seq));
    for (const order of seen) expect(order).toEqual(seen[0]);
    expect([...seen[0]!].sort((a, b) => a - b)).toEqual(historySeqs);

    // Each sender's own messages are stored in the order they were sent.
    for (const [u] of users.entries()) {
      const own = history.filter((m) => m.senderId === users[u]).map((m) => m.text);
      expect(own).toHaveLength(50);
    }
  }, 120_000);
});

describe('idempotent sends', () => {
  it('stores one message for a client id sent three times in a row and three times at once', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann', 'ben');
    const ann = await connect(api.url, await tenant.token('ann'));
    const ben = await connect(api.url, await tenant.token('ben'));
    const conversation = await ann.ok('conversation.openDirect', { userId: 'ben' });
    const send = { conversationId: conversation.id, text: 'once only' };

    const inRow = [];
    for (let i = 0; i < 3; i += 1)
      inRow.push(await ann.ok('message.send', { ...send, clientId: 'row' }));
    const atOnce = await Promise.all(
      [0, 1, 2].map(() => ann.ok('message.send', { ...send, clientId: 'burst' })),
    );

    for (const acks of [inRow, atOnce]) {
      expect(new Set(acks.map((a) => a.message.id)).size).toBe(1);
      expect(new Set(acks.map((a) => a.message.seq)).size).toBe(1);
      expect(acks.filter((a) => !a.duplicate)).toHaveLength(1);
    }

    const history = await ben.ok('message.list', { conversationId: conversation.id });
    expect(history.messages.map((m) => m.clientId)).toEqual(['row', 'burst']);
    await waitFor(() => ben.events('message.new').length === 2, { what: 'two live messages' });
    expect(ben.events('message.new').map((e) => e.message.clientId)).toEqual(['row', 'burst']);
  });

  it('ignores a sender named in the payload: the sender is the authenticated user', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann', 'ben');
    const ann = await connect(api.url, await tenant.token('ann'));
    const conversation = await ann.ok('conversation.openDirect', { userId: 'ben' });
    const ack = await ann.request('message.send', {
      conversationId: conversation.id,
      clientId: 'spoof',
      text: 'who am I',
      senderId: 'ben',
    });
    expect(ack.ok && ack.data.message.senderId).toBe('ann');
  });
});
