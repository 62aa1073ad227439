import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, describe, expect, inject, it } from 'vitest';

import { waitFor } from '../helpers/wait.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

let demo: ChildProcess | undefined;
let dir: string | undefined;

afterAll(async () => {
  demo?.kill('SIGTERM');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the demo', () => {
  it('comes up with a tenant and tokens, and the README script makes two users chat', async () => {
    const services = inject('services');
    dir = await mkdtemp(join(tmpdir(), 'confab-demo-'));
    let output = '';
    demo = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: root,
      env: {
        ...process.env,
        CONFAB_DEMO_DIR: dir,
        PORT: '0',
        MONGODB_URI: services.storeUrl,
        REDIS_URL: services.redisUrl,
      },
    });
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await waitFor(() => output.includes('confab-demo: ready'), {
      timeoutMs: 60_000,
      what: 'demo ready',
    });
    expect(output).toMatch(/app id\s+app_/);
    expect(output).toMatch(/alice token\s+ey/);

    // A widget demo page per user, on an origin of its own, loading widget.js from the api.
    const pageUrl = /alice\s+widget\s+(http:\/\/127\.0\.0\.1:\d+\/\?user=alice)/.exec(output)?.[1];
    expect(pageUrl).toBeDefined();
    const apiUrl = /running at (http:\/\/\S+)/.exec(output)?.[1];
    const page = await (await fetch(pageUrl!)).text();
    expect(page).toContain(`<script src="${apiUrl}/widget.js" data-app-id="app_`);
    expect(page).toContain('Confab.init({"token":"ey');
    expect((await fetch(`${apiUrl}/widget.js`)).status).toBe(200);

    // The console owner it prints can sign in.
    const owner = /app id (app_\S+), email (\S+), password (\S+)/.exec(output);
    expect(owner).not.toBeNull();
    const signIn = await fetch(`${apiUrl}/admin/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-confab-admin': '1' },
      body: JSON.stringify({ appId: owner![1], email: owner![2], password: owner![3] }),
    });
    expect(signIn.status).toBe(200);

    const chat = await run(process.execPath, ['examples/two-users-chat.mjs'], {
      cwd: root,
      env: { ...process.env, CONFAB_DEMO_FILE: join(dir, 'demo.json') },
    });
    expect(chat.stdout).toContain('bob received #1 from alice: Hi Bob, this is Alice!');
    expect(chat.stdout).toMatch(/#2 bob: Hi Alice! Got it\./);

    // The SDK's own example chats against the same demo.
    const sdkChat = await run(process.execPath, ['sdk/examples/node-chat.mjs'], {
      cwd: root,
      env: { ...process.env, CONFAB_DEMO_FILE: join(dir, 'demo.json') },
    });
    expect(sdkChat.stdout).toMatch(/alice sent #\d+/);
    expect(sdkChat.stdout).toMatch(/bob replied #\d+/);
  }, 90_000);
});
