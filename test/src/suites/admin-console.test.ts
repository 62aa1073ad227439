import { createAdmin } from '@confab/server';
import type { RunningApi } from '@confab/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import type { TestTenant } from '../helpers/api.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { closeAllClients, connect } from '../helpers/clients.js';
import type { TestClient } from '../helpers/clients.js';
import { waitFor } from '../helpers/wait.js';

/** Markup a stranger may send as a name or a message (case 10); each would set a flag. */
const EVIL_NAME = '<img src=x onerror="window.__pwned=1">Mal';
const EVIL_TEXTS = [
  '<svg onload="window.__pwned=2"></svg> hi',
  '[click me](javascript:window.__pwned=3)',
  '<script>window.__pwned=4</script>',
];
const PASSWORD = 'console password 1';
/** How long a page may take to show what is asked of it on a busy machine. */
const POLL = { timeout: 15_000 };

let api: RunningApi;
let browser: Browser;
let page: Page;
let tenant: TestTenant;
let mal: TestClient;
let bob: TestClient;
let chatId: string;
const dialogs: string[] = [];

beforeAll(async () => {
  [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
  tenant = await createTestTenant(api, 'Console');
  await tenant.server.post('/users', {
    users: [
      { id: 'mal', name: EVIL_NAME },
      { id: 'bob', name: 'Bob Stone' },
      ...Array.from({ length: 6 }, (_, i) => ({ id: `user-${i}`, name: `Sample User ${i}` })),
    ],
  });
  mal = await connect(api.url, await tenant.token('mal'));
  bob = await connect(api.url, await tenant.token('bob'));
  chatId = (await mal.ok('conversation.openDirect', { userId: 'bob' })).id;
  for (const [i, text] of [...EVIL_TEXTS, 'delete me'].entries()) {
    await mal.ok('message.send', { conversationId: chatId, clientId: `m${i}`, text });
  }
  await bob.ok('message.report', { conversationId: chatId, seq: 2, reason: 'abuse' });
  await createAdmin(tenant.appId, {
    email: 'owner@example.test',
    password: PASSWORD,
    role: 'owner',
  });

  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(15_000);
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  closeAllClients();
  await browser?.close();
  await api?.close();
});

/** What the markup would have set, read in the page (where `globalThis` is its window). */
const pwned = () => page.evaluate(() => (globalThis as { __pwned?: number }).__pwned);

describe('the admin console in a browser', () => {
  it('signs in and shows the dashboard', async () => {
    await page.goto(`${api.url}/admin/`);
    await page.locator('input[name=appId]').fill(tenant.appId);
    await page.locator('input[name=email]').fill('owner@example.test');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect.poll(() => page.getByTestId('onlineNow').textContent(), POLL).toBe('2');
    expect(await page.getByTestId('pendingFlags').textContent()).toBe('1');
    await page.getByTestId('messages-chart').waitFor();
    await screenshot(page, 'dashboard');
  });

  it('lists users and shows markup in names as text', async () => {
    await page.goto(`${api.url}/admin/#/users`);
    await page.getByText('Sample User 3').waitFor();
    await page.getByText(EVIL_NAME).waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await screenshot(page, 'users-list');
  });

  it('edits a user', async () => {
    await page.goto(`${api.url}/admin/#/users/bob`);
    await page.locator('input[name=name]').fill('Bob Stone-Smith');
    await screenshot(page, 'user-edit');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Bob Stone-Smith').first().waitFor();
  });

  it('deletes a message: it disappears from a connected client', async () => {
    await page.goto(`${api.url}/admin/#/conversations/${chatId}/show/messages`);
    for (const text of EVIL_TEXTS) await page.getByText(text).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'delete me' });
    await row.getByRole('button', { name: 'Delete for everyone' }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();

    const deleted = await waitFor(() => bob.events('message.deleted')[0], {
      what: 'message.deleted on the connected client',
    });
    expect(deleted.message).toMatchObject({ state: 'deleted', text: '' });
    await page.getByText('(deleted)').waitFor();
    const history = await bob.ok('message.list', { conversationId: chatId });
    expect(history.messages.map((m) => m.text)).not.toContain('delete me');
    expect(await page.locator('svg[onload], script:text("__pwned")').count()).toBe(0);
    await screenshot(page, 'conversation-messages');
  });

  it('finds a user and bans them: their socket is cut and a reconnect is refused', async () => {
    await page.goto(`${api.url}/admin/#/users`);
    await page.getByPlaceholder('Search').fill('mal');
    await page
      .getByRole('row')
      .filter({ hasText: 'Sample User' })
      .first()
      .waitFor({ state: 'detached' });
    await page.getByText(EVIL_NAME).click();

    const cut = new Promise<string>((resolve) => mal.socket.once('disconnect', resolve));
    await page.getByTestId('ban').click();
    await page.getByLabel('Reason').fill('markup attack');
    await page.getByTestId('confirm').click();
    expect(await cut).toBe('io server disconnect');
    await page.getByText('markup attack').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect(connect(api.url, await tenant.token('mal'))).rejects.toMatchObject({
      data: { code: 'user_banned' },
    });
    await screenshot(page, 'user-show');
  });

  it('shows the review queue and the settings', async () => {
    await page.goto(`${api.url}/admin/#/flags`);
    await page.getByText(EVIL_TEXTS[1]!).waitFor();
    await screenshot(page, 'flags-list');
    await page.goto(`${api.url}/admin/#/settings`);
    await expect
      .poll(() => page.locator('input[name=recallWindowSeconds]').inputValue(), POLL)
      .toBe('86400');
    await screenshot(page, 'settings-edit');
  });

  it('ran no script from any name or message', async () => {
    expect(await pwned()).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});
