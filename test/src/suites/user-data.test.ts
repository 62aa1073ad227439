import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import type { Chat } from '../helpers/chat.js';
import { closeAllClients, connect } from '../helpers/clients.js';
import { waitFor } from '../helpers/wait.js';
import { startWorkerProcess } from '../helpers/worker-process.js';
import type { WorkerProcess } from '../helpers/worker-process.js';

let api: RunningApi;
let worker: WorkerProcess;

// The worker runs apart, as in production: what it changes reaches sockets through Redis.
beforeAll(async () => {
  api = await startTestApi();
  worker = await startWorkerProcess();
});

afterAll(async () => {
  closeAllClients();
  await worker?.stop();
  await api?.close();
});

async function untilDone(chat: Chat, requestId: string) {
  return waitFor(
    async () => {
      const res = await chat.tenant.server.get(`/data-requests/${requestId}`);
      const request = res.body.request as { status: string };
      return request.status === 'done' || request.status === 'failed' ? res.body.request : false;
    },
    { timeoutMs: 30_000, what: `request ${requestId} done` },
  );
}

/** A user with messages in two conversations, a reaction and a contact. */
async function busyUser() {
  const chat = await startChat(api, ['una', 'vic', 'wes']);
  const { una, vic } = chat.users;
  const direct = await una!.ok('conversation.openDirect', { userId: 'vic' });
  const group = await vic!.ok('conversation.createGroup', {
    title: 'G',
    memberIds: ['una', 'wes'],
  });
  const mine = await una!.ok('message.send', {
    conversationId: direct.id,
    clientId: 'a',
    text: 'my words',
  });
  await una!.ok('message.send', { conversationId: group.id, clientId: 'b', text: 'more of mine' });
  const theirs = await vic!.ok('message.send', {
    conversationId: group.id,
    clientId: 'c',
    text: 'not hers',
  });
  await una!.ok('reaction.add', {
    conversationId: group.id,
    seq: theirs.message.seq,
    reaction: '🎉',
  });
  await chat.tenant.server.post('/contacts', { userId: 'una', contactIds: ['vic'] });
  return { chat, direct, group, mine, theirs };
}

describe('export', () => {
  it('archives a user’s profile, contacts, memberships, messages and reactions as JSON Lines', async () => {
    const { chat, direct, group } = await busyUser();
    const asked = await chat.tenant.server.post('/users/una/export', {});
    expect(asked.status).toBe(202);
    const done = await untilDone(chat, asked.body.request.id);
    expect(done).toMatchObject({
      kind: 'export',
      status: 'done',
      progress: { messages: 2, reactions: 1 },
    });

    const archive = await chat.tenant.server.get(`/data-requests/${asked.body.request.id}/archive`);
    expect(archive.headers['content-type']).toMatch(/application\/x-ndjson/);
    const records = archive.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const kinds = records.map((r) => r.kind);
    expect(kinds.filter((k) => k === 'user')).toHaveLength(1);
    expect(
      records
        .filter((r) => r.kind === 'message')
        .map((r) => r.text)
        .sort(),
    ).toEqual(['more of mine', 'my words']);
    expect(
      records
        .filter((r) => r.kind === 'membership')
        .map((r) => r.conversationId)
        .sort(),
    ).toEqual([direct.id, group.id].sort());
    expect(records.find((r) => r.kind === 'contact')).toMatchObject({
      userId: 'vic',
      status: 'accepted',
    });
    expect(records.find((r) => r.kind === 'reaction')).toMatchObject({ reaction: '🎉' });
    expect(archive.text).not.toContain('not hers');
  });

  it('refuses an unknown user and another tenant’s request', async () => {
    const { chat } = await busyUser();
    expect((await chat.tenant.server.post('/users/nobody/export', {})).status).toBe(404);
    const other = await startChat(api, ['una']);
    const mine = await chat.tenant.server.post('/users/una/export', {});
    const peek = await other.tenant.server.get(`/data-requests/${mine.body.request.id}`);
    expect(peek.status).toBe(404);
  });
});

describe('erase', () => {
  it('turns a user’s messages into tombstones for everyone, removes them everywhere, and cuts them off', async () => {
    const { chat, direct, group, mine, theirs } = await busyUser();
    const vic = chat.users.vic!;
    const una = chat.users.una!;
    const asked = await chat.tenant.server.post('/users/una/erase', {});
    expect(asked.status).toBe(202);
    const done = await untilDone(chat, asked.body.request.id);
    expect(done).toMatchObject({
      status: 'done',
      progress: { messages: 2, reactions: 1, memberships: 2 },
    });

    await vic.waitFor('message.deleted', (e) => e.message.seq === mine.message.seq);
    await waitFor(() => !una.socket.connected, { what: 'her socket cut' });
    const history = await vic.ok('message.list', { conversationId: direct.id });
    const hers = history.messages.find((m) => m.seq === mine.message.seq)!;
    expect(hers).toMatchObject({ state: 'deleted', text: '' });
    const groupView = await vic.ok('message.list', { conversationId: group.id });
    expect(groupView.messages.find((m) => m.seq === theirs.message.seq)!.reactions).toEqual([]);
    const members = await vic.ok('member.list', { conversationId: group.id });
    expect(members.members.map((m) => m.userId)).not.toContain('una');
    expect((await vic.ok('contact.list', {})).contacts).toEqual([]);

    const record = await chat.tenant.server.get('/users/una');
    expect(record.body.user).toMatchObject({ name: 'Deleted user', avatarUrl: null, custom: {} });
    await expect(connect(api.url, await chat.tenant.token('una'))).rejects.toMatchObject({
      data: { code: 'user_banned' },
    });
  });
});
