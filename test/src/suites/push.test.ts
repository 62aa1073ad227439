import { createECDH, randomBytes } from 'node:crypto';

import type { RunningApi } from '@confab/server';
import { generateVapidKeys } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApi } from '../helpers/api.js';
import { selfSignedCertificate } from '../helpers/certificate.js';
import { startChat } from '../helpers/chat.js';
import { closeAllClients } from '../helpers/clients.js';
import { Receiver } from '../helpers/receiver.js';
import { waitFor } from '../helpers/wait.js';
import { startWorkerProcess } from '../helpers/worker-process.js';
import type { WorkerProcess } from '../helpers/worker-process.js';

const vapid = generateVapidKeys();
const VAPID = {
  VAPID_PUBLIC_KEY: vapid.publicKey,
  VAPID_PRIVATE_KEY: vapid.privateKey,
  VAPID_SUBJECT: 'mailto:ops@example.com',
};
let api: RunningApi;
let worker: WorkerProcess;
let pushService: Receiver;

beforeAll(async () => {
  // Push services speak HTTPS only: the stand-in has a certificate the worker is told to trust.
  const certificate = await selfSignedCertificate();
  pushService = await new Receiver().start(certificate);
  api = await startTestApi(VAPID);
  worker = await startWorkerProcess({ ...VAPID, NODE_EXTRA_CA_CERTS: certificate.certFile });
});

afterAll(async () => {
  closeAllClients();
  await worker?.stop();
  await api?.close();
  await pushService?.stop();
});

describe('web push', () => {
  it('pushes an encrypted notification to a subscribed browser, signed with VAPID', async () => {
    const chat = await startChat(api, ['jo', 'kai']);
    await chat.tenant.settings({ notifyDelaySeconds: 0.2 });
    const browser = createECDH('prime256v1');
    browser.generateKeys();
    const subscription = {
      endpoint: `${pushService.url}/push/kai-laptop`,
      keys: {
        p256dh: browser.getPublicKey().toString('base64url'),
        auth: randomBytes(16).toString('base64url'),
      },
    };
    expect(await chat.users.kai!.ok('push.config', {})).toEqual({
      vapidPublicKey: vapid.publicKey,
    });
    expect(await chat.users.kai!.ok('push.subscribe', subscription)).toEqual({ subscribed: true });
    chat.users.kai!.close();

    const direct = await chat.users.jo!.ok('conversation.openDirect', { userId: 'kai' });
    await chat.users.jo!.ok('message.send', {
      conversationId: direct.id,
      clientId: 'p',
      text: 'ping',
    });
    const push = await waitFor(
      () => pushService.received.find((r) => r.path === '/push/kai-laptop'),
      {
        timeoutMs: 15_000,
        what: 'a push message',
      },
    );
    expect(push.method).toBe('POST');
    expect(push.headers.authorization).toMatch(/^vapid t=.+, k=/);
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(push.headers.ttl)).toBeGreaterThan(0);
    // Encrypted for the browser: the text never travels in the clear.
    expect(push.body).not.toContain('ping');
  });
});
