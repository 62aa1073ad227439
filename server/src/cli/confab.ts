#!/usr/bin/env node
import { parseArgs } from 'node:util';

import { createApiKey } from '../auth/api-keys.js';
import { loadStoreConfig } from '../config.js';
import { createTenant, getTenant } from '../domain/tenants.js';
import { createLogger } from '../logger.js';
import { connectStore, disconnectStore } from '../store/connect.js';

const USAGE = `Usage: confab <command> [options]

Commands:
  tenant create --name NAME     create a tenant; prints its app id, key id and secret once
  key create --app APP_ID       add an API key to a tenant; prints the secret once

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
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals.join(' ');
  if (values.help || !['tenant create', 'key create'].includes(command)) {
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
    } else {
      if (!values.app) throw new Error('--app is required');
      await getTenant(values.app);
      const key = await createApiKey(config.MASTER_KEY, values.app);
      print(values.json, { appId: values.app, keyId: key.keyId, secret: key.secret });
    }
    return 0;
  } finally {
    await disconnectStore();
  }
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
