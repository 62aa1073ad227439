import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signedInStaff } from '../helpers/admin.js';
import { createTestTenant, startTestApi } from '../helpers/api.js';
import type { TestTenant } from '../helpers/api.js';
import { startApiProcess, stopApiProcesses } from '../helpers/api-process.js';
import type { ApiProcess } from '../helpers/api-process.js';
import { openBalancer } from '../helpers/balancer.js';
import type { Balancer } from '../helpers/balancer.js';
import { closeAllClients, connect } from '../helpers/clients.js';
import type { TestClient } from '../helpers/clients.js';
import { textHistory } from '../helpers/history.js';
import { closeSdkClients, sdkClient, textsOf } from '../helpers/sdk.js';
import { waitFor } from '../helpers/wait.js';
import { startWorkerProcess } from '../helpers/worker-process.js';
import type { WorkerProcess } from '../helpers/worker-process.js';

/**
 * Short presence timings, so a dead node's users lapse in about two seconds: entries live
 * three heartbeats past the last renewal, then the grace runs.
 */
const GRACE_MS = 1_000;
const HEARTBEAT_MS = 300;
const OFFLINE_BOUND_MS = 3 * HEARTBEAT_MS + GRACE_MS;
const NODE_ENV = {
  PRESENCE_GRACE_MS: String(GRACE_MS),
  PRESENCE_HEARTBEAT_MS: String(HEARTBEAT_MS),
  // Counted in Redis, so a user's typing is limited across every node together.
  RATE_TYPING_PER_10S: '3',
};

/** The api the suite sets tenants up through; the users connect to the three nodes. */
let setup: RunningApi;
let nodes: ApiProcess[] = [];
let worker: WorkerProcess;
const balancers: Balancer[] = [];

beforeAll(async () => {
  setup = await startTestApi(NODE_ENV);
  [worker, ...nodes] = await Promise.all([
    startWorkerProcess(NODE_ENV),
    startApiProcess({ env: NODE_ENV }),
    startApiProcess({ env: NODE_ENV }),
    startApiProcess({ env: NODE_ENV }),
  ]);
}, 60_000);

afterAll(async () => {
  closeAllClients();
  await closeSdkClients();
  for (const balancer of balancers) await balancer.close();
  await stopApiProcesses();
  await worker?.kill();
  await setup?.close();
});

async function on(node: ApiProcess, tenant: TestTenant, userId: string): Promise<TestClient> {
  return connect(node.url, await tenant.token(userId));
}

function cut(client: TestClient): Promise<string> {
  return new Promise((resolve) => client.socket.once('disconnect', resolve));
}

