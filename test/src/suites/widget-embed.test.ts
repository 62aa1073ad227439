/// <reference lib="dom" />
// Page functions below run in the browser, where DOM types apply.
import { gzipSync } from 'node:zlib';

import type { RunningApi } from '@confab/server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestTenant, startTestApi } from '../helpers/api.js';
import type { TestTenant } from '../helpers/api.js';
import { launchBrowser } from '../helpers/browser.js';
import { closeAllClients, connect } from '../helpers/clients.js';
import {
  HOSTILE_CSS,
  hostPage,
  pixelDifference,
  sendFromWidget,
  startHostServer,
  widget,
  widgetShot,
} from '../helpers/widget.js';
import type { HostServer } from '../helpers/widget.js';

/** Markup a stranger sends as a name and as messages (case 10); each would set a flag. */
const EVIL_NAME = '<img src=x onerror="window.__pwned=1">Vee';
const EVIL_TEXTS = [
  '<img src=x onerror="window.__pwned=2"> look',
  '<svg onload="window.__pwned=3"></svg> hi',
  '[click me](javascript:window.__pwned=4)',
  'javascript:window.__pwned=5',
];
/** Mixed directions (case 9), each with the direction its bubble must take. */
const MIXED = [
  { text: 'سلام، فایل report-2024.pdf را دیدی؟ ۳ صفحه است', dir: 'rtl' },
  { text: 'שלום, הקישור הוא https://example.com/docs?id=7 תודה', dir: 'rtl' },
  { text: 'مرحبا 😀 كيف الحال؟ 👍🏽', dir: 'rtl' },
  { text: 'Meeting at 10 with علی and דנה', dir: 'ltr' },
];
/** A preview is cut at 80 graphemes: the family emoji sits across the cut. */
const LONG = `${'a'.repeat(78)} 👨‍👩‍👧‍👦 and more words after it`;
const POLL = { timeout: 15_000 };

let api: RunningApi;
let browser: Browser;
let context: BrowserContext;
let host: HostServer;
let tenant: TestTenant;
let danaToken: string;
const pageErrors: string[] = [];

