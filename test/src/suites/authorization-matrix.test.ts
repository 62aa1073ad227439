import { createAdmin } from '@confab/server';
import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import type { TestTenant } from '../helpers/api.js';
import { closeAllClients, connect } from '../helpers/clients.js';
import { listRoutes } from '../helpers/routes.js';
import type { RouteEntry } from '../helpers/routes.js';

/**
 * The authorization matrix: every route of the api against every kind of caller. Each cell
 * states what must happen; cells where the caller is the rightful one are the behaviour suites'
 * (and, for staff roles, admin-roles'); here every other caller must be turned away, learn
 * nothing of another tenant, and change nothing.
 */

type Surface = 'user' | 'server' | 'admin';
type Actor =
  'anonymous' | 'userT1' | 'memberless' | 'keyT1' | 'staffT1' | 'userT2' | 'keyT2' | 'staffT2';

interface World {
  tenant: TestTenant;
  groupId: string;
  seq: number;
  text: string;
  staffCookie: string;
}

let api: RunningApi;
let t1: World;
let t2: World;
let memberlessToken: string;
const tokens: Partial<Record<Actor, string>> = {};

async function staffCookie(tenant: TestTenant): Promise<string> {
  const email = `owner@${tenant.appId.toLowerCase()}.test`;
  const password = 'matrix password 1';
  await createAdmin(tenant.appId, { email, password, role: 'owner' });
  const login = await fetch(`${api.url}/admin/api/session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-confab-admin': '1',
      'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.1`,
    },
    body: JSON.stringify({ appId: tenant.appId, email, password }),
  });
  return /confab_admin=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
}

async function world(name: string): Promise<World> {
  const tenant = await createTestTenant(api, name);
  await tenant.addUsers('ann', 'ben', 'cy');
  const ann = await connect(api.url, await tenant.token('ann'));
  const group = await ann.ok('conversation.createGroup', {
    title: `${name} group`,
    memberIds: ['ben'],
  });
  const text = `${name} secret words`;
  const sent = await ann.ok('message.send', { conversationId: group.id, clientId: 'm', text });
  ann.close();
  return {
    tenant,
    groupId: group.id,
    seq: sent.message.seq,
    text,
    staffCookie: await staffCookie(tenant),
  };
}

beforeAll(async () => {
  api = await startTestApi();
  [t1, t2] = [await world('T1'), await world('T2')];
  tokens.userT1 = await t1.tenant.token('ann');
  tokens.userT2 = await t2.tenant.token('ann');
  memberlessToken = await t1.tenant.token('cy');
}, 60_000);

afterAll(async () => {
  closeAllClients();
  await api?.close();
});

function surfaceOf(route: RouteEntry): Surface | null {
  if (route.path.startsWith('/v1/')) return 'user';
  if (route.path.startsWith('/server/v1/')) return 'server';
  if (route.path.startsWith('/admin/api/') && route.path !== '/admin/api/session') return 'admin';
  return null;
}

/** Path parameters filled with T1's real records, so a leak would answer with T1's data. */
function fill(path: string): string {
  const values: Record<string, string> = {
    conversationId: t1.groupId,
    seq: String(t1.seq),
    userId: 'ben',
    reaction: 'like',
    id: /\/conversations\/:id/.test(path) ? t1.groupId : 'ben',
  };
  return path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
}

function headersFor(actor: Actor, surface: Surface): Record<string, string> {
  const basic = (t: TestTenant) =>
    `Basic ${Buffer.from(`${t.keyId}:${t.secret}`).toString('base64')}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (surface === 'admin') headers['x-confab-admin'] = '1';
  switch (actor) {
    case 'anonymous':
      break;
    case 'userT1':
    case 'userT2':
      headers.authorization = `Bearer ${tokens[actor]}`;
      break;
    case 'memberless':
      headers.authorization = `Bearer ${memberlessToken}`;
      break;
    case 'keyT1':
      headers.authorization = basic(t1.tenant);
      break;
    case 'keyT2':
      headers.authorization = basic(t2.tenant);
      break;
    case 'staffT1':
      headers.cookie = t1.staffCookie;
      break;
    case 'staffT2':
      headers.cookie = t2.staffCookie;
      break;
  }
  return headers;
}

/** The surface each credential belongs to; on any other it is no credential at all. */
const home: Record<Actor, Surface | null> = {
  anonymous: null,
  userT1: 'user',
  memberless: 'user',
  userT2: 'user',
  keyT1: 'server',
  keyT2: 'server',
  staffT1: 'admin',
  staffT2: 'admin',
};

async function call(route: RouteEntry, actor: Actor, surface: Surface) {
  const method = route.method.toUpperCase();
  const res = await fetch(`${api.url}${fill(route.path)}`, {
    method,
    headers: headersFor(actor, surface),
    body: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify({}),
  });
  return { status: res.status, body: await res.text() };
}

describe('the authorization matrix', () => {
  it('turns away every caller without the credential of the route’s own surface', async () => {
    const routes = listRoutes(api.http).filter((r) => surfaceOf(r) !== null);
    expect(routes.length).toBeGreaterThan(80);
    let cells = 0;
    for (const route of routes) {
      const surface = surfaceOf(route)!;
      for (const actor of Object.keys(home) as Actor[]) {
        if (home[actor] === surface) continue;
        const { status, body } = await call(route, actor, surface);
        cells += 1;
        expect([401, 403], `${actor} ${route.method} ${route.path}: ${status} ${body}`).toContain(
          status,
        );
      }
    }
    console.log(`authorization matrix: ${routes.length} routes, ${cells} foreign-credential cells`);
    expect(cells).toBeGreaterThan(400);
  }, 120_000);

  it('lets another tenant’s credentials find nothing of T1, and a non-member nothing of its chats', async () => {
    const routes = listRoutes(api.http).filter((r) => surfaceOf(r) !== null);
    const before = await fetch(`${api.url}/v1/conversations/${t1.groupId}/changes?afterSeq=0`, {
      headers: headersFor('userT1', 'user'),
    }).then((r) => r.text());
    let cells = 0;
    for (const route of routes) {
      const surface = surfaceOf(route)!;
      const outsiders: Actor[] =
        surface === 'user'
          ? ['userT2', 'memberless']
          : surface === 'server'
            ? ['keyT2']
            : ['staffT2'];
      for (const actor of outsiders) {
        const named = route.path.includes(':');
        if (actor === 'memberless' && !route.path.includes(':conversationId')) continue;
        const { status, body } = await call(route, actor, surface);
        cells += 1;
        const where = `${actor} ${route.method} ${route.path}: ${status} ${body.slice(0, 200)}`;
        // Never T1's data, whatever the answer.
        expect(body.includes(t1.text), where).toBe(false);
        expect(body.includes(t1.tenant.appId), where).toBe(false);
        if (named && status < 300) {
          // Only routes that name a user id may answer: the other tenant has its own `ben`.
          expect(route.path, where).toMatch(/:userId|:id/);
          expect(body.includes(t1.groupId), where).toBe(false);
        } else if (named) {
          expect([400, 404, 409, 422], where).toContain(status);
        }
      }
    }
    console.log(`authorization matrix: ${cells} cross-tenant and non-member cells`);
    expect(cells).toBeGreaterThan(90);
    const after = await fetch(`${api.url}/v1/conversations/${t1.groupId}/changes?afterSeq=0`, {
      headers: headersFor('userT1', 'user'),
    }).then((r) => r.text());
    expect(after).toBe(before);
  }, 120_000);
});
