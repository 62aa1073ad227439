import { MemoryStorage } from '@confab/sdk';
import type { Message } from '@confab/sdk';
import { signUserToken } from '@confab/server';
import type { RunningApi } from '@confab/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { closeSdkClients, sdkClient, until } from '../helpers/sdk.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterEach(async () => {
  await closeSdkClients();
});

afterAll(async () => {
  await api?.close();
});

async function texts(token: string, conversationId: string): Promise<string[]> {
  const res = await fetch(`${api.url}/v1/conversations/${conversationId}/messages`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { messages: Message[] }).messages.map((m) => m.text);
}

describe('sdk across tenants', () => {
  it('lands a write in flight in its own tenant and shows the other tenant nothing of it', async () => {
    const t1 = await createTestTenant(api, 'T1');
    const t2 = await createTestTenant(api, 'T2');
    await t1.addUsers('uma', 'vic');
    await t2.addUsers('uma', 'vic');
    const device = new MemoryStorage();

    const inT1 = sdkClient(api.url, { token: await t1.token('uma'), storage: device });
    await inT1.connect();
    const chat = await inT1.conversations.openDirect('vic');
    await inT1.messages.send(chat.id, 'settled in T1');
    void inT1.messages.send(chat.id, 'in flight during the switch');
    await inT1.close();

    const inT2 = sdkClient(api.url, { token: await t2.token('uma'), storage: device });
    await inT2.connect();
    expect(inT2.state.conversations().get()).toEqual([]);
    expect(inT2.state.outbox().get()).toEqual([]);
    await expect(inT2.conversations.get(chat.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(inT2.messages.list({ conversationId: chat.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(inT2.messages.send(chat.id, 'T1 id used from T2')).rejects.toMatchObject({
      code: 'not_found',
    });
    await inT2.close();

    // Back in T1 on the same device: whatever was in flight is stored there, once.
    const back = sdkClient(api.url, { token: await t1.token('uma'), storage: device });
    await back.connect();
    await until(back.state.outbox(), (entries) => entries.length === 0, 'T1 outbox empty');
    expect(await texts(await t1.token('vic'), chat.id)).toEqual([
      'settled in T1',
      'in flight during the switch',
    ]);
    const t2Chats = await fetch(`${api.url}/v1/conversations`, {
      headers: { authorization: `Bearer ${await t2.token('uma')}` },
    }).then((res) => res.json() as Promise<{ conversations: unknown[] }>);
    expect(t2Chats.conversations).toEqual([]);
  });

  it('refuses a token of another tenant from the provider instead of switching to it', async () => {
    const t1 = await createTestTenant(api, 'T1');
    const t2 = await createTestTenant(api, 'T2');
    await t1.addUsers('uma');
    await t2.addUsers('uma');
    let calls = 0;
    const client = sdkClient(api.url, {
      token: () => {
        calls += 1;
        const tenant = calls === 1 ? t1 : t2;
        return signUserToken(tenant.keyId, tenant.secret, 'uma', 2).token;
      },
    });
    await client.connect();
    const failed = await until(client.state.connection(), (c) => c.status === 'failed', 'refusal');
    expect(failed.error?.code).toBe('identity_changed');
  });
});
