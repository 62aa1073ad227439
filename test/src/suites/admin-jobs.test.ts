import type { RunningApi, RunningWorker } from '@confab/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import { listQuery, signedInStaff } from '../helpers/admin.js';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { startChat } from '../helpers/chat.js';
import { closeAllClients } from '../helpers/clients.js';
import { startTestWorker } from '../helpers/jobs.js';
import { Receiver } from '../helpers/receiver.js';
import { waitFor } from '../helpers/wait.js';

let api: RunningApi;
let worker: RunningWorker;
let receiver: Receiver;
let browser: Browser;

beforeAll(async () => {
  [api, browser] = await Promise.all([
    startTestApi({ WEBHOOK_ATTEMPTS: '2', WEBHOOK_BACKOFF_MS: '50' }),
    launchBrowser(),
  ]);
  worker = await startTestWorker(api);
  receiver = await new Receiver().start();
});

afterAll(async () => {
  closeAllClients();
  await browser?.close();
  await worker?.close();
  await api?.close();
  await receiver?.stop();
});

describe('background work in the console', () => {
  it('manages webhooks and shows failed deliveries and jobs, each retryable', async () => {
    const { tenant, users } = await startChat(api, ['ada', 'bo']);
    const owner = await signedInStaff(api, tenant, 'admin');
    const path = `/console/${tenant.appId}`;
    let up = false;
    receiver.answer = (r) => (r.path === path && !up ? 500 : 200);

    const made = await owner.post('/webhooks', {
      url: `${receiver.url}${path}`,
      events: ['message.new'],
    });
    expect(made.status).toBe(201);
    expect(made.body.data.secret).toMatch(/^whsec_/);
    const hookId = made.body.data.id as string;
    const listed = await owner.get(`/webhooks${listQuery()}`);
    expect(listed.body).toMatchObject({ total: 1, data: [{ id: hookId, active: true }] });
    expect(JSON.stringify(listed.body)).not.toContain(made.body.data.secret);

    const direct = await users.ada!.ok('conversation.openDirect', { userId: 'bo' });
    await users.ada!.ok('message.send', { conversationId: direct.id, clientId: 'x', text: 'hi' });
    const failedDelivery = await waitFor(
      async () => {
        const res = await owner.get(
          `/deliveries${listQuery({ webhookId: hookId, status: 'failed' })}`,
        );
        return res.body.total === 1 && res.body.data[0];
      },
      { timeoutMs: 15_000, what: 'a failed delivery' },
    );
    expect(failedDelivery).toMatchObject({ attempts: 2, lastStatusCode: 500 });

    const failedJobs = await waitFor(async () => {
      const res = await owner.get(`/failed-jobs${listQuery({ queue: 'webhooks' })}`);
      return res.body.total === 1 && res.body;
    });
    expect(failedJobs.data[0]).toMatchObject({ name: 'webhook.deliver', attemptsMade: 2 });

    up = true;
    const retried = await owner.post(`/failed-jobs/${failedJobs.data[0].id}/retry`);
    expect(retried.status).toBe(200);
    await waitFor(
      async () => {
        const res = await owner.get(
          `/deliveries${listQuery({ webhookId: hookId, status: 'delivered' })}`,
        );
        return res.body.total === 1;
      },
      { what: 'the retried delivery delivered' },
    );

    const dashboard = await owner.get('/dashboard');
    expect(dashboard.body.data.queues.map((q: { name: string }) => q.name)).toEqual([
      'notifications',
      'webhooks',
      'maintenance',
    ]);
    const audit = await owner.get(`/audit${listQuery({}, { sort: 'createdAt', order: 'DESC' })}`);
    const actions = audit.body.data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['webhook.create', 'job.retry']));
    receiver.answer = () => 200;
  });

  it('lets owners and admins manage these, others see only queue health, and no tenant another’s', async () => {
    const { tenant, users } = await startChat(api, ['cy']);
    const other = await createTestTenant(api, 'Other');
    const admin = await signedInStaff(api, tenant, 'admin');
    const hook = await admin.post('/webhooks', { url: `${receiver.url}/roles` });
    const hookId = hook.body.data.id as string;
    for (const role of ['moderator', 'viewer'] as const) {
      const staff = await signedInStaff(api, tenant, role);
      expect((await staff.get(`/webhooks${listQuery()}`)).status, role).toBe(403);
      expect((await staff.post('/webhooks', { url: `${receiver.url}/x` })).status, role).toBe(403);
      expect((await staff.post('/users/cy/export')).status, role).toBe(403);
      expect((await staff.post('/users/cy/erase')).status, role).toBe(403);
      expect((await staff.get(`/failed-jobs${listQuery()}`)).status, role).toBe(200);
      expect((await staff.get(`/queues${listQuery()}`)).status, role).toBe(200);
    }
    const stranger = await signedInStaff(api, other, 'owner');
    expect((await stranger.get(`/webhooks/${hookId}`)).status).toBe(404);
    expect((await stranger.post(`/webhooks/${hookId}/rotate`)).status).toBe(404);
    expect((await stranger.post('/users/cy/export')).status).toBe(404);
    expect(users.cy!.socket.connected).toBe(true);
  });

  it('exports a user from the console, and erases one only when the id is typed', async () => {
    const { tenant, users } = await startChat(api, ['dee', 'eve']);
    const direct = await users.dee!.ok('conversation.openDirect', { userId: 'eve' });
    await users.dee!.ok('message.send', { conversationId: direct.id, clientId: 'm', text: 'mine' });
    const owner = await signedInStaff(api, tenant, 'owner');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15_000);
    try {
      await page.goto(`${api.url}/admin/`);
      await page.locator('input[name=appId]').fill(tenant.appId);
      await page.locator('input[name=email]').fill(owner.email);
      await page.locator('input[name=password]').fill(owner.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('queue-webhooks').waitFor();

      await page.goto(`${api.url}/admin/#/users/dee/show`);
      await page.getByTestId('export').click();
      await page.getByText('Data requests').first().waitFor();
      await page.getByRole('button', { name: 'Download' }).waitFor({ timeout: 20_000 });
      await screenshot(page, 'data-requests');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download' }).click();
      const archive = await download;
      expect(archive.suggestedFilename()).toMatch(/^exp_.*\.jsonl$/);

      await page.goto(`${api.url}/admin/#/users/dee/show`);
      await page.getByTestId('erase').click();
      await page.locator('input[name=confirm]').fill('not-dee');
      await page.getByTestId('confirm').click();
      await page.getByText('does not match').waitFor();
      const untouched = await owner.get('/users/dee');
      expect(untouched.body.data.name).not.toBe('Deleted user');

      await page.locator('input[name=confirm]').fill('dee');
      await page.getByTestId('confirm').click();
      await waitFor(async () => (await owner.get('/users/dee')).body.data.name === 'Deleted user', {
        timeoutMs: 20_000,
        what: 'the user erased',
      });
      await page.goto(`${api.url}/admin/#/webhooks/create`);
      await page.locator('input[name=url]').fill(`${receiver.url}/from-console`);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByTestId('secret').waitFor();
      expect(await page.getByTestId('secret').textContent()).toMatch(/^whsec_/);
      await screenshot(page, 'webhook-secret');
    } finally {
      await page.close();
    }
  }, 90_000);
});
