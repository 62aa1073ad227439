import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApi } from '../helpers/api.js';
import { startApiProcess } from '../helpers/api-process.js';
import type { ApiProcess } from '../helpers/api-process.js';
import { startChat } from '../helpers/chat.js';
import { closeAllClients, connect } from '../helpers/clients.js';
import { waitFor } from '../helpers/wait.js';

/** Short presence timings, so the suite sees every transition in about a second. */
const PRESENCE = { PRESENCE_GRACE_MS: '700', PRESENCE_HEARTBEAT_MS: '200' };

let api: RunningApi;
let other: ApiProcess | undefined;

beforeAll(async () => {
  api = await startTestApi(PRESENCE);
});

afterAll(async () => {
  closeAllClients();
  await other?.kill();
  await api?.close();
});

async function friends(names: string[]) {
  const chat = await startChat(api, names);
  const [first, ...rest] = names;
  await chat.tenant.server.post('/contacts', { userId: first, contactIds: rest });
  return chat;
}

describe('presence', () => {
  it('shows a user online while any device is connected and offline after the grace', async () => {
    const { tenant, users, device } = await friends(['bea', 'ada']);
    users.ada!.close();
    const watcher = users.bea!;
    await watcher.waitFor('presence.changed', (e) => e.userId === 'ada' && !e.online);
    watcher.forget();

    const tab1 = await device('ada');
    const tab2 = await device('ada');
    await watcher.waitFor('presence.changed', (e) => e.userId === 'ada' && e.online);
    tab1.close();
    const still = await watcher.ok('presence.get', { userIds: ['ada'] });
    expect(still.presence[0]!.online).toBe(true);

    const closedAt = Date.now();
    tab2.close();
    const offline = await watcher.waitFor(
      'presence.changed',
      (e) => e.userId === 'ada' && !e.online,
    );
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(650);
    expect(offline.lastSeenAt).not.toBeNull();
    const seen = await watcher.ok('presence.get', { userIds: ['ada'] });
    expect(seen.presence[0]).toMatchObject({ online: false, lastSeenAt: offline.lastSeenAt });

    // The store keeps last seen once Redis forgets it.
    const res = await (await tenant.rest('bea')).get('/contacts');
    expect(res.body.contacts[0]).toMatchObject({ userId: 'ada', online: false });
  });

  it('does not flap while a user reloads ten times in three seconds (case 5)', async () => {
    const { tenant, users } = await friends(['cid', 'aly']);
    const watcher = users.cid!;
    const token = await tenant.token('aly');
    users.aly!.close();
    let tab = await connect(api.url, token);
    for (let reload = 0; reload < 10; reload += 1) {
      tab.close();
      tab = await connect(api.url, token);
    }
    const second = await connect(api.url, token);
    expect((await watcher.ok('presence.get', { userIds: ['aly'] })).presence[0]!.online).toBe(true);

    const closedAt = Date.now();
    tab.close();
    second.close();
    await watcher.waitFor('presence.changed', (e) => e.userId === 'aly' && !e.online);
    const offline = watcher.timed('presence.changed').filter((e) => !e.payload.online);
    // The only offline came after the last tab closed: the reloads never flapped.
    expect(offline.filter((e) => e.payload.userId === 'aly').map((e) => e.at >= closedAt)).toEqual([
      true,
    ]);
    const after = await watcher.ok('presence.get', { userIds: ['aly'] });
    expect(after.presence[0]!.online).toBe(false);
  });

  it('stops counting the connections of an api node that died within a bounded time', async () => {
    const { tenant, users } = await friends(['dee', 'abe']);
    users.abe!.close();
    const watcher = users.dee!;
    await watcher.waitFor('presence.changed', (e) => e.userId === 'abe' && !e.online);
    watcher.forget();

    other = await startApiProcess({ env: PRESENCE });
    const onDoomedNode = await connect(other.url, await tenant.token('abe'));
    await watcher.waitFor('presence.changed', (e) => e.userId === 'abe' && e.online);
    expect(onDoomedNode.socket.connected).toBe(true);

    const killedAt = Date.now();
    await other.kill();
    other = undefined;
    await watcher.waitFor('presence.changed', (e) => e.userId === 'abe' && !e.online);
    // Entries live three heartbeats (600 ms) past the last renewal, then the grace (700 ms).
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    await waitFor(async () => {
      const now = await watcher.ok('presence.get', { userIds: ['abe'] });
      return now.presence[0]!.online === false;
    });
  });
});
