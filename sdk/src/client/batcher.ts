/**
 * Gathers keys over a short delay and runs one task for all of them: ten deletes in a burst
 * make one unread request, not ten. A failed task is dropped; the next catch-up repairs.
 */
export class Batcher<K> {
  private readonly keys = new Set<K>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly delayMs: number,
    private readonly task: (keys: K[]) => Promise<void>,
  ) {}

  add(key: K): void {
    if (this.stopped) return;
    this.keys.add(key);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const keys = [...this.keys];
      this.keys.clear();
      this.task(keys).catch(() => undefined);
    }, this.delayMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
