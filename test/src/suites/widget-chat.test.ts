import type { RunningApi } from '@confab/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signedInStaff } from '../helpers/admin.js';
import { createTestTenant, startTestApi } from '../helpers/api.js';
import type { TestTenant } from '../helpers/api.js';
import { launchBrowser } from '../helpers/browser.js';
import { textHistory } from '../helpers/history.js';
import {
  hostPage,
  sendFromWidget,
  startHostServer,
  widget,
  widgetShot,
} from '../helpers/widget.js';
import type { HostServer } from '../helpers/widget.js';

/** How long the widget may take to show what is asked of it on a busy machine. */
const POLL = { timeout: 15_000 };

let api: RunningApi;
let host: HostServer;
let browser: Browser;
let tenant: TestTenant;
const tokens: Record<string, string> = {};
const contexts: Record<string, BrowserContext> = {};
const pages: Record<string, Page> = {};
let directId: string;
/** Uncaught errors in the host pages: the widget must raise none. */
const pageErrors: string[] = [];

async function openAs(user: string, viewport = { width: 1100, height: 760 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(`${user}: ${error.message}`));
  await page.goto(`${host.origin}/?user=${user}`);
  contexts[user] = context;
  pages[user] = page;
  return page;
}

/** The seq of the message showing `text` in a page's widget. */
async function seqOf(page: Page, text: string): Promise<number> {
  return Number(await widget(page).message(text).last().getAttribute('data-seq'));
}

/** Opens a message's menu in the widget and picks an item. */
async function pickAction(page: Page, text: string, item: string): Promise<void> {
  const message = widget(page).message(text).last();
  await message.hover();
  await message.locator('[data-action="menu"]').click();
  await widget(page).root.getByRole('menuitem', { name: item }).click();
}

