// `npm run demo`: the whole platform on this machine with demo data. Starts the store and
// Redis (unless MONGODB_URI / REDIS_URL are given), the api, a demo tenant with three users,
// and prints what a developer needs to try it. Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  createAdmin,
  createTenant,
  generateVapidKeys,
  getTenant,
  loadConfig,
  signUserToken,
  startApi,
  startWorker,
} from '@confab/server';
import type { RunningApi } from '@confab/server';

import { startDemoPages } from './demo-page.js';
import { repoRoot, startServices } from './services/index.js';

const dataDir = process.env.CONFAB_DEMO_DIR ?? join(repoRoot, '.confab', 'demo');
const DEMO_USERS = [
  { id: 'alice', name: 'Alice Park' },
  { id: 'bob', name: 'Bob Stone' },
  { id: 'carol', name: 'Carol Diaz' },
];
const TOKEN_TTL_SECONDS = 24 * 60 * 60;

interface DemoTenant {
  appId: string;
  keyId: string;
  secret: string;
  /** The console owner's sign-in (set by demos made before the console had one: absent). */
  console?: { email: string; password: string };
}

const CONSOLE_EMAIL = 'owner@demo.example';

/** The master key and demo tenant live in the data folder, so a restart keeps working. */
async function masterKey(): Promise<string> {
  const file = join(dataDir, 'master.key');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const key = randomBytes(32).toString('hex');
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** Web Push keys, made once and kept with the demo's data. */
async function vapidKeys(): Promise<{ publicKey: string; privateKey: string }> {
  const file = join(dataDir, 'vapid.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8'));
  const keys = generateVapidKeys();
  await writeFile(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

async function demoTenant(key: Buffer): Promise<DemoTenant> {
  const file = join(dataDir, 'tenant.json');
  if (existsSync(file)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as DemoTenant;
    const found = await getTenant(saved.appId).catch(() => null);
    if (found) return saved;
  }
  const made = await createTenant(key, 'Demo');
  const password = randomBytes(12).toString('base64url');
  await createAdmin(made.appId, {
    email: CONSOLE_EMAIL,
    password,
    role: 'owner',
    name: 'Demo owner',
  });
  const tenant: DemoTenant = {
    appId: made.appId,
    keyId: made.key.keyId,
    secret: made.key.secret,
    console: { email: CONSOLE_EMAIL, password },
  };
  await writeFile(file, JSON.stringify(tenant, null, 2), { mode: 0o600 });
  return tenant;
}

async function seedUsers(api: RunningApi, tenant: DemoTenant): Promise<void> {
  const auth = `Basic ${Buffer.from(`${tenant.keyId}:${tenant.secret}`).toString('base64')}`;
  const res = await fetch(`${api.url}/server/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify({ users: DEMO_USERS }),
  });
  if (!res.ok) throw new Error(`could not create demo users: ${await res.text()}`);
  // Everyone knows everyone, so the widget's contacts and new-chat screens have people in them.
  for (const user of DEMO_USERS) {
    const contactIds = DEMO_USERS.filter((other) => other.id !== user.id).map((other) => other.id);
    const made = await fetch(`${api.url}/server/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify({ userId: user.id, contactIds }),
    });
    if (!made.ok) throw new Error(`could not make demo contacts: ${await made.text()}`);
  }
}

/** The widget demo pages' port: DEMO_PAGE_PORT, else the one after the api's. */
function demoPagePort(apiPort: string | undefined): number {
  if (process.env.DEMO_PAGE_PORT) return Number(process.env.DEMO_PAGE_PORT);
  const port = Number(apiPort ?? '3000');
  return port === 0 ? 0 : port + 1;
}

async function main(): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  console.log('Starting the store and Redis...');
  const services = await startServices({ dataDir: join(dataDir, 'services') });
  const vapid = await vapidKeys();

  const config = loadConfig({
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    PORT: process.env.PORT ?? '3000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    MONGODB_URI: `${services.mongodbUri.replace(/\/?$/, '/')}confab_demo`,
    REDIS_URL: services.redisUrl,
    MASTER_KEY: process.env.MASTER_KEY ?? (await masterKey()),
    VAPID_PUBLIC_KEY: process.env.VAPID_PUBLIC_KEY ?? vapid.publicKey,
    VAPID_PRIVATE_KEY: process.env.VAPID_PRIVATE_KEY ?? vapid.privateKey,
    VAPID_SUBJECT: process.env.VAPID_SUBJECT ?? 'mailto:demo@localhost',
  });
  const api = await startApi(config);
  // The demo runs the worker role in the api's process; production runs it apart.
  const worker = await startWorker(config, api.log, { context: api.context, sharedStore: true });
  const tenant = await demoTenant(config.MASTER_KEY);
  await seedUsers(api, tenant);

  const tokens = Object.fromEntries(
    DEMO_USERS.map((user) => [
      user.id,
      signUserToken(tenant.keyId, tenant.secret, user.id, TOKEN_TTL_SECONDS).token,
    ]),
  );
  const pages = await startDemoPages({
    apiUrl: api.url,
    appId: tenant.appId,
    port: demoPagePort(process.env.PORT ?? '3000'),
    users: DEMO_USERS,
    tokens,
  });
  const demo = { url: api.url, ...tenant, tokens, widgetPages: pages.urls };
  await writeFile(join(dataDir, 'demo.json'), JSON.stringify(demo, null, 2), { mode: 0o600 });

  console.log(`
Confab is running at ${api.url}

  app id       ${tenant.appId}
  API key id   ${tenant.keyId}
  API secret   ${tenant.secret}

  alice token  ${tokens.alice}
  bob token    ${tokens.bob}
  carol token  ${tokens.carol}

The admin console: ${api.url}/admin/
${
  tenant.console
    ? `  app id ${tenant.appId}, email ${tenant.console.email}, password ${tenant.console.password}`
    : '  (this demo predates its console owner: delete .confab/demo and start again to get one)'
}

The widget on a demo site, one page per user (open two in separate windows):

${DEMO_USERS.map((user) => `  ${user.id.padEnd(6)} widget  ${pages.urls[user.id]}`).join('\n')}

Everything above is also in ${join(dataDir, 'demo.json')}.
Make alice and bob chat:  node examples/two-users-chat.mjs
Press Ctrl-C to stop.
confab-demo: ready`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await pages.close();
    await worker.close();
    await api.close();
    await services.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  for (const service of services.services) {
    void service.exited.then(async (exit) => {
      if (stopping) return;
      console.error(`${service.name} stopped unexpectedly (${JSON.stringify(exit)})`);
      await stop(1);
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
