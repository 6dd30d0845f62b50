import { Task, TaskStatus, initialState } from '@lit/task';
import type { ReactiveController, TemplateResult } from 'lit';
import type { CommunityAdapter } from '../core/adapter.js';
import type { LocalizedError } from '../i18n/localizer.js';
import type { Community } from './context.js';
import type { MajlisElement } from './element.js';
import { ViewportController } from './viewport-controller.js';

export type DataStatus = 'waiting' | 'loading' | 'complete' | 'empty' | 'error' | 'offline';

export interface LoadContext {
  adapter: CommunityAdapter;
  community: Community;
  /** Aborted when the arguments change or the element leaves the page: pass it to the adapter. */
  signal: AbortSignal;
}

export interface DataOptions<T, A extends readonly unknown[]> {
  /** What the data depends on (attributes, properties); a change reloads. */
  args: () => A;
  load: (args: A, context: LoadContext) => Promise<T>;
  isEmpty?: (value: T) => boolean;
  /** Wait until the element is within 800 px of the viewport (default true). */
  lazy?: boolean;
}

export interface DataRenderers<T> {
  loading: () => unknown;
  complete: (value: T) => unknown;
  empty?: (value: T) => unknown;
  /** `retrying`: a retry is under way; keep the message and the (now inactive) button so focus stays put. */
  error: (error: LocalizedError, retry: () => void, retrying: boolean) => unknown;
}

/** Automatic retries of a read the server asked us to slow down on, before leaving it to the person. */
const MAX_AUTO_RETRIES = 3;

/**
 * One data load of an element over @lit/task: waits for the viewport and the community, passes the
 * AbortSignal on, maps errors to localized messages, retries when the connection returns or a rate
 * limit ends, and reflects its status as the element's custom state (`:state(loading)`…).
 */
export class DataController<T, A extends readonly unknown[]> implements ReactiveController {
  readonly #host: MajlisElement;
  readonly #options: DataOptions<T, A>;
  readonly #viewport: ViewportController | null;
  readonly task: Task<readonly [CommunityAdapter | undefined, string | null | undefined, boolean, ...A], T>;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #autoRetries = 0;
  readonly #onOnline = () => {
    if (this.status === 'offline' || this.status === 'error') this.retry();
  };

  constructor(host: MajlisElement, options: DataOptions<T, A>) {
    this.#host = host;
    this.#options = options;
    this.#viewport = options.lazy === false ? null : new ViewportController(host);
    host.addController(this);
    this.task = new Task(host, {
      // The adapter and who the viewer is decide the data; theme or language changes only re-render.
      args: () => [host.community.value?.adapter, viewerKey(host.community.value), this.#gateOpen(), ...options.args()] as const,
      task: async ([adapter, viewerId, near, ...args], { signal }) => {
        const community = host.community.value;
        // Not yet near the viewport, or the page language still loading: stay in the loading state.
        if (!near) return initialState;
        if (!adapter || !community) {
          host.community.ensure();
          return initialState;
        }
        // The viewer is still being asked: loading now would load twice (as a guest, then as them).
        if (community.viewer === undefined) return initialState;
        try {
          const value = await options.load(args as unknown as A, { adapter: community.adapter, community, signal });
          this.#autoRetries = 0;
          // A run overtaken by a newer one (an adapter that ignores the signal) must not claim the value.
          if (!signal.aborted) this.#valueFor = { adapter, viewerId, args };
          return value;
        } catch (error) {
          this.#scheduleRetry(error);
          throw error;
        } finally {
          this.#retrying = false;
        }
      },
    });
  }

  #opened = false;
  /** Who the current value was loaded for: data of another viewer or backend is never shown. */
  #valueFor: { adapter: unknown; viewerId: unknown; args: readonly unknown[] } | undefined;
  #retrying = false;
  #abortedOnDisconnect = false;

  /** Near the viewport and the page language loaded; once open it stays open, so a later language change never reloads data. */
  #gateOpen(): boolean {
    this.#opened ||= (this.#viewport ? this.#viewport.near : true) && this.#host.localize.ready;
    return this.#opened;
  }

  hostConnected(): void {
    globalThis.addEventListener?.('online', this.#onOnline);
    if (this.#abortedOnDisconnect) {
      this.#abortedOnDisconnect = false;
      void this.task.run();
    }
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.('online', this.#onOnline);
    clearTimeout(this.#retryTimer);
    // An element taken off the page stops its request; it loads again if it comes back.
    if (this.task.status === TaskStatus.PENDING) {
      this.#abortedOnDisconnect = true;
      this.task.abort();
    }
  }

  hostUpdated(): void {
    const status = this.status;
    for (const state of ['loading', 'empty', 'error', 'offline'] as const) {
      const on = state === status || (state === 'loading' && status === 'waiting');
      if (on !== this.#host.hasState(state)) this.#host.setState(state, on);
    }
  }

  get status(): DataStatus {
    switch (this.task.status) {
      case TaskStatus.INITIAL:
        return 'waiting';
      case TaskStatus.PENDING:
        return 'loading';
      case TaskStatus.ERROR:
        if (isAbort(this.task.error)) return 'waiting';
        return this.error?.offline ? 'offline' : 'error';
      default: {
        const value = this.task.value as T;
        return this.#options.isEmpty?.(value) ? 'empty' : 'complete';
      }
    }
  }

  /** The loaded value, if it belongs to the current backend and viewer. */
  get value(): T | undefined {
    const community = this.#host.community.value;
    const loadedFor = this.#valueFor;
    const args = this.#options.args();
    const current =
      loadedFor &&
      community &&
      loadedFor.adapter === community.adapter &&
      loadedFor.viewerId === viewerKey(community) &&
      loadedFor.args.length === args.length &&
      loadedFor.args.every((arg, i) => Object.is(arg, args[i]));
    return current ? this.task.value : undefined;
  }

  get error(): LocalizedError | undefined {
    return this.task.status === TaskStatus.ERROR ? this.#host.localize.l.error(this.task.error) : undefined;
  }

  retry = (): void => {
    if (this.#retrying) return;
    clearTimeout(this.#retryTimer);
    this.#retrying = this.status === 'error' || this.status === 'offline';
    this.#lastError = this.#retrying ? this.error : undefined;
    void this.task.run();
  };

  #lastError: LocalizedError | undefined;

  render(renderers: DataRenderers<T>): unknown {
    const status = this.status;
    if (status === 'loading' && this.#retrying && this.#lastError) return renderers.error(this.#lastError, this.retry, true);
    if (status === 'error' || status === 'offline') return renderers.error(this.error!, this.retry, false);
    const value = this.value;
    if (status === 'waiting' || value === undefined) return renderers.loading();
    if (status === 'empty' && renderers.empty) return renderers.empty(value);
    return renderers.complete(value);
  }

  #scheduleRetry(error: unknown): void {
    const retryAfter = (error as { retryAfter?: unknown })?.retryAfter;
    if (typeof retryAfter === 'number' && retryAfter > 0 && this.#autoRetries < MAX_AUTO_RETRIES) {
      this.#autoRetries += 1;
      clearTimeout(this.#retryTimer);
      this.#retryTimer = setTimeout(() => void this.task.run(), Math.min(retryAfter, 60) * 1000);
    }
  }
}

/** Who the viewer is, as a task argument: undefined while still being asked, null for a guest (so learning "guest" runs the task). */
const viewerKey = (community: Community | undefined): string | null | undefined => (community?.viewer === undefined ? undefined : community.viewer?.id ?? null);

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

export type { TemplateResult };
