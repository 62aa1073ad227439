#!/usr/bin/env node
import { parseArgs } from 'node:util';

import { createAdmin } from '../admin/accounts.js';
import { createApiKey } from '../auth/api-keys.js';
import { loadStoreConfig } from '../config.js';
import { createTenant, getTenant } from '../domain/tenants.js';
import { createLogger } from '../logger.js';
import { connectStore, disconnectStore } from '../store/connect.js';
import { ADMIN_ROLES } from '../store/models/index.js';
import type { AdminRole } from '../store/models/index.js';

const USAGE = `Usage: confab <command> [options]

Commands:
  tenant create --name NAME     create a tenant; prints its app id, key id and secret once
  key create --app APP_ID       add an API key to a tenant; prints the secret once
  admin create --app APP_ID --email EMAIL --password-stdin [--role ROLE] [--name NAME]
                                add a console account (role owner unless given), reading
                                the password (at least 12 characters) from standard input

Options:
  --json                        print the result as JSON

Needs MONGODB_URI and MASTER_KEY in the environment.`;

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      app: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string', default: 'owner' },
      'password-stdin': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals.join(' ');
  if (values.help || !['tenant create', 'key create', 'admin create'].includes(command)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }

  const config = loadStoreConfig();
  await connectStore(config.MONGODB_URI, createLogger('warn', 'confab-cli'));
  try {
    if (command === 'tenant create') {
      const name = values.name?.trim();
      if (!name) throw new Error('--name is required');
      const tenant = await createTenant(config.MASTER_KEY, name);
      print(values.json, {
        appId: tenant.appId,
        name: tenant.name,
        keyId: tenant.key.keyId,
        secret: tenant.key.secret,
      });
    } else if (command === 'key create') {
      if (!values.app) throw new Error('--app is required');
      await getTenant(values.app);
      const key = await createApiKey(config.MASTER_KEY, values.app);
      print(values.json, { appId: values.app, keyId: key.keyId, secret: key.secret });
    } else {
      if (!values.app || !values.email) throw new Error('--app and --email are required');
      // A password in the arguments would stay in shell history and process lists.
      if (!values['password-stdin']) throw new Error('--password-stdin is required');
      const role = values.role as AdminRole;
      if (!ADMIN_ROLES.includes(role))
        throw new Error(`--role is one of ${ADMIN_ROLES.join(', ')}`);
      await getTenant(values.app);
      const admin = await createAdmin(values.app, {
        email: values.email,
        password: await readPassword(),
        role,
        name: values.name,
      });
      print(values.json, { appId: admin.tenantId, adminId: admin._id, email: admin.email, role });
    }
    return 0;
  } finally {
    await disconnectStore();
  }
}

/** The whole of standard input, without the line break a shell or `echo` adds at the end. */
async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function print(json: boolean | undefined, result: Record<string, string>): void {
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  for (const [key, value] of Object.entries(result)) console.log(`${key.padEnd(8)} ${value}`);
  if ('secret' in result) console.log('\nThe secret is shown once; store it now.');
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`confab: ${(error as Error).message}`);
    process.exit(1);
  },
);
