/**
 * Runs async tasks one at a time per key, in the order they arrive; different keys run side by
 * side. Sends to one conversation go through it so that, on one api node, seqs are taken
 * without racing and messages are broadcast in seq order.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running; for tests and metrics. */
  get size(): number {
    return this.tails.size;
  }

  /**
   * Resolves once no key has work queued or running, looking again after each wait, since
   * work that finishes may queue more. A clean stop waits for it before closing connections.
   */
  async idle(): Promise<void> {
    while (this.tails.size > 0) {
      await Promise.allSettled([...this.tails.values()]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
