import type { RequestResults } from '@confab/sdk';
import type { RunningApi } from '@confab/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { closeAllClients, connect } from '../helpers/clients.js';
import { closeSdkClients, sdkClient, textsOf, until } from '../helpers/sdk.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterEach(async () => {
  closeAllClients();
  await closeSdkClients();
});

afterAll(async () => {
  await api?.close();
});

describe('two devices of one user', () => {
  it('keep read marks and deletes-for-me in step', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice', 'bob');
    const alice = sdkClient(api.url, { token: await tenant.token('alice') });
    const phone = sdkClient(api.url, { token: await tenant.token('bob') });
    const laptop = sdkClient(api.url, { token: await tenant.token('bob') });
    await Promise.all([alice.connect(), phone.connect(), laptop.connect()]);
    const chat = await alice.conversations.openDirect('bob');
    const sent = [];
    for (const text of ['one', 'two', 'three']) sent.push(await alice.messages.send(chat.id, text));
    for (const device of [phone, laptop]) {
      device.state.messages(chat.id).subscribe(() => undefined);
      await until(device.state.unread(), (u) => u.total === 3, 'three unread on each device');
    }

    await phone.reads.mark(chat.id, sent[1]!.seq);
    for (const device of [phone, laptop]) {
      await until(device.state.unread(), (u) => u.total === 1, 'one unread left');
      const [listed] = device.state.conversations().get();
      expect(listed?.me).toMatchObject({ readSeq: sent[1]!.seq, unreadCount: 1 });
    }

    await laptop.messages.hide(chat.id, sent[0]!.seq);
    await until(phone.state.messages(chat.id), (v) => v.messages.length === 2, 'hidden on phone');
    for (const device of [phone, laptop])
      expect(textsOf(device, chat.id)).toEqual(['two', 'three']);
    expect(textsOf(alice, chat.id)).toEqual(['one', 'two', 'three']);

    await laptop.messages.hide(chat.id, sent[2]!.seq);
    for (const device of [phone, laptop]) {
      await until(device.state.unread(), (u) => u.total === 0, 'the unread one hidden');
    }
  });

  it('counts unread per conversation when one of two devices marks one read', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice', 'bob');
    const alice = sdkClient(api.url, { token: await tenant.token('alice') });
    await alice.connect();
    const x = await alice.conversations.createGroup({ title: 'X', memberIds: ['bob'] });
    const y = await alice.conversations.openDirect('bob');
    for (const text of ['x1', 'x2', 'x3']) await alice.messages.send(x.id, text);
    for (const text of ['y1', 'y2']) await alice.messages.send(y.id, text);

    const token = await tenant.token('bob');
    const one = sdkClient(api.url, { token });
    const two = sdkClient(api.url, { token });
    await Promise.all([one.connect(), two.connect()]);
    const before = { total: 5, byConversation: { [x.id]: 3, [y.id]: 2 } };
    expect(one.state.unread().get()).toEqual(before);
    expect(two.state.unread().get()).toEqual(before);

    await one.reads.mark(x.id);
    const after = { total: 2, byConversation: { [x.id]: 0, [y.id]: 2 } };
    expect(one.state.unread().get()).toEqual(after);
    await until(two.state.unread(), (u) => u.total === 2, 'the other device in step');
    expect(two.state.unread().get()).toEqual(after);
    const rest = await fetch(`${api.url}/v1/unread`, {
      headers: { authorization: `Bearer ${token}` },
    }).then((res) => res.json() as Promise<RequestResults['unread.get']>);
    expect(rest.total).toBe(2);
    const counts = rest.conversations.map((c) => [c.conversationId, c.unreadCount]);
    expect(Object.fromEntries(counts)).toEqual(after.byConversation);
  });

  it('shows a message read on one device as read on the other and in the receipt', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('a', 'b', 'c');
    const a = sdkClient(api.url, { token: await tenant.token('a') });
    const c = sdkClient(api.url, { token: await tenant.token('c') });
    const d2 = sdkClient(api.url, { token: await tenant.token('b') });
    await Promise.all([a.connect(), c.connect(), d2.connect()]);
    const d1 = await connect(api.url, await tenant.token('b'));
    const group = await a.conversations.createGroup({ title: 'G', memberIds: ['b', 'c'] });
    const message = await a.messages.send(group.id, 'please read');
    await until(d2.state.unread(), (u) => u.total === 1, 'b has it unread on D2');

    await d1.ok('read.mark', { conversationId: group.id, seq: message.seq });

    const [onD2] = (
      await until(d2.state.conversations(), (l) => l[0]?.me?.unreadCount === 0, 'D2')
    ).filter((conversation) => conversation.id === group.id);
    expect(onD2?.me?.readSeq).toBe(message.seq);
    const receipt = await a.reads.receipts({ conversationId: group.id, seq: message.seq });
    expect(receipt).toMatchObject({ userIds: ['b'], readCount: 1, unreadCount: 1 });
    const markers = a.state.readMarkers(group.id);
    markers.subscribe(() => undefined);
    await until(markers, (m) => (m[message.seq] ?? []).includes('b'), 'b after the message');
    expect(
      Object.values(markers.get())
        .flat()
        .filter((id) => id === 'b'),
    ).toHaveLength(1);
    expect(c.state.unread().get().total).toBe(1);
  });
});
