import { createAdmin, signUserToken } from '@confab/server';
import type { RunningApi } from '@confab/server';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi, testEnv } from '../helpers/api.js';
import { startApiProcess, stopApiProcesses } from '../helpers/api-process.js';
import { closeAllClients, connect } from '../helpers/clients.js';
import { waitFor } from '../helpers/wait.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  closeAllClients();
  await stopApiProcesses();
  await api?.close();
});

/** Connects as a page at `origin` would, answering the connection's outcome. */
function connectFrom(url: string, token: string, origin: string) {
  const socket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin },
  });
  return new Promise<{ ok: true } | { ok: false; code: string }>((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve({ ok: true });
    });
    socket.once('connect_error', (error) => {
      resolve({ ok: false, code: (error as { data?: { code: string } }).data?.code ?? '' });
    });
  });
}

describe('origins', () => {
  it('lets only the tenant’s allowed origins use its user API from a page', async () => {
    const tenant = await createTestTenant(api);
    await tenant.addUsers('ann');
    await tenant.settings({ allowedOrigins: ['https://shop.example'] });
    const token = await tenant.token('ann');

    expect(await connectFrom(api.url, token, 'https://shop.example')).toEqual({ ok: true });
    expect(await connectFrom(api.url, token, 'https://evil.example')).toEqual({
      ok: false,
      code: 'forbidden',
    });
    // A program sends no Origin: the check protects browsers, not the token.
    (await connect(api.url, token)).close();

    const fetchFrom = (origin: string) =>
      fetch(`${api.url}/v1/conversations`, {
        headers: { authorization: `Bearer ${token}`, origin },
      });
    expect((await fetchFrom('https://shop.example')).status).toBe(200);
    const evil = await fetchFrom('https://evil.example');
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { error: { code: string } }).error.code).toBe('forbidden');

    const preflight = await fetch(`${api.url}/v1/conversations`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    // Neither the server API nor the console answers other origins.
    const server = await fetch(`${api.url}/server/v1/users/x`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' },
    });
    expect(server.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends the security headers', async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('logs', () => {
  it('never show a token, an API secret, a password, a webhook secret or a session', async () => {
    const node = await startApiProcess({ capture: true, env: { LOG_LEVEL: 'trace' } });
    const tenant = await createTestTenant(api);
    await tenant.addUsers('bob', 'cy');
    const token = await tenant.token('bob');
    const password = 'a staff password that must not leak';
    await createAdmin(tenant.appId, { email: 'ops@example.test', password, role: 'owner' });
    const basic = `Basic ${Buffer.from(`${tenant.keyId}:${tenant.secret}`).toString('base64')}`;
    const secrets = [tenant.secret, token, password];

    const issued = await fetch(`${node.url}/server/v1/tokens`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'cy' }),
    });
    secrets.push(((await issued.json()) as { token: string }).token);
    const hook = await fetch(`${node.url}/server/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://hooks.example/x' }),
    });
    secrets.push(((await hook.json()) as { secret: string }).secret);
    const login = await fetch(`${node.url}/admin/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-confab-admin': '1' },
      body: JSON.stringify({ appId: tenant.appId, email: 'ops@example.test', password }),
    });
    const cookie = login.headers.get('set-cookie') ?? '';
    secrets.push(/confab_admin=([^;]+)/.exec(cookie)?.[1] ?? 'no session cookie');
    await fetch(`${node.url}/admin/api/dashboard`, { headers: { cookie, 'x-confab-admin': '1' } });

    const client = await connect(node.url, token);
    await client.ok('conversation.list', {});
    await client.request('message.send', {
      conversationId: 'f'.repeat(24),
      clientId: 'x',
      text: 'x',
    });
    client.close();
    // Refusals are logged too: a wrong secret, a forged token, an expired one.
    const wrong = `Basic ${Buffer.from(`${tenant.keyId}:not-${tenant.secret}`).toString('base64')}`;
    await fetch(`${node.url}/server/v1/users/bob`, { headers: { authorization: wrong } });
    const expired = signUserToken(tenant.keyId, tenant.secret, 'bob', -5).token;
    secrets.push(expired, `not-${tenant.secret}`);
    await fetch(`${node.url}/v1/conversations`, {
      headers: { authorization: `Bearer ${expired}` },
    });
    await connect(node.url, expired).catch(() => undefined);

    await waitFor(
      () => node.output().includes('"request completed"') || node.output().length > 2_000,
    );
    await node.stop();
    const logged = node.output();
    expect(logged.length).toBeGreaterThan(1_000);
    for (const secret of [...secrets, testEnv().MASTER_KEY!]) {
      expect(logged.includes(secret), `a secret of ${secret.length} characters was logged`).toBe(
        false,
      );
    }
    expect(logged).toContain('[redacted]');
  }, 60_000);
});
