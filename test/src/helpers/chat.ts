import type { RunningApi } from '@confab/server';

import { createTestTenant } from './api.js';
import type { TestTenant } from './api.js';
import { connect } from './clients.js';
import type { TestClient } from './clients.js';

export interface Chat {
  tenant: TestTenant;
  /** One connected device per user, by user id. */
  users: Record<string, TestClient>;
  /** Connects another device of a user. */
  device(userId: string): Promise<TestClient>;
}

/** A fresh tenant with these users, each connected once. */
export async function startChat(api: RunningApi, userIds: string[]): Promise<Chat> {
  const tenant = await createTestTenant(api);
  await tenant.addUsers(...userIds);
  const device = async (userId: string) => connect(api.url, await tenant.token(userId));
  const clients = await Promise.all(userIds.map(device));
  const users = Object.fromEntries(userIds.map((id, i) => [id, clients[i]!]));
  return { tenant, users, device };
}
