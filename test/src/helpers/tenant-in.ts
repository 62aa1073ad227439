import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { testEnv } from './api.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../../server/dist/cli/confab.js', import.meta.url));

export interface RemoteTenant {
  appId: string;
  /** Creates the user if need be and issues a token, through the api's server API. */
  token(userId: string): Promise<string>;
}

/**
 * A tenant in the store at `mongodbUri`, made with the operator CLI as an operator would, for
 * an api that runs on a store of its own; users and tokens come from that api's server API.
 */
export async function createTenantIn(apiUrl: string, mongodbUri: string): Promise<RemoteTenant> {
  const env = { ...process.env, MONGODB_URI: mongodbUri, MASTER_KEY: testEnv().MASTER_KEY };
  const { stdout } = await run(
    process.execPath,
    [cli, 'tenant', 'create', '--name', 'Own', '--json'],
    {
      env,
    },
  );
  const made = JSON.parse(stdout) as { appId: string; keyId: string; secret: string };
  const authorization = `Basic ${Buffer.from(`${made.keyId}:${made.secret}`).toString('base64')}`;
  const post = async (path: string, body: object) => {
    const res = await fetch(`${apiUrl}/server/v1${path}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ token?: string }>;
  };
  return {
    appId: made.appId,
    async token(userId) {
      await post('/users', { users: [{ id: userId }] });
      return (await post('/tokens', { userId })).token!;
    },
  };
}
