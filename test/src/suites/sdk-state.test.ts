import type { RunningApi } from '@confab/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { closeSdkClients, recordChanges, sdkClient, textsOf, until } from '../helpers/sdk.js';
import { waitFor } from '../helpers/wait.js';

let api: RunningApi;

beforeAll(async () => {
  // A short presence grace, so going offline shows within the test's patience.
  api = await startTestApi({ PRESENCE_GRACE_MS: '300' });
});

afterEach(async () => {
  await closeSdkClients();
});

afterAll(async () => {
  await api?.close();
});

describe('sdk local state', () => {
  it('follows likes, edits, deletes and recalls on both sides', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('alice', 'bob');
    const alice = sdkClient(api.url, { token: await tenant.token('alice') });
    const bob = sdkClient(api.url, { token: await tenant.token('bob') });
    await Promise.all([alice.connect(), bob.connect()]);
    const chat = await alice.conversations.openDirect('bob');
    const first = await alice.messages.send(chat.id, 'first');
    const second = await alice.messages.send(chat.id, 'second');
    const third = await alice.messages.send(chat.id, 'third');
    const bobView = bob.state.messages(chat.id);
    bobView.subscribe(() => undefined);
    await until(bobView, (v) => v.messages.length === 3, 'three at bob');

    await bob.reactions.add(chat.id, first.seq);
    await alice.messages.edit(chat.id, second.seq, 'second, edited');
    await alice.messages.delete(chat.id, third.seq);
    const liked = await until(
      alice.state.messages(chat.id),
      (v) => v.messages[0]?.reactions[0]?.count === 1 && v.messages[2]?.state === 'deleted',
      'the like and the delete at alice',
    );
    expect(liked.messages[0]?.reactions).toEqual([{ reaction: 'like', count: 1, sample: ['bob'] }]);
    await until(bobView, (v) => v.messages[0]?.myReactions[0] === 'like', 'bob sees his like');
    await until(bobView, (v) => v.messages[2]?.state === 'deleted', 'the delete at bob');
    expect(textsOf(bob, chat.id)).toEqual(['first', 'second, edited', '']);
    const [listed] = bob.state.conversations().get();
    expect(listed?.lastMessage).toMatchObject({ seq: third.seq, state: 'deleted', text: '' });
    await until(bob.state.unread(), (u) => u.total === 2, 'the deleted one is not unread');

    await alice.messages.recall(chat.id, second.seq);
    await until(bobView, (v) => v.messages[1]?.state === 'recalled', 'the recall at bob');
    expect(bobView.get().messages[1]?.text).toBe('');
  });

  it('keeps members, read markers and the list in step as a group changes', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann', 'ben', 'cid');
    const ann = sdkClient(api.url, { token: await tenant.token('ann') });
    const ben = sdkClient(api.url, { token: await tenant.token('ben') });
    const cid = sdkClient(api.url, { token: await tenant.token('cid') });
    await Promise.all([ann.connect(), ben.connect(), cid.connect()]);
    const group = await ann.conversations.createGroup({ title: 'Team', memberIds: ['ben'] });
    const members = ann.state.members(group.id);
    members.subscribe(() => undefined);
    await until(members, (m) => m.members.length === 2, 'two members');

    await ann.members.add(group.id, ['cid']);
    await until(members, (m) => m.members.length === 3, 'cid added');
    await until(cid.state.conversations(), (list) => list.length === 1, 'cid has the group');
    const hello = await ann.messages.send(group.id, 'hello team');
    await ben.reads.mark(group.id, hello.seq);
    const markers = ann.state.readMarkers(group.id);
    markers.subscribe(() => undefined);
    await until(markers, (m) => (m[hello.seq] ?? []).includes('ben'), 'ben read it');

    const cidChanges = recordChanges(cid);
    await cid.conversations.leave(group.id);
    expect(cid.state.conversations().get()).toEqual([]);
    await until(members, (m) => m.members.length === 2, 'cid gone from the members');
    await ann.messages.send(group.id, 'after cid left');
    await until(ben.state.messages(group.id), (v) => v.messages.length >= 1, 'ben has news');
    await waitFor(() => textsOf(ben, group.id).includes('after cid left'), { what: 'ben' });
    expect(
      cidChanges.some((c) => c.type === 'message.new' && c.message.text === 'after cid left'),
    ).toBe(false);
    const [atAnn] = ann.state.conversations().get();
    expect(atAnn).toMatchObject({ title: 'Team', memberCount: 2 });
  });

  it('shows contacts online and offline, and who is typing', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann', 'ben');
    const ann = sdkClient(api.url, { token: await tenant.token('ann') });
    await ann.connect();
    await ann.contacts.request('ben');
    const ben = sdkClient(api.url, { token: await tenant.token('ben') });
    await ben.connect();
    await until(ben.state.contacts(), (list) => list.length === 1, 'the request at ben');
    await ben.contacts.accept('ann');
    await until(
      ann.state.contacts(),
      (list) => list[0]?.status === 'accepted' && list[0].online,
      'ben accepted and online',
    );

    const chat = await ann.conversations.openDirect('ben');
    ann.typing.start(chat.id);
    await until(ben.state.typing(chat.id), (ids) => ids.includes('ann'), 'ann typing at ben');

    await ben.close();
    await until(ann.state.contacts(), (list) => list[0]?.online === false, 'ben offline');
  });
});
