/** What the bench asks a load-generator process, and what it answers (over IPC). */
export type ChildRequest =
  | {
      type: 'connect';
      url: string;
      /** One connection per token; `null` connects without one (the bare server). */
      tokens: (string | null)[];
      localAddress?: string;
      /** Connections opened at once. */
      parallel: number;
    }
  | { type: 'reset' }
  | { type: 'totals' }
  | { type: 'arrivals'; clientId: string }
  | { type: 'close' };

export type ChildReply =
  | { type: 'ready' }
  | { type: 'connected'; open: number; failed: number }
  | { type: 'reset' }
  | { type: 'totals'; total: number; firstAt: number; lastAt: number }
  | { type: 'arrivals'; count: number; last: number }
  | { type: 'closed' };
