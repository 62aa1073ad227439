import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import type { Chat } from '../helpers/chat.js';
import type { TestClient } from '../helpers/clients.js';
import { closeAllClients } from '../helpers/clients.js';

const MEMBERS = 10_000;
const CONNECTED = 20;

let api: RunningApi;
let chat: Chat;
let bigId: string;
const ids = Array.from({ length: MEMBERS }, (_, i) => `m${String(i).padStart(5, '0')}`);

beforeAll(async () => {
  api = await startTestApi();
  chat = await startChat(api, ['owner']);
  for (let i = 0; i < ids.length; i += 1000) {
    const users = ids.slice(i, i + 1000).map((id) => ({ id }));
    const res = await chat.tenant.server.post('/users', { users });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  }
}, 300_000);

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

/** Median of the ack times of `count` sends, in ms. */
async function ackTimes(client: TestClient, conversationId: string, count: number, tag: string) {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await client.ok('message.send', {
      conversationId,
      clientId: `${tag}${i}`,
      text: `${tag} ${i}`,
    });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

describe('a group of ten thousand', () => {
  it('is filled by one server API call and every member is in it', async () => {
    const made = await chat.tenant.server.post('/conversations/groups', {
      ownerId: 'owner',
      title: 'Everyone',
    });
    expect(made.status).toBe(201);
    bigId = made.body.conversation.id;
    const added = await chat.tenant.server.post(`/conversations/${bigId}/members`, {
      userIds: ids,
    });
    expect(added.body).toEqual({ added: MEMBERS });

    const view = await chat.users.owner!.ok('conversation.get', { conversationId: bigId });
    expect(view).toMatchObject({ memberCount: MEMBERS + 1, large: true });
    const page = await chat.users.owner!.ok('member.list', { conversationId: bigId, limit: 100 });
    expect(page.members).toHaveLength(100);
    expect(page.next).not.toBeNull();
  }, 300_000);

  it('delivers to connected members, with an ack time that does not grow with the group', async () => {
    const members = await Promise.all(ids.slice(0, CONNECTED).map((id) => chat.device(id)));
    const owner = chat.users.owner!;
    const small = await owner.ok('conversation.createGroup', {
      title: 'Ten',
      memberIds: ids.slice(0, 9),
    });

    // Warm both paths once, then measure them in turns.
    await ackTimes(owner, small.id, 1, 'warm-small');
    await ackTimes(owner, bigId, 1, 'warm-big');
    const smallMs = await ackTimes(owner, small.id, 10, 'small');
    const bigMs = await ackTimes(owner, bigId, 10, 'big');
    console.log(
      `ack median: 10-member group ${smallMs.toFixed(1)} ms, ${MEMBERS + 1}-member group ${bigMs.toFixed(1)} ms`,
    );

    for (const member of members) {
      await member.waitFor(
        'message.new',
        (e) => e.conversationId === bigId && e.message.text === 'big 9',
      );
    }
    const unread = await members[0]!.ok('conversation.get', { conversationId: bigId });
    expect(unread.me!.unreadCount).toBe(11);
  }, 120_000);

  it('reads and receipts work on demand and read positions are not broadcast', async () => {
    const owner = chat.users.owner!;
    const { message } = await owner.ok('message.send', {
      conversationId: bigId,
      clientId: 'r',
      text: 'read me',
    });
    for (const id of ids.slice(0, 3)) {
      await (await chat.tenant.rest(id)).post(`/conversations/${bigId}/read`, { seq: message.seq });
    }
    const receipts = await owner.ok('receipt.get', {
      conversationId: bigId,
      seq: message.seq,
      limit: 2,
    });
    expect(receipts).toMatchObject({
      readCount: 3,
      unreadCount: MEMBERS - 3,
      userIds: ids.slice(0, 2),
    });
    const notYet = await owner.ok('receipt.get', {
      conversationId: bigId,
      seq: message.seq,
      state: 'unread',
      limit: 3,
    });
    expect(notYet.userIds).toEqual(ids.slice(3, 6));

    await owner.ok('message.send', {
      conversationId: bigId,
      clientId: 'after',
      text: 'after reads',
    });
    await owner.waitFor('message.new', (e) => e.message.text === 'after reads');
    expect(owner.events('member.read').filter((e) => e.conversationId === bigId)).toEqual([]);
    const liked = await (
      await chat.tenant.rest(ids[5]!)
    ).post(`/conversations/${bigId}/messages/${message.seq}/reactions`, {});
    expect(liked.body.reactions).toEqual([{ reaction: 'like', count: 1, sample: [ids[5]] }]);
  }, 120_000);
});
