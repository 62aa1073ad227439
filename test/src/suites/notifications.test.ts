import type { RunningApi, RunningWorker } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import type { Chat } from '../helpers/chat.js';
import { closeAllClients } from '../helpers/clients.js';
import { drained, startTestWorker } from '../helpers/jobs.js';
import { Receiver } from '../helpers/receiver.js';
import { waitFor } from '../helpers/wait.js';

interface Notification {
  id: string;
  type: string;
  data: { userId: string; conversationId: string; count: number; preview: { text: string } };
}

let api: RunningApi;
let worker: RunningWorker;
let receiver: Receiver;

beforeAll(async () => {
  api = await startTestApi();
  worker = await startTestWorker(api);
  receiver = await new Receiver().start();
});

afterAll(async () => {
  closeAllClients();
  await worker?.close();
  await api?.close();
  await receiver?.stop();
});

/** A chat whose tenant notifies after 300 ms, through a webhook on the receiver. */
async function notifyingChat(names: string[]): Promise<Chat> {
  const chat = await startChat(api, names);
  await chat.tenant.settings({ notifyDelaySeconds: 0.3 });
  const hook = await chat.tenant.server.post('/webhooks', {
    url: `${receiver.url}/hooks/${chat.tenant.appId}`,
    events: ['notification'],
  });
  expect(hook.status).toBe(201);
  return chat;
}

function notificationsFor(chat: Chat, userId?: string): Notification[] {
  return receiver.received
    .filter((r) => r.path === `/hooks/${chat.tenant.appId}`)
    .map((r) => JSON.parse(r.body) as Notification)
    .filter((n) => userId === undefined || n.data.userId === userId);
}

describe('offline delivery', () => {
  it('gives an offline member one notification for a burst of messages', async () => {
    const chat = await notifyingChat(['ada', 'ben']);
    chat.users.ben!.close();
    const direct = await chat.users.ada!.ok('conversation.openDirect', { userId: 'ben' });
    for (const text of ['one', 'two', 'three']) {
      await chat.users.ada!.ok('message.send', { conversationId: direct.id, clientId: text, text });
    }
    await waitFor(() => notificationsFor(chat, 'ben').length === 1, { what: 'a notification' });
    await drained(worker.queues);
    const [first] = notificationsFor(chat);
    expect(notificationsFor(chat)).toHaveLength(1);
    expect(first!.type).toBe('notification');
    expect(first!.data).toMatchObject({
      conversationId: direct.id,
      count: 3,
      preview: { text: 'three' },
    });

    await chat.users.ada!.ok('message.send', {
      conversationId: direct.id,
      clientId: 'four',
      text: 'four',
    });
    await waitFor(() => notificationsFor(chat, 'ben').length === 2, { what: 'a second one' });
    expect(notificationsFor(chat, 'ben')[1]!.data.count).toBe(4);
    expect(notificationsFor(chat, 'ada')).toEqual([]);
  });

  it('sends nothing when the message is read, recalled or deleted before the delay', async () => {
    const chat = await notifyingChat(['cal', 'dee', 'eve']);
    await chat.tenant.settings({ notifyDelaySeconds: 1 });
    const { cal, dee } = chat.users;
    const toDee = await cal!.ok('conversation.openDirect', { userId: 'dee' });
    const read = await cal!.ok('message.send', {
      conversationId: toDee.id,
      clientId: 'r',
      text: 'read it',
    });
    await dee!.ok('read.mark', { conversationId: toDee.id, seq: read.message.seq });

    const toEve = await cal!.ok('conversation.openDirect', { userId: 'eve' });
    const oops = await cal!.ok('message.send', {
      conversationId: toEve.id,
      clientId: 'o',
      text: 'oops',
    });
    await cal!.ok('message.recall', { conversationId: toEve.id, seq: oops.message.seq });
    const gone = await dee!.ok('message.send', {
      conversationId: toDee.id,
      clientId: 'g',
      text: 'gone',
    });
    await dee!.ok('message.delete', { conversationId: toDee.id, seq: gone.message.seq });

    await drained(worker.queues);
    expect(notificationsFor(chat)).toEqual([]);
  });

  it('leaves muted and departed members out', async () => {
    const chat = await notifyingChat(['fay', 'gus', 'hal', 'ida']);
    const { fay, gus, hal, ida } = chat.users;
    const g = await fay!.ok('conversation.createGroup', {
      title: 'Team',
      memberIds: ['gus', 'hal', 'ida'],
    });
    await hal!.ok('conversation.mute', { conversationId: g.id, muted: true });
    await ida!.ok('conversation.leave', { conversationId: g.id });
    for (const client of [gus!, hal!, ida!]) client.close();
    await fay!.ok('message.send', { conversationId: g.id, clientId: 'x', text: 'news' });

    await waitFor(() => notificationsFor(chat).length > 0, { what: 'a notification' });
    await drained(worker.queues);
    expect(notificationsFor(chat).map((n) => n.data.userId)).toEqual(['gus']);
  });

  it('fans a large group out to jobs in slices, notifying every offline member once', async () => {
    const chat = await notifyingChat(['host']);
    const names = Array.from({ length: 510 }, (_, i) => `n${String(i).padStart(3, '0')}`);
    await chat.tenant.server.post('/users', { users: names.map((id) => ({ id })) });
    const made = await chat.tenant.server.post('/conversations/groups', {
      ownerId: 'host',
      title: 'Crowd',
      memberIds: names,
    });
    const id = made.body.conversation.id as string;
    await chat.users.host!.ok('message.send', {
      conversationId: id,
      clientId: 'all',
      text: 'hello all',
    });

    await waitFor(() => notificationsFor(chat).length === names.length, {
      timeoutMs: 60_000,
      what: 'a notification per member',
    });
    await drained(worker.queues, 60_000);
    const recipients = notificationsFor(chat).map((n) => n.data.userId);
    expect(new Set(recipients).size).toBe(names.length);
    expect(recipients).toHaveLength(names.length);
    const slices = await worker.queues.queue('notifications').getJobs(['completed']);
    expect(slices.filter((job) => job.name === 'notify.members').length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