async function open(path: string, viewport = { width: 1000, height: 760 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${error.message}`));
  page.on('dialog', (dialog) => {
    pageErrors.push(`${path}: dialog ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(`${host.origin}${path}`);
  return page;
}

/** What the markup would have set, read in the page (where `globalThis` is its window). */
const pwned = (page: Page) =>
  page.evaluate(() => (globalThis as { __pwned?: number }).__pwned ?? null);

beforeAll(async () => {
  [api, browser] = await Promise.all([startTestApi(), launchBrowser()]);
  tenant = await createTestTenant(api, 'Widget embed');
  await tenant.server.post('/users', {
    users: [
      { id: 'vee', name: EVIL_NAME },
      { id: 'dana', name: 'Dana Levi' },
    ],
  });
  await tenant.server.post('/contacts', { userId: 'dana', contactIds: ['vee'] });
  await tenant.server.post('/users', { users: [{ id: 'dave', name: 'Dave \u202e' }] });
  const bidi = await tenant.server.post('/conversations/groups', {
    ownerId: 'dave',
    title: 'Bidi',
    memberIds: ['dana'],
  });
  expect(bidi.status).toBe(201);
  await tenant.server.post(`/conversations/${bidi.body.conversation.id}/messages`, {
    senderId: 'dave',
    clientId: 'd1',
    text: 'pay 100 to 12345',
  });
  danaToken = await tenant.token('dana', 6 * 3600);
  const vee = await connect(api.url, await tenant.token('vee'));
  const chatId = (await vee.ok('conversation.openDirect', { userId: 'dana' })).id;
  const texts = [...EVIL_TEXTS, ...MIXED.map((m) => m.text), LONG];
  for (const [i, text] of texts.entries()) {
    await vee.ok('message.send', { conversationId: chatId, clientId: `v${i}`, text });
  }

  const page =
    (init: Record<string, unknown> | null, extra: { css?: string; body?: string } = {}) =>
    () =>
      hostPage({ apiUrl: api.url, appId: tenant.appId, init, ...extra });
  const element = `<div style="width:400px;height:600px;margin:20px">
    <confab-chat app-id="${tenant.appId}" token="${danaToken}"></confab-chat></div>`;
  host = await startHostServer({
    '/plain': page({ token: danaToken, open: true }),
    '/hostile': page({ token: danaToken, open: true }, { css: HOSTILE_CSS }),
    '/manual': page(null),
    '/closed': page({ token: danaToken }),
    '/bare': () => '<!doctype html><title>bare</title><p>no widget</p>',
    '/element': () =>
      hostPage({ apiUrl: api.url, appId: tenant.appId, body: element }).replace(
        '<script src=',
        '<style>confab-chat { display: block; height: 100%; }</style><script src=',
      ),
    // The frame asks the page for tokens; the page's provider answers.
    '/iframe': () =>
      hostPage({
        apiUrl: api.url,
        appId: tenant.appId,
        script: `window.asked = 0; Confab.init({ mode: 'iframe', open: true,
          tokenProvider: () => { window.asked += 1; return Promise.resolve(${JSON.stringify(danaToken)}); } });`,
      }),
  });
  context = await browser.newContext();
});

afterAll(async () => {
  closeAllClients();
  await browser?.close();
  await host?.close();
  await api?.close();
  expect(pageErrors).toEqual([]);
});

/** Computed styles of the widget's main parts, read inside its shadow root. */
function widgetStyles(page: Page) {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: Document }).document.querySelector(
      '[data-confab-widget]',
    )!.shadowRoot!;
    const props = [
      'font-family',
      'font-size',
      'color',
      'background-color',
      'padding',
      'margin',
      'border',
      'width',
      'height',
      'letter-spacing',
      'line-height',
      'text-transform',
      'box-sizing',
      'display',
      'direction',
      'border-radius',
    ];
    const picks = [
      '.panel',
      '.header',
      'h2',
      '.msg',
      '.bubble',
      '.composer textarea',
      '.send',
      '.launcher',
      '.day',
      '.avatar',
      '.meta',
    ];
    return picks.map((selector) => {
      const element = root.querySelector(selector);
      if (!element) return { selector, missing: true };
      const style = getComputedStyle(element);
      return { selector, ...Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)])) };
    });
  });
}

async function openChatWithVee(page: Page): Promise<void> {
  const w = widget(page);
  await w.conversationRow(EVIL_NAME).click();
  await w.message('and more words after it').waitFor();
  await page.mouse.move(0, 0);
}

