import type { ConfabClient } from '@confab/sdk';

import type { People } from './people.js';
import type { Strings } from './strings.js';

/** What every screen gets from the widget around it. */
export interface WidgetContext {
  client: ConfabClient;
  strings: Strings;
  people: People;
  /** A page's own, shorter edit and recall windows; null follows the tenant's. */
  recallWindowMs: number | null;
  editWindowMs: number | null;
  /** The panel: sheets, menus and notices are placed in it. */
  layer: HTMLElement;
  /** The shadow root (or frame document), to find the focused element. */
  root: DocumentOrShadowRoot;
  go(route: Route): void;
  toast(text: string): void;
  /** A button that closes the panel, shown where the panel covers the launcher. */
  closeButton(): HTMLElement | null;
  /** Whether the user can see the panel now (open, page visible). */
  visible(): boolean;
}

export type Route =
  | { screen: 'home'; tab: 'chats' | 'contacts' }
  | { screen: 'new' }
  | { screen: 'chat'; conversationId: string };

export interface Screen {
  element: HTMLElement;
  /** Puts focus on the screen's main control. */
  focus(): void;
  /** Called when the panel opens or the page becomes visible again. */
  shown?(): void;
  destroy(): void;
}
