import { throwIfAborted } from '../core/errors.js';

/**
 * Coalesces single-key loads made in the same task into one batched call: thirty member chips or
 * comment counts on a page cost one request. One batcher per adapter and kind of data.
 */
export class Batcher<V> {
  readonly #loadMany: (keys: string[]) => Promise<Map<string, V>>;
  readonly #maxBatch: number;
  #queue = new Map<string, { resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[]>();
  #scheduled = false;

  constructor(loadMany: (keys: string[]) => Promise<Map<string, V>>, maxBatch = 100) {
    this.#loadMany = loadMany;
    this.#maxBatch = maxBatch;
  }

  /** The value for `key`, or undefined when the backend has none. */
  load(key: string, signal?: AbortSignal): Promise<V | undefined> {
    throwIfAborted(signal);
    return new Promise<V | undefined>((resolve, reject) => {
      const waiting = this.#queue.get(key) ?? [];
      waiting.push({ resolve, reject });
      this.#queue.set(key, waiting);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      if (!this.#scheduled) {
        this.#scheduled = true;
        // A macrotask, not a microtask: elements upgrading in the same parse all get in.
        setTimeout(() => this.#flush(), 0);
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const queue = this.#queue;
    this.#queue = new Map();
    const keys = [...queue.keys()];
    for (let i = 0; i < keys.length; i += this.#maxBatch) {
      this.#run(keys.slice(i, i + this.#maxBatch), queue);
    }
  }

  #run(batch: string[], queue: Map<string, { resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[]>): void {
    this.#loadMany(batch).then(
      (values) => batch.forEach((key) => queue.get(key)!.forEach((w) => w.resolve(values.get(key)))),
      (error: unknown) => {
        // One bad key (an over-long id) must not fail the whole page: ask for each key alone.
        if (batch.length > 1 && (error as { code?: unknown })?.code === 'invalid') batch.forEach((key) => this.#run([key], queue));
        else batch.forEach((key) => queue.get(key)!.forEach((w) => w.reject(error)));
      },
    );
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one map holds batchers of every value type
const batchers = new WeakMap<object, Map<string, Batcher<any>>>();

/**
 * The shared batcher of one kind (`members`, `counts`…) for one adapter. The first `loadMany` given
 * for a kind is the one kept, so it must not capture anything of one caller (such as its AbortSignal).
 */
export function batcherFor<V>(adapter: object, kind: string, loadMany: (keys: string[]) => Promise<Map<string, V>>): Batcher<V> {
  let byKind = batchers.get(adapter);
  if (!byKind) batchers.set(adapter, (byKind = new Map()));
  let batcher = byKind.get(kind) as Batcher<V> | undefined;
  if (!batcher) byKind.set(kind, (batcher = new Batcher(loadMany)));
  return batcher;
}
