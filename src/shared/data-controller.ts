import type { ReactiveController, TemplateResult } from 'lit';
import type { CommunityAdapter } from '../core/adapter.js';
import type { LocalizedError } from '../i18n/localizer.js';
import type { Community } from './context.js';
import type { MajlisElement } from './element.js';

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

/** What a load returns while it is not yet its time (not near the viewport, no community yet). */
const NOT_YET = Symbol();
type Args = readonly unknown[];

/**
 * One data load of an element: waits for the viewport and the community, passes the AbortSignal on,
 * drops answers overtaken by a newer load, maps errors to localized messages, retries when the
 * connection returns or a rate limit ends, and reflects its status as the element's custom state
 * (`:state(loading)`…). It does what @lit/task did here in a third of the bytes (the visitor budget).
 */
export class DataController<T, A extends readonly unknown[]> implements ReactiveController {
  readonly #host: MajlisElement;
  readonly #options: DataOptions<T, A>;
  #state: 'initial' | 'pending' | 'complete' | 'error' = 'initial';
  #value: T | undefined;
  #failure: unknown;
  #args: Args | undefined;
  #run = 0;
  #abort: AbortController | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #autoRetries = 0;
  readonly #onOnline = () => {
    if (this.status === 'offline' || this.status === 'error') this.retry();
  };

  constructor(host: MajlisElement, options: DataOptions<T, A>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The adapter and who the viewer is decide the data; theme or language changes only re-render. */
  #currentArgs(): Args {
    const community = this.#host.community.value;
    return [community?.adapter, viewerKey(community), this.#gateOpen(), ...this.#options.args()];
  }

  hostUpdate(): void {
    const args = this.#currentArgs();
    if (!same(this.#args, args)) void this.#start(args);
  }

  /** `quiet`: a refresh, shown only when it succeeds. */
  async #start(args: Args, quiet = false): Promise<void> {
    this.#args = args;
    this.#abort?.abort();
    const controller = (this.#abort = new AbortController());
    const run = ++this.#run;
    this.#refreshing = quiet;
    if (!quiet) {
      this.#state = 'pending';
      this.#host.requestUpdate();
    }
    try {
      const value = await this.#load(args, controller.signal, quiet);
      if (run !== this.#run) return;
      this.#refreshing = false;
      if (value === NOT_YET) this.#state = 'initial';
      else [this.#state, this.#value] = ['complete', value];
    } catch (error) {
      if (run !== this.#run) return;
      this.#refreshing = false;
      if (quiet) return;
      [this.#state, this.#failure] = ['error', error];
    }
    this.#host.requestUpdate();
  }

  async #load([adapter, viewerId, near, ...args]: Args, signal: AbortSignal, quiet?: boolean): Promise<T | typeof NOT_YET> {
    const community = this.#host.community.value;
    // Not yet near the viewport, or the page language still loading: stay in the loading state.
    if (!near) return NOT_YET;
    if (!adapter || !community) {
      this.#host.community.ensure();
      return NOT_YET;
    }
    // The viewer is still being asked: loading now would load twice (as a guest, then as them).
    if (community.viewer === undefined) return NOT_YET;
    try {
      const value = await this.#options.load(args as unknown as A, { adapter: community.adapter, community, signal });
      this.#autoRetries = 0;
      // A run overtaken by a newer one (an adapter that ignores the signal) must not claim the value.
      if (!signal.aborted) this.#valueFor = [adapter, viewerId, ...args];
      return value;
    } catch (error) {
      if (!quiet) this.#scheduleRetry(error);
      throw error;
    } finally {
      this.#retrying = false;
    }
  }

  /**
   * Loads again in the background after a live change: what is shown stays (no loading state, focus
   * kept) until the new value lands; a failure keeps it too, and the next change tries again. A load
   * under way may have read before the change: it starts again.
   */
  refresh(): void {
    if (this.#state === 'complete') void this.#start(this.#args!, true);
    else if (this.#state === 'pending') this.#rerun();
  }

  /** Loads again with the current arguments. */
  #rerun(): void {
    void this.#start(this.#currentArgs());
  }

  #opened = false;
  /** Who the current value was loaded for: data of another viewer or backend is never shown. */
  #valueFor: Args | undefined;
  #retrying = false;
  #abortedOnDisconnect = false;
  /** A refresh is under way (the value shown stays meanwhile). */
  #refreshing = false;

  /** Near the viewport and the page language loaded; once open it stays open, so a later language change never reloads data. */
  #gateOpen(): boolean {
    this.#opened ||= (this.#options.lazy === false || this.#host.nearViewport) && this.#host.localize.ready;
    return this.#opened;
  }

  hostConnected(): void {
    globalThis.addEventListener?.('online', this.#onOnline);
    if (this.#abortedOnDisconnect) {
      this.#abortedOnDisconnect = false;
      if (this.#state === 'complete') this.refresh();
      else this.#rerun();
    }
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.('online', this.#onOnline);
    clearTimeout(this.#retryTimer);
    // An element taken off the page stops its request (a refresh too); it loads again if it comes back.
    if (this.#state === 'pending' || this.#refreshing) {
      this.#abortedOnDisconnect = true;
      this.#refreshing = false;
      this.#run++;
      this.#abort?.abort();
      if (this.#state === 'pending') this.#state = 'initial';
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
    switch (this.#state) {
      case 'initial':
        return 'waiting';
      case 'pending':
        return 'loading';
      case 'error':
        if (isAbort(this.#failure)) return 'waiting';
        return this.error?.offline ? 'offline' : 'error';
      default:
        return this.#options.isEmpty?.(this.#value as T) ? 'empty' : 'complete';
    }
  }

  /** The loaded value, if it belongs to the current backend and viewer. */
  get value(): T | undefined {
    const community = this.#host.community.value;
    return community && same(this.#valueFor, [community.adapter, viewerKey(community), ...this.#options.args()]) ? this.#value : undefined;
  }

  get error(): LocalizedError | undefined {
    return this.#state === 'error' ? this.#host.localize.l.error(this.#failure) : undefined;
  }

  retry = (): void => {
    if (this.#retrying) return;
    clearTimeout(this.#retryTimer);
    this.#retrying = this.status === 'error' || this.status === 'offline';
    this.#lastError = this.#retrying ? this.error : undefined;
    this.#rerun();
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
      this.#retryTimer = setTimeout(() => this.#rerun(), Math.min(retryAfter, 60) * 1000);
    }
  }
}

/** Who the viewer is, as a task argument: undefined while still being asked, null for a guest (so learning "guest" runs the task). */
const viewerKey = (community: Community | undefined): string | null | undefined => (community?.viewer === undefined ? undefined : community.viewer?.id ?? null);

/** The same arguments, one by one (`Object.is`). */
const same = (a: Args | undefined, b: Args): boolean => a?.length === b.length && a.every((arg, i) => Object.is(arg, b[i]));

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

export type { TemplateResult };