describe('three api nodes and a worker sharing rooms through Redis', () => {
  it('delivers messages, typing and presence between users on different nodes', async () => {
    const [one, two, three] = nodes as [ApiProcess, ApiProcess, ApiProcess];
    const tenant = await createTestTenant(setup);
    await tenant.addUsers('ann', 'bob', 'cid', 'eve');
    await tenant.server.post('/contacts', { userId: 'ann', contactIds: ['bob', 'cid', 'eve'] });
    const ann = await on(one, tenant, 'ann');
    const bob = await on(two, tenant, 'bob');
    const cid = await on(three, tenant, 'cid');

    const group = await ann.ok('conversation.createGroup', {
      title: 'Across nodes',
      memberIds: ['bob', 'cid'],
    });
    // The members' sockets on the other nodes joined the new group's room.
    await bob.waitFor('conversation.joined', (e) => e.conversationId === group.id);
    await cid.waitFor('conversation.joined', (e) => e.conversationId === group.id);
    const sent = await ann.ok('message.send', {
      conversationId: group.id,
      clientId: 'm-1',
      text: 'hello from node one',
    });
    for (const reader of [bob, cid]) {
      const got = await reader.waitFor('message.new', (e) => e.message.id === sent.message.id);
      expect(got).toMatchObject({
        seq: sent.message.seq,
        message: { text: 'hello from node one' },
      });
    }

    await bob.ok('typing.start', { conversationId: group.id });
    await ann.waitFor('typing.started', (e) => e.userId === 'bob');
    await cid.waitFor('typing.started', (e) => e.userId === 'bob');
    expect(bob.events('typing.started')).toEqual([]);

    const eve = await on(three, tenant, 'eve');
    await ann.waitFor('presence.changed', (e) => e.userId === 'eve' && e.online);
    const seenFromTwo = await (
      await on(two, tenant, 'ann')
    ).ok('presence.get', {
      userIds: ['eve'],
    });
    expect(seenFromTwo.presence[0]!.online).toBe(true);
    eve.close();
    await ann.waitFor('presence.changed', (e) => e.userId === 'eve' && !e.online);
  });

  it('counts a user’s rate limit over every node together', async () => {
    const tenant = await createTestTenant(setup);
    await tenant.addUsers('ann', 'bob');
    const devices = await Promise.all(nodes.map((node) => on(node, tenant, 'ann')));
    const direct = await devices[0]!.ok('conversation.openDirect', { userId: 'bob' });
    for (const device of devices) {
      const ack = await device.request('typing.start', { conversationId: direct.id });
      expect(ack.ok).toBe(true);
    }
    const over = await devices[1]!.request('typing.start', { conversationId: direct.id });
    expect(over).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('stops sending to a member who left from another node, and bans across nodes', async () => {
    const [one, two, three] = nodes as [ApiProcess, ApiProcess, ApiProcess];
    const tenant = await createTestTenant(setup);
    await tenant.addUsers('ann', 'bob', 'cid', 'dan');
    const ann = await on(one, tenant, 'ann');
    const bob = await on(two, tenant, 'bob');
    const cid = await on(three, tenant, 'cid');
    const cidElsewhere = await on(one, tenant, 'cid');
    const danPhone = await on(two, tenant, 'dan');
    const danLaptop = await on(three, tenant, 'dan');
    const group = await ann.ok('conversation.createGroup', {
      title: 'Leavers',
      memberIds: ['bob', 'cid', 'dan'],
    });
    await cid.waitFor('conversation.joined', (e) => e.conversationId === group.id);

    await cid.ok('conversation.leave', { conversationId: group.id });
    await cidElsewhere.waitFor('conversation.left', (e) => e.conversationId === group.id);
    const after = await ann.ok('message.send', {
      conversationId: group.id,
      clientId: 'after-leave',
      text: 'cid is gone',
    });
    await bob.waitFor('message.new', (e) => e.message.id === after.message.id);
    // Published after the group's message, from the same node: once it arrives, the group's
    // message would have too.
    const direct = await ann.ok('conversation.openDirect', { userId: 'cid' });
    const marker = await ann.ok('message.send', {
      conversationId: direct.id,
      clientId: 'marker',
      text: 'marker',
    });
    for (const device of [cid, cidElsewhere]) {
      await device.waitFor('message.new', (e) => e.message.id === marker.message.id);
      const fromGroup = device
        .events('message.new')
        .filter((e) => e.conversationId === group.id && e.seq >= after.message.seq);
      expect(fromGroup).toEqual([]);
    }

    const staff = await signedInStaff(setup, tenant, 'moderator');
    const cuts = [cut(danPhone), cut(danLaptop)];
    expect((await staff.post('/users/dan/ban', { reason: 'spam' })).status).toBe(200);
    expect(await Promise.all(cuts)).toEqual(['io server disconnect', 'io server disconnect']);
    await expect(on(three, tenant, 'dan')).rejects.toMatchObject({
      data: { code: 'user_banned' },
    });
  });

  it('lets a worker, which has no sockets, cut a user’s sockets on the api nodes', async () => {
    const [, two, three] = nodes as [ApiProcess, ApiProcess, ApiProcess];
    const tenant = await createTestTenant(setup);
    await tenant.addUsers('una');
    const phone = await on(two, tenant, 'una');
    const laptop = await on(three, tenant, 'una');
    const cuts = [cut(phone), cut(laptop)];

    // Erasure runs in the worker, which disconnects the user through the adapter.
    const asked = await tenant.server.post('/users/una/erase', {});
    expect(asked.status).toBe(202);
    expect(await Promise.all(cuts)).toEqual(['io server disconnect', 'io server disconnect']);
  });
});

describe('an api node killed with SIGKILL', () => {
  it('takes its users offline within the bound; its clients reconnect elsewhere and miss nothing', async () => {
    const [one, doomed, three] = nodes as [ApiProcess, ApiProcess, ApiProcess];
    const ports = nodes.map((node) => node.port);
    const tenant = await createTestTenant(setup);
    await tenant.addUsers('amy', 'ben', 'col');
    await tenant.server.post('/contacts', { userId: 'amy', contactIds: ['ben', 'col'] });

    // Amy's and Ben's devices reach the nodes through a load balancer; Ben starts on the node
    // that will die, and the balancer sends his reconnect to the next one.
    const toOne = await openBalancer(ports, 0);
    const toDoomed = await openBalancer(ports, 1);
    balancers.push(toOne, toDoomed);
    const amy = sdkClient(toOne.url, { token: () => tenant.token('amy') });
    const ben = sdkClient(toDoomed.url, { token: () => tenant.token('ben') });
    await Promise.all([amy.connect(), ben.connect()]);
    expect(toDoomed.targets()).toContain(doomed.port);
    const chat = await amy.conversations.openDirect('ben');
    await amy.messages.send(chat.id, 'before 0');
    await waitFor(() => textsOf(ben, chat.id).includes('before 0'), { what: 'first message' });

    // Col is on the doomed node without reconnecting: Amy watches him go offline.
    const watcher = await on(three, tenant, 'amy');
    const col = await on(doomed, tenant, 'col');
    await watcher.waitFor('presence.changed', (e) => e.userId === 'col' && e.online);

    const texts = Array.from({ length: 30 }, (_, i) => `during ${i}`);
    let killedAt = 0;
    const writing = (async () => {
      for (const [i, text] of texts.entries()) {
        await amy.messages.send(chat.id, text);
        if (i === 9) {
          killedAt = Date.now();
          await doomed.kill('SIGKILL');
        }
      }
    })();
    await writing;
    expect(col.socket.connected).toBe(false);

    await watcher.waitFor(
      'presence.changed',
      (e) => e.userId === 'col' && !e.online,
      OFFLINE_BOUND_MS + 10_000,
    );
    const offlineAfter = Date.now() - killedAt;
    // The bound holds up to the time a loaded machine takes to notice a lapsed entry.
    expect(offlineAfter).toBeLessThan(OFFLINE_BOUND_MS + 3_000);
    const view = await watcher.ok('presence.get', { userIds: ['col'] });
    expect(view.presence[0]!.online).toBe(false);

    const expected = ['before 0', ...texts];
    await waitFor(() => textsOf(ben, chat.id).length === expected.length, {
      timeoutMs: 30_000,
      what: 'Ben to catch up on another node',
    });
    expect(textsOf(ben, chat.id)).toEqual(expected);
    expect(toDoomed.targets()).not.toContain(doomed.port);
    expect(toDoomed.targets().some((port) => port === one.port || port === three.port)).toBe(true);
    const stored = await textHistory(setup.url, await tenant.token('ben'), chat.id);
    expect(stored.map((m) => m.text)).toEqual(expected);
    expect(stored.map((m) => m.seq)).toEqual(
      ben.state
        .messages(chat.id)
        .get()
        .messages.filter((m) => m.type === 'text')
        .map((m) => m.seq),
    );
  }, 60_000);
});
