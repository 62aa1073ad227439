import { randomBytes } from 'node:crypto';

import { createAdmin } from '@confab/server';
import type { RunningApi } from '@confab/server';
import request from 'supertest';

import type { TestTenant } from './api.js';

export type StaffRole = 'owner' | 'admin' | 'moderator' | 'viewer';

export interface Staff {
  email: string;
  password: string;
  appId: string;
  /** A signed-in browser-like client: it keeps the session cookie and sends the header. */
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body: object): request.Test;
  delete(path: string): request.Test;
}

/** A made-up client address per sign-in, so brute-force counts of tests never meet. */
export function randomAddress(): string {
  return `10.${[0, 0, 0].map(() => randomBytes(1)[0]! % 250).join('.')}`;
}

/** Makes a staff account in the tenant (as the operator CLI would) and signs it in. */
export async function signedInStaff(
  api: RunningApi,
  tenant: TestTenant,
  role: StaffRole,
): Promise<Staff> {
  const email = `${role}-${randomBytes(3).toString('hex')}@example.test`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  await createAdmin(tenant.appId, { email, password, role });
  const agent = request.agent(api.http);
  const address = randomAddress();
  const login = await agent
    .post('/admin/api/session')
    .set('X-Confab-Admin', '1')
    .set('X-Forwarded-For', address)
    .send({ appId: tenant.appId, email, password });
  if (login.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(login.body)}`);

  const path = (p: string) => `/admin/api${p}`;
  const header = (test: request.Test) => test.set('X-Confab-Admin', '1');
  return {
    email,
    password,
    appId: tenant.appId,
    get: (p) => header(agent.get(path(p))),
    post: (p, body = {}) => header(agent.post(path(p))).send(body),
    put: (p, body) => header(agent.put(path(p))).send(body),
    delete: (p) => header(agent.delete(path(p))),
  };
}

/** The query string of a react-admin list call. */
export function listQuery(filter: object = {}, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ filter: JSON.stringify(filter), ...extra });
  return `?${params}`;
}
