import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApi } from '../helpers/api.js';
import { startChat } from '../helpers/chat.js';
import { closeAllClients } from '../helpers/clients.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

const systemActions = (messages: { type: string; system: { action: string } | null }[]) =>
  messages.filter((m) => m.type === 'system').map((m) => m.system!.action);

describe('groups', () => {
  it('gives the creator ownership and records the creation as a system message', async () => {
    const { users, tenant } = await startChat(api, ['oli', 'pam', 'quin']);
    await tenant.server.post('/users', {
      users: [{ id: 'oli', name: 'Oli Brandt', avatarUrl: 'https://img.example/oli.png' }],
    });
    const group = await users.oli!.ok('conversation.createGroup', {
      title: 'Launch',
      memberIds: ['pam', 'quin'],
    });
    expect(group).toMatchObject({ type: 'group', title: 'Launch', memberCount: 3 });
    expect(group.me).toMatchObject({ role: 'owner', unreadCount: 0 });

    const joined = await users.pam!.waitFor(
      'conversation.joined',
      (e) => e.conversationId === group.id,
    );
    expect(joined.conversation).toMatchObject({ title: 'Launch', me: { role: 'member' } });
    const created = await users.quin!.waitFor('message.new', (e) => e.conversationId === group.id);
    expect(created.message.system).toMatchObject({
      action: 'conversation.created',
      actorId: 'oli',
      userIds: ['pam', 'quin'],
    });

    const members = await users.pam!.ok('member.list', { conversationId: group.id });
    expect(members.members.map((m) => [m.userId, m.role])).toEqual([
      ['oli', 'owner'],
      ['pam', 'member'],
      ['quin', 'member'],
    ]);
    // Each with their user's name and avatar, for members who are not the asker's contacts.
    expect(members.members[0]).toMatchObject({
      name: 'Oli Brandt',
      avatarUrl: 'https://img.example/oli.png',
    });
    expect(members.members[1]).toMatchObject({ name: 'pam', avatarUrl: null });
  });

  it('lets owners and admins add, remove and rename, and nobody else', async () => {
    const { users } = await startChat(api, ['rae', 'sid', 'tia', 'uma']);
    const group = await users.rae!.ok('conversation.createGroup', {
      title: 'Team',
      memberIds: ['sid', 'tia'],
    });
    const id = group.id;

    const byMember = await users.sid!.request('member.add', {
      conversationId: id,
      userIds: ['uma'],
    });
    expect(byMember).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const rename = await users.sid!.request('conversation.update', {
      conversationId: id,
      title: 'X',
    });
    expect(rename).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await users.rae!.ok('member.setRole', { conversationId: id, userId: 'sid', role: 'admin' });
    expect(await users.sid!.ok('member.add', { conversationId: id, userIds: ['uma'] })).toEqual({
      added: ['uma'],
    });
    await users.uma!.waitFor('conversation.joined', (e) => e.conversationId === id);
    const renamed = await users.sid!.ok('conversation.update', {
      conversationId: id,
      title: 'Core',
    });
    expect(renamed.title).toBe('Core');
    await users.tia!.waitFor('conversation.updated', (e) => e.title === 'Core');

    const removeOwner = await users.sid!.request('member.remove', {
      conversationId: id,
      userId: 'rae',
    });
    expect(removeOwner).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await users.sid!.ok('member.remove', { conversationId: id, userId: 'tia' });
    const left = await users.tia!.waitFor('conversation.left', (e) => e.conversationId === id);
    expect(left.reason).toBe('removed');
    const gone = await users.tia!.request('message.send', {
      conversationId: id,
      clientId: 'x',
      text: 'hi',
    });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const history = await users.rae!.ok('message.list', { conversationId: id });
    expect(systemActions(history.messages)).toEqual([
      'conversation.created',
      'member.role_changed',
      'member.added',
      'conversation.renamed',
      'member.removed',
    ]);
    expect((await users.rae!.ok('conversation.get', { conversationId: id })).memberCount).toBe(3);
  });

  it('passes ownership on when the owner leaves: to the longest admin, else the longest member', async () => {
    const { users } = await startChat(api, ['vin', 'wes', 'xia', 'yan']);
    const group = await users.vin!.ok('conversation.createGroup', {
      title: 'Heirs',
      memberIds: ['wes', 'xia', 'yan'],
    });
    await users.vin!.ok('member.setRole', {
      conversationId: group.id,
      userId: 'xia',
      role: 'admin',
    });
    await users.vin!.ok('conversation.leave', { conversationId: group.id });
    const roles = async () =>
      (await users.yan!.ok('member.list', { conversationId: group.id })).members.map((m) => [
        m.userId,
        m.role,
      ]);
    expect(await roles()).toEqual([
      ['wes', 'member'],
      ['xia', 'owner'],
      ['yan', 'member'],
    ]);

    await users.xia!.ok('conversation.leave', { conversationId: group.id });
    expect(await roles()).toEqual([
      ['wes', 'owner'],
      ['yan', 'member'],
    ]);
    const history = await users.wes!.ok('message.list', { conversationId: group.id });
    expect(systemActions(history.messages).slice(-4)).toEqual([
      'member.left',
      'owner.changed',
      'member.left',
      'owner.changed',
    ]);
  });

  it('hands ownership over on request and keeps direct conversations free of roles', async () => {
    const { users } = await startChat(api, ['zed', 'amy']);
    const group = await users.zed!.ok('conversation.createGroup', {
      title: 'G',
      memberIds: ['amy'],
    });
    const handed = await users.zed!.ok('member.setRole', {
      conversationId: group.id,
      userId: 'amy',
      role: 'owner',
    });
    expect(handed.role).toBe('owner');
    expect((await users.zed!.ok('conversation.get', { conversationId: group.id })).me!.role).toBe(
      'admin',
    );

    const direct = await users.zed!.ok('conversation.openDirect', { userId: 'amy' });
    const add = await users.zed!.request('member.add', {
      conversationId: direct.id,
      userIds: ['amy'],
    });
    expect(add).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('shows a member invited back the history its setting allows', async () => {
    const { users } = await startChat(api, ['bo', 'cy', 'di']);
    const open = await users.bo!.ok('conversation.createGroup', {
      title: 'Open',
      memberIds: ['cy'],
    });
    const closed = await users.bo!.ok('conversation.createGroup', {
      title: 'Closed',
      memberIds: ['cy'],
      historyVisibility: 'since_join',
    });
    for (const g of [open, closed]) {
      await users.bo!.ok('message.send', {
        conversationId: g.id,
        clientId: `before-${g.id}`,
        text: 'early',
      });
      await users.bo!.ok('member.add', { conversationId: g.id, userIds: ['di'] });
      await users.bo!.ok('message.send', {
        conversationId: g.id,
        clientId: `after-${g.id}`,
        text: 'late',
      });
    }
    const texts = async (id: string) =>
      (await users.di!.ok('message.list', { conversationId: id })).messages
        .filter((m) => m.type === 'text')
        .map((m) => m.text);
    expect(await texts(open.id)).toEqual(['early', 'late']);
    expect(await texts(closed.id)).toEqual(['late']);

    // Di leaves, misses a message, and is invited back: the setting decides again.
    for (const g of [open, closed]) {
      await users.di!.ok('conversation.leave', { conversationId: g.id });
      await users.bo!.ok('message.send', {
        conversationId: g.id,
        clientId: `away-${g.id}`,
        text: 'away',
      });
      await users.bo!.ok('member.add', { conversationId: g.id, userIds: ['di'] });
      await users.bo!.ok('message.send', {
        conversationId: g.id,
        clientId: `back-${g.id}`,
        text: 'back',
      });
    }
    expect(await texts(open.id)).toEqual(['early', 'late', 'away', 'back']);
    expect(await texts(closed.id)).toEqual(['back']);
  });
});
