import { ConfabError } from '@confab/sdk';
import type { RunningApi } from '@confab/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { startApiProcess, stopApiProcesses } from '../helpers/api-process.js';
import { closeSdkClients, recordChanges, sdkClient, until } from '../helpers/sdk.js';
import { textHistory } from '../helpers/history.js';
import { waitFor } from '../helpers/wait.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterEach(async () => {
  await closeSdkClients();
  await stopApiProcesses();
});

afterAll(async () => {
  await api?.close();
});

describe('sdk outbox', () => {
  it('stores each message once, in send order, when the api dies before and during the flush', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice', 'bob');
    let node = await startApiProcess();
    const port = node.port;
    const alice = sdkClient(node.url, { token: () => tenant.token('alice') });
    const bob = sdkClient(api.url, { token: await tenant.token('bob') });
    const bobChanges = recordChanges(bob);
    await Promise.all([alice.connect(), bob.connect()]);
    const chat = await alice.conversations.openDirect('bob');
    await until(bob.state.conversations(), (list) => list.length === 1, 'bob has the chat');

    await node.kill();
    await until(alice.state.connection(), (c) => c.status === 'reconnecting', 'alice offline');
    const texts = ['first while down', 'second while down', 'third while down'];
    const sends = texts.map((text) => alice.messages.send(chat.id, text));
    expect(
      alice.state
        .messages(chat.id)
        .get()
        .pending.map((e) => e.text),
    ).toEqual(texts);
    expect(
      alice.state
        .outbox()
        .get()
        .every((e) => e.status === 'pending'),
    ).toBe(true);

    // The api comes back on the same port; it dies again as soon as the first send is stored.
    let secondCrash: Promise<void> | undefined;
    alice.on('message', () => {
      secondCrash ??= (async () => {
        await node.kill();
        node = await startApiProcess({ port });
      })();
    });
    node = await startApiProcess({ port });
    const stored = await Promise.all(sends);
    await secondCrash;

    expect(stored.map((m) => m.text)).toEqual(texts);
    const seqs = stored.map((m) => m.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(3);
    expect(alice.state.outbox().get()).toEqual([]);

    const bobToken = await tenant.token('bob');
    expect((await textHistory(api.url, bobToken, chat.id)).map((m) => m.text)).toEqual(texts);
    await waitFor(() => bobChanges.filter((c) => c.type === 'message.new').length >= 3, {
      what: 'three messages at bob',
    });
    const atBob = bobChanges.filter((c) => c.type === 'message.new');
    expect(atBob.map((c) => c.seq)).toEqual(seqs);

    const again = await alice.request('message.send', {
      conversationId: chat.id,
      clientId: stored[1]!.clientId,
      text: texts[1]!,
    });
    expect(again).toMatchObject({ duplicate: true, message: { id: stored[1]!.id } });
  });

  it('stores a send once when the socket is cut after the server got it but before the answer', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann', 'ben');
    let cut = true;
    api.io.on('connection', (socket) => {
      socket.prependAny((event: string) => {
        if (event !== 'message.send' || !cut || socket.data.ctx?.tenant._id !== tenant.appId) {
          return;
        }
        cut = false;
        // The request still runs and is stored; its answer has no socket to go back on.
        socket.conn.close();
      });
    });
    const ann = sdkClient(api.url, { token: () => tenant.token('ann') });
    const ben = sdkClient(api.url, { token: await tenant.token('ben') });
    const benChanges = recordChanges(ben);
    await Promise.all([ann.connect(), ben.connect()]);
    const chat = await ann.conversations.openDirect('ben');

    const message = await ann.messages.send(chat.id, 'sent through a cut');
    const after = await ann.messages.send(chat.id, 'and one more');

    expect(cut).toBe(false);
    expect(after.seq).toBeGreaterThan(message.seq);
    const stored = await textHistory(api.url, await tenant.token('ben'), chat.id);
    expect(stored.map((m) => m.text)).toEqual(['sent through a cut', 'and one more']);
    await waitFor(() => benChanges.length >= 2, { what: 'both at ben' });
    expect(benChanges.map((c) => c.seq)).toEqual([message.seq, after.seq]);
  });

  it('marks a refused send failed, and offers retry and cancel', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('cleo');
    const cleo = sdkClient(api.url, { token: await tenant.token('cleo') });
    await cleo.connect();
    const nowhere = '0123456789abcdef01234567';

    await expect(cleo.messages.send(nowhere, 'into the void')).rejects.toMatchObject({
      code: 'not_found',
    });
    const [entry] = cleo.state.outbox().get();
    expect(entry).toMatchObject({ status: 'failed', error: { code: 'not_found' } });
    expect(cleo.state.messages(nowhere).get().pending).toHaveLength(1);

    await expect(cleo.messages.retry(entry!.clientId)).rejects.toBeInstanceOf(ConfabError);
    expect(cleo.messages.cancel(entry!.clientId)).toBe(true);
    expect(cleo.state.outbox().get()).toEqual([]);
  });
});
