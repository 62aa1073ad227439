/**
 * A value a UI can watch. `get` returns the current snapshot, which stays the same object
 * until the value changes, so it can be compared by reference. `subscribe` calls the listener
 * at once with the current value, then after every change, and returns the function that
 * stops it. This is the contract of Svelte stores and fits React's `useSyncExternalStore`
 * (`useSyncExternalStore(view.subscribe, view.get)`), Vue's `shallowRef` and plain code alike.
 */
export interface Readable<T> {
  get(): T;
  subscribe(listener: (value: T) => void): () => void;
}

/**
 * Tells views that their topic changed. Notifications are batched to the end of the current
 * task: applying 500 synced changes wakes each view once.
 */
export class Notifier {
  private readonly dirty = new Set<string>();
  private readonly views = new Map<string, Set<DerivedView<unknown>>>();
  private scheduled = false;

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  changed(topic: string): void {
    this.dirty.add(topic);
    for (const view of this.views.get(topic) ?? []) view.invalidate();
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  /** A view over `topics` whose value is `compute()`; `onWatched` runs on first subscriber. */
  view<T>(topics: string[], compute: () => T, onWatched?: () => void): Readable<T> {
    const view = new DerivedView<T>(compute, this.onListenerError, onWatched);
    for (const topic of topics) {
      let set = this.views.get(topic);
      if (!set) {
        set = new Set();
        this.views.set(topic, set);
      }
      set.add(view as DerivedView<unknown>);
    }
    return view;
  }

  private flush(): void {
    this.scheduled = false;
    const topics = [...this.dirty];
    this.dirty.clear();
    const woken = new Set<DerivedView<unknown>>();
    for (const topic of topics) for (const view of this.views.get(topic) ?? []) woken.add(view);
    for (const view of woken) view.publish();
  }
}

class DerivedView<T> implements Readable<T> {
  private value: T | undefined;
  private stale = true;
  private readonly listeners = new Set<(value: T) => void>();

  constructor(
    private readonly compute: () => T,
    private readonly onListenerError: (error: unknown) => void,
    private readonly onWatched?: () => void,
  ) {}

  readonly get = (): T => {
    if (this.stale) {
      this.value = this.compute();
      this.stale = false;
    }
    return this.value as T;
  };

  readonly subscribe = (listener: (value: T) => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.onWatched?.();
    this.call(listener, this.get());
    return () => {
      this.listeners.delete(listener);
    };
  };

  invalidate(): void {
    this.stale = true;
  }

  publish(): void {
    if (this.listeners.size === 0) return;
    const value = this.get();
    for (const listener of [...this.listeners]) this.call(listener, value);
  }

  private call(listener: (value: T) => void, value: T): void {
    try {
      listener(value);
    } catch (error) {
      this.onListenerError(error);
    }
  }
}
