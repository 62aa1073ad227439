import type { RunningApi } from '@confab/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestApi } from '../helpers/api.js';
import { launchBrowser } from '../helpers/browser.js';
import { listRoutes } from '../helpers/routes.js';

let api: RunningApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: {
          content: Record<
            string,
            { schema: { required?: string[]; properties: Record<string, unknown> } }
          >;
        };
      }
    >
  >;
}

describe('the OpenAPI document', () => {
  it('describes every route of the user and server APIs, from the schemas they validate with', async () => {
    const res = await fetch(`${api.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApi;
    expect(doc.openapi).toBe('3.1.0');

    const served = listRoutes(api.http).filter(
      (r) => r.path.startsWith('/v1/') || r.path.startsWith('/server/v1/'),
    );
    for (const route of served) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method], `${route.method} ${route.path}`).toBeDefined();
    }
    const send = doc.paths['/v1/conversations/{conversationId}/messages']!.post!;
    const body = send.requestBody!.content['application/json']!.schema;
    expect(body.required).toEqual(expect.arrayContaining(['clientId', 'text']));
    expect(body.properties).not.toHaveProperty('conversationId');
  });

  it('is browsable at /docs under the api’s script policy', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
      });
      await page.goto(`${api.url}/docs`);
      await page.getByText('Confab REST API').first().waitFor({ timeout: 15_000 });
      await page.getByText('/server/v1/tokens').first().waitFor();
      expect(blocked).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