beforeAll(async () => {
  [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
  tenant = await createTestTenant(api, 'Widget chat');
  await tenant.server.post('/users', {
    users: [
      { id: 'alice', name: 'Alice Park' },
      { id: 'bob', name: 'Bob Stone' },
      { id: 'carol', name: 'Carol Diaz' },
      { id: 'dave', name: 'Dave Kim' },
    ],
  });
  await tenant.server.post('/contacts', { userId: 'alice', contactIds: ['bob', 'carol'] });
  await tenant.server.post('/contacts', { userId: 'bob', contactIds: ['carol'] });
  for (const user of ['alice', 'bob']) tokens[user] = await tenant.token(user, 6 * 3600);
  const page = (open: boolean) => (url: URL) =>
    hostPage({
      apiUrl: api.url,
      appId: tenant.appId,
      init: { token: tokens[url.searchParams.get('user') ?? ''], open },
    });
  host = await startHostServer({ '/': page(true), '/closed': page(false) });
  await Promise.all([openAs('alice'), openAs('bob')]);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await api?.close();
  expect(pageErrors).toEqual([]);
});

describe('two users chat through the widget', () => {
  it('shows contacts with online dots, and opens a direct chat from one', async () => {
    const alice = widget(pages.alice!);
    await alice.tab('Contacts').click();
    const bobRow = alice.contactRow('bob');
    await bobRow.locator('.dot-on').waitFor();
    await expect.poll(() => bobRow.locator('[data-presence]').textContent(), POLL).toBe('Online');
    await alice.contactRow('carol').locator('[data-presence="offline"]').waitFor();
    await widgetShot(pages.alice!, 'contacts');

    await bobRow.click();
    await alice.composer.waitFor();
    directId = (await alice.root
      .locator('.chat[data-conversation]')
      .getAttribute('data-conversation'))!;
    await sendFromWidget(pages.alice!, 'Hello Bob');
    await alice.message('Hello Bob').waitFor();
    await expect.poll(() => alice.pending.count(), POLL).toBe(0);
  });

  it('brings the message to the other user with an unread count, and marks it read on view', async () => {
    const bob = widget(pages.bob!);
    const row = bob.conversationRow('Alice Park');
    await row.locator('.badge').waitFor();
    expect(await row.locator('.badge').textContent()).toBe('1');
    expect(await row.locator('.row-preview').textContent()).toBe('Hello Bob');
    await widgetShot(pages.bob!, 'conversation-list');

    await row.click();
    await bob.message('Hello Bob').waitFor();
    const seq = await seqOf(pages.bob!, 'Hello Bob');
    // Bob saw it: his avatar moves after it in Alice's widget.
    await widget(pages.alice!).readersAfter(seq).waitFor();
    expect(await widget(pages.alice!).readersAfter(seq).getAttribute('data-readers')).toBe('bob');
  });

  it('likes a message and shows the likers avatars to both', async () => {
    const bob = widget(pages.bob!);
    const message = bob.message('Hello Bob');
    await message.hover();
    await message.locator('[data-action="like"]').click();
    const aliceLikes = widget(pages.alice!).message('Hello Bob').locator('.likes');
    await aliceLikes.waitFor();
    expect(await aliceLikes.getAttribute('data-likers')).toBe('bob');
    expect(await aliceLikes.locator('.avatar').count()).toBe(1);
    await message.locator('[data-action="like"][aria-pressed="true"]').waitFor();
  });

  it('moves the read avatar only once the other user reads', async () => {
    const alice = widget(pages.alice!);
    const bob = widget(pages.bob!);
    const firstSeq = await seqOf(pages.alice!, 'Hello Bob');
    await bob.root.getByRole('button', { name: 'Back' }).click();
    await sendFromWidget(pages.alice!, 'Are you there?');
    await sendFromWidget(pages.alice!, 'مرحبا Bob 123 👍🏽');
    await bob.conversationRow('Alice Park').locator('.badge', { hasText: '2' }).waitFor();
    await expect.poll(() => alice.pending.count(), POLL).toBe(0);
    expect(await alice.readersAfter(firstSeq).count()).toBe(1);

    await bob.conversationRow('Alice Park').click();
    const lastSeq = await seqOf(pages.alice!, 'مرحبا Bob 123 👍🏽');
    await alice.readersAfter(lastSeq).waitFor();
    await expect.poll(() => alice.readersAfter(firstSeq).count(), POLL).toBe(0);

    // Bob replies; the typing notice and his message reach Alice.
    await bob.composer.pressSequentially('On my way');
    await alice.root.locator('.typing', { hasText: 'Bob Stone is typing' }).waitFor();
    await bob.composer.press('Enter');
    await alice.message('On my way').waitFor();
    await widgetShot(pages.alice!, 'chat-view');
  });

  it('shows who read a message and who has not', async () => {
    await pickAction(pages.alice!, 'Are you there?', 'Details');
    const sheet = widget(pages.alice!).root.getByRole('dialog', { name: 'Details' });
    await sheet.locator('[data-receipts="read"] [data-user="bob"]').waitFor();
    expect(await sheet.locator('[data-receipts="unread"]').count()).toBe(0);
    await widgetShot(pages.alice!, 'read-details');
    await pages.alice!.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });

  it('deletes for me, for everyone, and recalls', async () => {
    const alice = widget(pages.alice!);
    const bob = widget(pages.bob!);
    for (const text of ['hide this', 'erase this', 'take back'])
      await sendFromWidget(pages.alice!, text);
    await bob.message('take back').waitFor();

    await pickAction(pages.bob!, 'hide this', 'Delete for me');
    await expect.poll(() => bob.message('hide this').count(), POLL).toBe(0);
    expect(await alice.message('hide this').count()).toBe(1);

    await pickAction(pages.alice!, 'erase this', 'Delete for everyone');
    await alice.root.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await bob.root
      .locator('.msg[data-state="deleted"]', { hasText: 'This message was deleted' })
      .waitFor();
    expect(await bob.message('erase this').count()).toBe(0);

    await pickAction(pages.alice!, 'take back', 'Recall');
    await bob.root
      .locator('.msg[data-state="recalled"]', { hasText: 'This message was recalled' })
      .waitFor();
    await alice.root.locator('.msg[data-state="recalled"]').waitFor();
    const stored = await textHistory(api.url, tokens.alice!, directId);
    expect(stored.map((m) => m.text)).not.toContain('take back');
    expect(stored.map((m) => m.text)).not.toContain('erase this');
  });

  it('edits a message, and replies to it with a quote', async () => {
    const alice = widget(pages.alice!);
    const bob = widget(pages.bob!);
    await sendFromWidget(pages.alice!, 'Lunch at noon');
    await bob.message('Lunch at noon').waitFor();
    await pickAction(pages.alice!, 'Lunch at noon', 'Edit');
    await alice.root.locator('.context', { hasText: 'Editing message' }).waitFor();
    await alice.composer.fill('Lunch at one');
    await alice.composer.press('Enter');
    await bob.message('Lunch at one').locator('.meta', { hasText: 'edited' }).waitFor();
    expect(await bob.message('Lunch at noon').count()).toBe(0);

    const message = bob.message('Lunch at one');
    await message.hover();
    await message.locator('[data-action="reply"]').click();
    await bob.root.locator('.context', { hasText: 'Replying to Alice Park' }).waitFor();
    await sendFromWidget(pages.bob!, 'Works for me');
    await alice.message('Works for me').locator('.quote', { hasText: 'Lunch at one' }).waitFor();
    const stored = await textHistory(api.url, tokens.alice!, directId);
    const reply = stored.find((m) => m.text === 'Works for me');
    const edited = stored.find((m) => m.text === 'Lunch at one');
    expect(reply?.replyTo?.seq).toBe(edited?.seq);
  });

  it('keeps the history across a reload', async () => {
    await pages.alice!.reload();
    const alice = widget(pages.alice!);
    await alice.conversationRow('Bob Stone').click();
    await alice.message('Hello Bob').waitFor();
    await alice.message('On my way').waitFor();
  });

  it('queues messages while offline and sends each exactly once when back', async () => {
    const alice = widget(pages.alice!);
    await contexts.alice!.setOffline(true);
    await alice.banner.filter({ hasText: 'Connection lost' }).waitFor();
    for (const text of ['offline one', 'offline two', 'offline three']) {
      await sendFromWidget(pages.alice!, text);
    }
    await expect.poll(() => alice.pending.count(), POLL).toBe(3);
    await alice.pending.first().filter({ hasText: 'Waiting for connection' }).waitFor();
    await widgetShot(pages.alice!, 'offline-banner');

    await contexts.alice!.setOffline(false);
    await expect.poll(() => alice.pending.count(), { timeout: 30_000 }).toBe(0);
    await alice.banner.waitFor({ state: 'hidden' });
    await widget(pages.bob!).message('offline three').waitFor();
    const stored = (await textHistory(api.url, tokens.alice!, directId)).map((m) => m.text);
    expect(stored.filter((t) => t.startsWith('offline '))).toEqual([
      'offline one',
      'offline two',
      'offline three',
    ]);
  });

  it('marks a refused message failed, discards one, and retries one once the refusal is lifted', async () => {
    const staff = await signedInStaff(api, tenant, 'moderator');
    const word = await staff.post('/blocked-words', { word: 'gadzooks', mode: 'refuse' });
    expect(word.status).toBe(201);
    const alice = widget(pages.alice!);
    await sendFromWidget(pages.alice!, 'gadzooks, first');
    await sendFromWidget(pages.alice!, 'gadzooks, second');
    const failed = (text: string) =>
      alice.root.locator('.msg[data-client-id][data-status="failed"]', { hasText: text });
    await failed('gadzooks, second').waitFor();
    await failed('gadzooks, first').getByText('Not sent').waitFor();

    await failed('gadzooks, first').getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => alice.pending.count(), POLL).toBe(1);
    expect((await staff.delete(`/blocked-words/${word.body.data.id}`)).status).toBe(200);
    await failed('gadzooks, second').getByRole('button', { name: 'Retry' }).click();
    await alice.message('gadzooks, second').waitFor();
    await expect.poll(() => alice.pending.count(), POLL).toBe(0);
    const stored = (await textHistory(api.url, tokens.alice!, directId)).map((m) => m.text);
    expect(stored.filter((t) => t.startsWith('gadzooks'))).toEqual(['gadzooks, second']);
  });

  it('starts a group with two contacts, and a member leaves it', async () => {
    const alice = widget(pages.alice!);
    const bob = widget(pages.bob!);
    await alice.root.getByRole('button', { name: 'Back' }).click();
    await alice.root.getByRole('button', { name: 'New chat' }).click();
    await alice.root.locator('input[data-user="bob"]').check();
    await alice.root.locator('input[data-user="carol"]').check();
    await alice.root.getByLabel('Group name').fill('Weekend trip');
    await widgetShot(pages.alice!, 'new-chat');
    await alice.root.getByRole('button', { name: 'Start chat' }).click();
    await alice.root.locator('.header h2', { hasText: 'Weekend trip' }).waitFor();
    await sendFromWidget(pages.alice!, 'Who is coming?');

    // @mentions: typing @ offers the members; picking one mentions them.
    await alice.composer.pressSequentially('Bring snacks @Car');
    const suggestion = alice.root.getByRole('option', { name: 'Carol Diaz' });
    await suggestion.waitFor();
    await alice.composer.press('Enter');
    expect(await alice.composer.inputValue()).toBe('Bring snacks @Carol Diaz ');
    await alice.composer.press('Enter');
    await alice.message('Bring snacks @Carol Diaz').waitFor();
    const groupId = (await alice.root
      .locator('.chat[data-conversation]')
      .getAttribute('data-conversation'))!;
    await expect
      .poll(async () => (await textHistory(api.url, tokens.alice!, groupId)).at(-1)?.mentions, POLL)
      .toEqual(['carol']);

    // A member who is nobody's contact still shows by name, from the member list.
    await tenant.server.post(`/conversations/${groupId}/members`, { userIds: ['dave'] });
    await tenant.server.post(`/conversations/${groupId}/messages`, {
      senderId: 'dave',
      clientId: 'd1',
      text: 'Count me in',
    });
    await alice.message('Count me in').locator('.sender', { hasText: 'Dave Kim' }).waitFor();

    await bob.root.getByRole('button', { name: 'Back' }).click();
    await bob.conversationRow('Weekend trip').click();
    await bob.message('Who is coming?').waitFor();
    await bob.root.getByRole('button', { name: 'Chat options' }).click();
    await bob.root.getByRole('menuitem', { name: 'Leave chat' }).click();
    await bob.root.getByRole('dialog').getByRole('button', { name: 'Leave chat' }).click();
    await bob.tab('Chats').waitFor();
    await expect.poll(() => bob.conversationRow('Weekend trip').count(), POLL).toBe(0);
    await alice.root.locator('.system', { hasText: 'Bob Stone left' }).waitFor();
  });

  it('pages back through a long history as the user scrolls up', async () => {
    const carol = await tenant.rest('carol');
    const chat = await carol.post('/conversations/direct', { userId: 'bob' });
    expect(chat.status).toBe(200);
    for (let i = 1; i <= 130; i += 1) {
      // Through the server API: a user's own sends are limited to 50 in 10 s.
      const sent = await tenant.server.post(`/conversations/${chat.body.id}/messages`, {
        senderId: 'carol',
        clientId: `h${i}`,
        text: `history ${i}`,
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    }
    // A device of Bob's that holds none of it yet: it loads the newest page, then older ones.
    const device = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await device.newPage();
    page.on('pageerror', (error) => pageErrors.push(`bob device: ${error.message}`));
    await page.goto(`${host.origin}/?user=bob`);
    const bob = widget(page);
    await bob.conversationRow('Carol Diaz').click();
    await bob.message('history 130').waitFor();
    const first = bob.root.locator('.msg[data-seq] .text').filter({ hasText: /^history 1$/ });
    expect(await first.count()).toBe(0);
    const scroller = bob.root.locator('.chat[data-conversation] .body');
    await expect
      .poll(async () => {
        await scroller.evaluate((el) => el.scrollTo(0, 0));
        return first.count();
      }, POLL)
      .toBe(1);
    const shown = await bob.root.locator('.msg[data-seq] .text').allTextContents();
    const numbers = shown.filter((t) => t.startsWith('history ')).map((t) => Number(t.slice(8)));
    expect(numbers).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
    await device.close();
  });

  it('shows the launcher with the unread badge, and fits a 360 px screen', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${host.origin}/closed?user=bob`);
    await widget(pages.alice!).root.getByRole('button', { name: 'Back' }).click();
    await widget(pages.alice!).conversationRow('Bob Stone').click();
    await sendFromWidget(pages.alice!, 'Ping');
    const w = widget(page);
    await w.launcher.locator('.badge').waitFor();
    await widgetShot(page, 'launcher');

    await w.launcher.click();
    await w.conversationRow('Alice Park').click();
    await w.message('Ping').waitFor();
    const box = await w.panel.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(360);
    // Nothing sticks out sideways: the page does not scroll horizontally.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      360,
    );
    await widgetShot(page, 'mobile-360');
    await context.close();
  });
});
