import type { TokenSource } from '@confab/sdk';

import { makeStrings } from './strings.js';
import type { Strings } from './strings.js';

/** What a host page passes to `Confab.init`. */
export interface WidgetOptions {
  /** The tenant's app id; defaults to the script tag's `data-app-id`. */
  appId?: string;
  /** A user token from the tenant's backend. */
  token?: string;
  /** Or a function that fetches a fresh one; the widget calls it before each expiry. */
  tokenProvider?: () => string | Promise<string>;
  /** The Confab api; defaults to where widget.js was loaded from. */
  url?: string;
  /** `shadow` (the default) mounts in the page under a shadow root; `iframe` in a sandboxed frame. */
  mode?: 'shadow' | 'iframe';
  /** Show the chat inside this element instead of as a floating launcher. */
  container?: HTMLElement;
  /** Start with the panel open. */
  open?: boolean;
  /** Translations: any keys of the strings table. */
  strings?: Record<string, string>;
  /** Offer recall for at most this long, if shorter than the tenant's recall window. */
  recallWindowSeconds?: number;
  /** Offer edits for at most this long, if shorter than the tenant's edit window. */
  editWindowSeconds?: number;
  /** `--confab-*` custom properties to set on the widget, as `{ accent: '#0a7' }`. */
  theme?: Record<string, string>;
}

export interface ResolvedOptions {
  appId: string;
  token: TokenSource;
  url: string;
  mode: 'shadow' | 'iframe';
  container: HTMLElement | null;
  open: boolean;
  strings: Strings;
  recallWindowMs: number | null;
  editWindowMs: number | null;
  theme: Record<string, string>;
}

const APP_ID = /^[\w-]{1,100}$/;
const THEME_KEY = /^[a-z][a-z0-9-]{0,40}$/;

/** Checks what the host passed; a wrong value throws a TypeError naming the option. */
export function resolveOptions(input: WidgetOptions, defaults: { appId?: string; url?: string }) {
  if (typeof input !== 'object' || input === null) throw new TypeError('Confab.init needs options');
  const appId = input.appId ?? defaults.appId;
  if (typeof appId !== 'string' || !APP_ID.test(appId)) {
    throw new TypeError('Confab: appId is missing or malformed');
  }
  const token = tokenSource(input);
  const url = (input.url ?? defaults.url ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+$/.test(url)) throw new TypeError('Confab: url must be http(s)://host');
  if (input.mode !== undefined && input.mode !== 'shadow' && input.mode !== 'iframe') {
    throw new TypeError('Confab: mode is "shadow" or "iframe"');
  }
  if (input.container !== undefined && !(input.container instanceof HTMLElement)) {
    throw new TypeError('Confab: container must be an element');
  }
  const theme: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.theme ?? {})) {
    if (!THEME_KEY.test(key) || typeof value !== 'string' || /[;{}]/.test(value)) {
      throw new TypeError(`Confab: theme entry "${key}" is not a plain property value`);
    }
    theme[key] = value;
  }
  return {
    appId,
    token,
    url,
    mode: input.mode ?? 'shadow',
    container: input.container ?? null,
    open: input.open === true,
    strings: makeStrings(input.strings),
    recallWindowMs: milliseconds(input.recallWindowSeconds, 'recallWindowSeconds'),
    editWindowMs: milliseconds(input.editWindowSeconds, 'editWindowSeconds'),
    theme,
  } satisfies ResolvedOptions;
}

function tokenSource(input: WidgetOptions): TokenSource {
  if (typeof input.tokenProvider === 'function') {
    const provider = input.tokenProvider;
    return async () => String(await provider());
  }
  if (typeof input.token === 'string' && input.token.length > 0) return input.token;
  throw new TypeError('Confab: pass a token or a tokenProvider');
}

function milliseconds(value: number | undefined, name: string): number | null {
  if (value === undefined) return null;
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`Confab: ${name} must be >= 0`);
  return value * 1000;
}