describe('the widget on a host page', () => {
  it('looks the same on a page with hostile global rules as on a plain one', async () => {
    const plain = await open('/plain');
    const hostile = await open('/hostile');
    for (const page of [plain, hostile]) await openChatWithVee(page);

    const [plainStyles, hostileStyles] = [await widgetStyles(plain), await widgetStyles(hostile)];
    expect(plainStyles.some((entry) => 'missing' in entry)).toBe(false);
    expect(hostileStyles).toEqual(plainStyles);

    const [a, b] = [
      await widget(plain).panel.screenshot({ animations: 'disabled' }),
      await widget(hostile).panel.screenshot({ animations: 'disabled' }),
    ];
    const difference = await pixelDifference(browser, a, b);
    // Antialiasing at the rounded corners may shift a channel by a unit or two; any rule of the
    // page that got through would change thousands of pixels by far more.
    expect(difference.maxDelta).toBeLessThanOrEqual(8);
    expect(difference.differing).toBeLessThan((difference.width * difference.height) / 1000);
    await widgetShot(plain, 'plain-host');
    await widgetShot(hostile, 'hostile-host');
    await hostile.close();
  });

  it('shows markup from strangers as text, and runs none of it (case 10)', async () => {
    const page = context.pages().find((p) => p.url().endsWith('/plain'))!;
    const w = widget(page);
    expect(await w.root.locator('.header h2').textContent()).toBe(EVIL_NAME);
    for (const text of EVIL_TEXTS) {
      expect(await w.message(text).locator('.text').textContent()).toBe(text);
    }
    expect(await w.root.locator('img[src="x"], svg[onload], script').count()).toBe(0);
    const hrefs = await w.root
      .locator('a')
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    expect(hrefs.every((href) => href.startsWith('https://'))).toBe(true);
    expect(await pwned(page)).toBeNull();
  });

  it('gives each bubble its own direction, and copies back the original text (case 9)', async () => {
    const page = context.pages().find((p) => p.url().endsWith('/plain'))!;
    const w = widget(page);
    for (const { text, dir } of MIXED) {
      const bubble = w.message(text).locator('.bubble');
      expect(await bubble.getAttribute('dir')).toBe('auto');
      expect(await bubble.evaluate((el) => getComputedStyle(el).direction)).toBe(dir);
      const copied = await bubble.locator('.text').evaluate((el) => {
        const range = el.ownerDocument.createRange();
        range.selectNodeContents(el);
        const selection = el.ownerDocument.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return selection.toString();
      });
      expect(copied).toBe(text);
    }
    const link = w.message(MIXED[1]!.text).locator('a');
    expect(await link.getAttribute('href')).toBe('https://example.com/docs?id=7');
    expect(await link.getAttribute('rel')).toContain('noopener');

    // The list preview is cut by graphemes: the family emoji stays whole.
    await w.root.getByRole('button', { name: 'Back' }).click();
    const preview = await w.conversationRow(EVIL_NAME).locator('.row-preview').textContent();
    expect(preview).toBe(`${'a'.repeat(78)} 👨‍👩‍👧‍👦…`);

    // A name that ends in a right-to-left override cannot reverse the text after it.
    const order = await w
      .conversationRow('Bidi')
      .locator('.row-preview')
      .evaluate((el) => {
        const doc = el.ownerDocument;
        const walker = doc.createTreeWalker(el, 4);
        let node = walker.nextNode() as Text | null;
        while (node && !node.data.includes('pay')) node = walker.nextNode() as Text | null;
        const left = (word: string) => {
          const range = doc.createRange();
          const at = node!.data.indexOf(word);
          range.setStart(node!, at);
          range.setEnd(node!, at + word.length);
          return range.getBoundingClientRect().left;
        };
        return { pay: left('pay'), digits: left('12345') };
      });
    expect(order.pay).toBeLessThan(order.digits);
    await page.close();
  });

  it('mounts once however often init runs, comes back after the page drops it, and unmounts', async () => {
    const bare = await open('/bare');
    const before = await bare.evaluate(() => Object.getOwnPropertyNames(globalThis));
    await bare.close();
    const page = await open('/manual');
    const added = await page.evaluate(
      (names) => Object.getOwnPropertyNames(globalThis).filter((n) => !names.includes(n)),
      before,
    );
    expect(added).toEqual(['Confab']);

    const count = () => page.locator('[data-confab-widget]').count();
    await page.evaluate((token) => {
      const { Confab } = globalThis as unknown as { Confab: { init(o: object): unknown } };
      Confab.init({ token });
      Confab.init({ token });
    }, danaToken);
    expect(await count()).toBe(1);
    await widget(page).launcher.click();
    await widget(page).conversationRow(EVIL_NAME).waitFor();

    // A single-page app swaps its view, throwing the widget out, then mounts again.
    await page.evaluate((token) => {
      const g = globalThis as unknown as {
        document: Document;
        Confab: { init(o: object): unknown };
      };
      g.document.body.replaceChildren(g.document.createElement('main'));
      g.Confab.init({ token });
      g.Confab.init({ token });
    }, danaToken);
    expect(await count()).toBe(1);
    await widget(page).conversationRow(EVIL_NAME).waitFor();

    await page.evaluate(() =>
      (globalThis as unknown as { Confab: { unmount(): Promise<void> } }).Confab.unmount(),
    );
    expect(await count()).toBe(0);
    await page.close();
  });

  it('takes translations and a theme, and refuses options it does not know', async () => {
    const page = await open('/manual');
    const refused = await page.evaluate((token) => {
      const { Confab } = globalThis as unknown as { Confab: { init(o: object): unknown } };
      const attempt = (options: object) => {
        try {
          Confab.init(options);
          return 'mounted';
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      };
      return [
        attempt({ token, strings: { nonsense: 'x' } }),
        attempt({}),
        attempt({ token, theme: { accent: 'red; background: url(x)' } }),
      ];
    }, danaToken);
    expect(refused).toEqual([
      'TypeError: Confab: unknown string key "nonsense"',
      'TypeError: Confab: pass a token or a tokenProvider',
      'TypeError: Confab: theme entry "accent" is not a plain property value',
    ]);
    expect(await page.locator('[data-confab-widget]').count()).toBe(0);

    await page.evaluate((token) => {
      const { Confab } = globalThis as unknown as { Confab: { init(o: object): unknown } };
      Confab.init({
        token,
        open: true,
        strings: { title: 'Nachrichten', tabContacts: 'Kontakte', openChat: 'Chat öffnen' },
        theme: { accent: '#0a7d5a' },
      });
    }, danaToken);
    const w = widget(page);
    await w.root.locator('.header h2', { hasText: 'Nachrichten' }).waitFor();
    await w.tab('Kontakte').waitFor();
    expect(await w.launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(10, 125, 90)',
    );
    await page.close();
  });

  it('offers recall only within the recall window it was given', async () => {
    const page = await open('/manual');
    await page.evaluate((token) => {
      const { Confab } = globalThis as unknown as { Confab: { init(o: object): unknown } };
      Confab.init({ token, open: true, recallWindowSeconds: 0 });
    }, danaToken);
    const w = widget(page);
    await w.conversationRow(EVIL_NAME).click();
    await sendFromWidget(page, 'mine to keep');
    const own = w.message('mine to keep');
    await own.hover();
    await own.locator('[data-action="menu"]').click();
    const items = await w.root.getByRole('menuitem').allTextContents();
    expect(items).toContain('Delete for everyone');
    expect(items).not.toContain('Recall');
    await page.close();
  });

  it('works as a <confab-chat> element inside its box', async () => {
    const page = await open('/element');
    const row = page.locator('confab-chat .row[data-conversation]').first();
    await row.waitFor();
    const box = (await page.locator('confab-chat').boundingBox())!;
    const panel = (await page.locator('confab-chat .panel').boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(box.x);
    expect(panel.x + panel.width).toBeLessThanOrEqual(box.x + box.width + 1);
    expect(box.height).toBe(600);
    expect(panel.y).toBeGreaterThanOrEqual(box.y);
    expect(panel.y + panel.height).toBeLessThanOrEqual(box.y + box.height + 1);
    expect(await page.locator('confab-chat .launcher').count()).toBe(0);
    await row.click();
    await page.locator('confab-chat .msg[data-seq]').first().waitFor();
    await widgetShot(page, 'custom-element');
    await page.close();
  });

  it('works in iframe mode, on the api origin, out of the host page reach', async () => {
    const page = await open('/iframe');
    const frameElement = page.locator('iframe[data-confab-widget]');
    await frameElement.waitFor();
    expect(await frameElement.getAttribute('sandbox')).toContain('allow-scripts');
    const frame = page.frameLocator('iframe[data-confab-widget]');
    await frame.locator('.row[data-conversation]').first().click();
    await frame.locator('.msg[data-seq]').first().waitFor();
    const frameUrl = page
      .frames()
      .find((f) => f !== page.mainFrame())!
      .url();
    expect(new URL(frameUrl).origin).toBe(new URL(api.url).origin);
    expect(await page.evaluate(() => (globalThis as { asked?: number }).asked)).toBeGreaterThan(0);
    // The host cannot reach into the frame's document.
    const reach = await page.evaluate(() => {
      const g = globalThis as unknown as { document: Document };
      try {
        return g.document.querySelector('iframe')!.contentDocument === null ? 'blocked' : 'open';
      } catch {
        return 'blocked';
      }
    });
    expect(reach).toBe('blocked');
    await frame.locator('.composer textarea').fill('from the frame');
    await frame.locator('.composer textarea').press('Enter');
    await frame.locator('.msg[data-seq]', { hasText: 'from the frame' }).waitFor();
    await widgetShot(page, 'iframe-mode');
    await page.close();
  });

  it('is usable from the keyboard: launcher, tabs, and Escape back to the launcher', async () => {
    const page = await open('/closed');
    const w = widget(page);
    await w.launcher.waitFor();
    const focused = () =>
      page.evaluate(() => {
        const host = document.activeElement;
        const inner = host?.shadowRoot?.activeElement;
        return inner ? (inner.getAttribute('aria-label') ?? inner.textContent) : null;
      });
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Open chat');
    await page.keyboard.press('Enter');
    await w.panel.waitFor();
    expect(await focused()).toBe('Chats');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Contacts');
    expect(await w.tab('Contacts').getAttribute('aria-selected')).toBe('true');
    await w.contactRow('vee').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await w.composer.waitFor();
    expect(await focused()).toBe('Write a message');
    await page.keyboard.press('Escape');
    await w.panel.waitFor({ state: 'hidden' });
    expect(await focused()).toBe('Open chat');
    await page.close();
  });

  it('serves widget.js to other sites, within its size budget', async () => {
    const res = await fetch(`${api.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('content-type')).toContain('javascript');
    const code = Buffer.from(await res.arrayBuffer());
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(90 * 1024);
  });
});

describe('a tenant that lists its origins', () => {
  it('lets a listed page chat, in the page and in iframe mode', async () => {
    await tenant.settings({ allowedOrigins: [host.origin] });
    const fresh = await browser.newContext();
    const page = await fresh.newPage();
    await page.goto(`${host.origin}/iframe`);
    const frame = page.frameLocator('iframe[data-confab-widget]');
    await frame.locator('.row[data-conversation]').first().click();
    await frame.locator('.composer textarea').fill('listed origin, framed');
    await frame.locator('.composer textarea').press('Enter');
    await frame.locator('.msg[data-seq]', { hasText: 'listed origin, framed' }).waitFor();
    await page.goto(`${host.origin}/plain`);
    await widget(page).conversationRow(EVIL_NAME).click();
    await widget(page).message('listed origin, framed').waitFor();
    await fresh.close();
  });

  it('refuses a page of an origin it does not list, and lets only listed pages frame the widget', async () => {
    await tenant.settings({ allowedOrigins: ['https://elsewhere.example'] });
    const frame = await fetch(`${api.url}/widget/frame?appId=${tenant.appId}`);
    expect(frame.headers.get('content-security-policy')).toContain(
      'frame-ancestors https://elsewhere.example',
    );
    expect(frame.headers.get('x-frame-options')).toBeNull();
    // A context of its own: the history cache of the pages above would show without a link.
    const fresh = await browser.newContext();
    const page = await fresh.newPage();
    await page.goto(`${host.origin}/plain`);
    await widget(page).banner.filter({ hasText: 'This site may not use this chat' }).waitFor(POLL);
    expect(await widget(page).root.locator('.row[data-conversation]').count()).toBe(0);
    await fresh.close();
    await tenant.settings({ allowedOrigins: [] });
  });
});
