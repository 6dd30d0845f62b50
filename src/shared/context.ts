import type { ReactiveController, ReactiveElement } from 'lit';
import type { CommunityAdapter } from '../core/adapter.js';
import type { Member } from '../core/types.js';

export type Theme = 'light' | 'dark' | 'auto';

/** What <majlis-community> gives every element inside it. */
export interface Community {
  adapter: CommunityAdapter;
  /** The signed-in member; null for a guest; undefined while still being asked. */
  viewer: Member | null | undefined;
  theme: Theme;
  /** The site's community guidelines, linked from report dialogs. */
  guidelinesHref: string | null;
  /** True for the zero-config demo community (sample data in this browser). */
  demo: boolean;
  /** What "now" is for relative times ("3 hours ago"): the real time, or a fixed one in stories and tests. */
  now: () => number;
}

export const realTime = (): number => Date.now();

/** A context key carrying its value's type, as @lit/context's `Context` is: usable with its `@consume` and `ContextProvider`. */
export type Context<Value> = symbol & { __context__: Value };

/** The key of the community context: a global symbol, so separately bundled copies of Majlis (and @lit/context) meet. */
export const communityContext = Symbol.for('majlis-community') as Context<Community>;

/*
 * The Context Community Protocol (github.com/webcomponents-cg/community-protocols), as @lit/context
 * speaks it, for the one context Majlis has, instead of the package's 1.3 kB gzip.
 * - A consumer sends a bubbling, composed `context-request` event with a callback.
 * - The nearest provider stops it and calls the callback now and on every change, with an
 *   `unsubscribe`; a consumer handed a different one has moved to a nearer provider.
 * - A provider that connects sends `context-provider`: the provider above hands its consumers over
 *   (each asks again, and the nearest answers), and Majlis elements nobody answered ask again, so
 *   a provider defined after its children still reaches them. (Other libraries' consumers rely on
 *   their own root for that, as @lit/context's ContextRoot.)
 */
type Callback = (value: Community | undefined, unsubscribe: () => void) => void;
type ContextEvent = Event & { context: unknown; contextTarget?: Element; callback: Callback; subscribe?: boolean };

/** Who asked: `contextTarget`, or (from a library older than that field) where the event began. */
const targetOf = (event: Event) => (event as ContextEvent).contextTarget ?? (event.composedPath()[0] as Element);

const REQUEST = 'context-request';
const PROVIDER = 'context-provider';

const send = (type: string, target: Element, callback?: Callback) =>
  target.dispatchEvent(Object.assign(new Event(type, { bubbles: true, composed: true }), { context: communityContext, contextTarget: target, callback, subscribe: true }));

/** Gives the community to the elements inside its host. */
export class CommunityProvider implements ReactiveController {
  value: Community | undefined;
  readonly #host: ReactiveElement;
  readonly #consumers = new Map<Callback, [Element, () => void]>();

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
    host.addEventListener(REQUEST, (event) => {
      const { context, callback, subscribe } = event as ContextEvent;
      const contextTarget = targetOf(event);
      // A provider is a consumer too (of an outer provider): it never answers itself.
      if (context !== communityContext || contextTarget === host) return;
      event.stopPropagation();
      let consumer = this.#consumers.get(callback);
      if (!consumer && subscribe) this.#consumers.set(callback, (consumer = [contextTarget, () => this.#consumers.delete(callback)]));
      callback(this.value, consumer?.[1] ?? (() => undefined));
    });
    host.addEventListener(PROVIDER, (event) => {
      if ((event as ContextEvent).context !== communityContext || targetOf(event) === host) return;
      event.stopPropagation();
      // A provider appeared below: every consumer asks again, and the nearest provider answers.
      for (const [callback, [target]] of [...this.#consumers]) send(REQUEST, target, callback);
    });
  }

  hostConnected(): void {
    send(PROVIDER, this.#host);
  }

  setValue(value: Community): void {
    this.value = value;
    for (const [callback, [, unsubscribe]] of this.#consumers) callback(value, unsubscribe);
  }
}

/** Majlis elements nobody has answered: each asks again when a provider connects on the page. */
const waiting = new Set<() => void>();
let listening = false;

/**
 * Asks the nearest provider for the community: `heard` gets it now and on every change. Until a
 * provider answers, it asks again whenever one connects (one defined after its children still
 * reaches them). Returns what to call when the element leaves the page.
 */
export function askForCommunity(target: Element, heard: (community: Community | undefined) => void): () => void {
  if (!listening && typeof document !== 'undefined') {
    listening = true;
    document.documentElement.addEventListener(PROVIDER, (event) => {
      if ((event as ContextEvent).context === communityContext) for (const ask of [...waiting]) ask();
    });
  }
  let leave: (() => void) | undefined;
  const callback: Callback = (value, unsubscribe) => {
    waiting.delete(ask);
    // Answered by a nearer provider than before: leave the old one.
    if (leave !== unsubscribe) leave?.();
    leave = unsubscribe;
    heard(value);
  };
  const ask = () => send(REQUEST, target, callback);
  waiting.add(ask);
  ask();
  return () => {
    waiting.delete(ask);
    leave?.();
  };
}
