import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

/** Debian's Chromium; `.ci/run` installs it when it is missing. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go: `artifacts/` at the repository root, kept out of git. */
export const ARTIFACTS = fileURLToPath(new URL('../../../artifacts/admin/', import.meta.url));

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A full-page picture once the page has stopped loading data. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  // A notification from the last action would cover part of the page; they hide after 4 s.
  await page
    .locator('.MuiSnackbar-root')
    .waitFor({ state: 'detached', timeout: 8_000 })
    .catch(() => undefined);
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}
