import type { CommunityAdapter, LiveApi, SequencedEvent, Unsubscribe } from '../core/adapter.js';
import { AdapterError, abortError } from '../core/errors.js';

/**
 * A fault that a call of the wrapped adapter meets. The errors are the ones `HttpAdapter` gives for the
 * same trouble on the wire, so elements are tested against what they will really see.
 */
export type Fault =
  /** The answer comes `ms` late (the backend answered at once: a slow answer can arrive after a newer one). */
  | { kind: 'latency'; ms: number }
  /** The request reaches the backend (a write happens) but no answer ever comes; the call ends only when its signal aborts. */
  | { kind: 'drop' }
  /** HTTP 429 from the server's request throttle, with Retry-After; the backend is not reached. */
  | { kind: 'rate_limited'; retryAfter: number }
  /** HTTP 500 (a server bug) or 503 (down for a while, perhaps with Retry-After); the backend is not reached. */
  | { kind: 'server_error'; status: 500 | 503; retryAfter?: number }
  /** No answer in time. With `reached`, the backend did the work and only the answer was lost. */
  | { kind: 'timeout'; reached?: boolean }
  /** No network: fails at once, as `fetch` does offline. */
  | { kind: 'offline' }
  /** The request reaches the backend twice at once (a proxy's retry); the caller gets the second answer. */
  | { kind: 'duplicate' };

/** Which calls a fault applies to: `'comments.post'`, `'comments.*'`, `'*'`, or a pattern over `group.method`. */
export type CallPattern = string | RegExp;

export interface FaultRule {
  fault: Fault;
  on: CallPattern;
  /** Calls still to fault; the rule ends at 0. */
  times: number;
}

/** One call made through the wrapper, and the fault it met. */
export interface FaultyCall {
  method: string;
  args: readonly unknown[];
  fault: Fault['kind'] | null;
}

export interface FaultControls {
  /** Faults the next `times` calls matching `on` (every call by default; all of them by default). */
  inject(fault: Fault, options?: { on?: CallPattern; times?: number }): FaultRule;
  /** Removes every fault (calls already dropped stay dropped). Live events held back stay held until `releaseLive`. */
  heal(): void;
  /** Every call made, in order. */
  readonly calls: FaultyCall[];
  /** Delivers each live event twice. */
  duplicateLive: boolean;
  /** Holds live events back until `releaseLive`. */
  holdLive(): void;
  /** Delivers the held events, as sent or in reverse order, and stops holding. */
  releaseLive(order?: 'as-sent' | 'reversed'): void;
}

export type FaultyAdapter = CommunityAdapter & FaultControls;

/** The capability groups of the contract; an adapter's other own plain objects are wrapped too, so newer groups are. */
const GROUPS = ['session', 'comments', 'reactions', 'members', 'polls', 'leaderboard', 'reports', 'moderation'];
const isPlainObject = (value: unknown) => typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

type Method = (...args: unknown[]) => Promise<unknown>;

/**
 * Wraps any adapter to inject faults call by call: latency, dropped answers, 429 with Retry-After, 500
 * and 503, timeouts, being offline, duplicated requests; and duplicated, held back or reordered live
 * events. For testing elements, and a page's handling of trouble, against a real backend.
 *
 * ```ts
 * const adapter = withFaults(new LocalAdapter({ engine, viewer }));
 * adapter.inject({ kind: 'rate_limited', retryAfter: 2 }, { on: 'comments.post', times: 1 });
 * ```
 */
export function withFaults(inner: CommunityAdapter): FaultyAdapter {
  let rules: FaultRule[] = [];
  const calls: FaultyCall[] = [];
  let held: { deliver: (event: SequencedEvent) => void; event: SequencedEvent }[] | null = null;

  const take = (method: string): Fault | null => {
    const rule = rules.find((r) => matches(r.on, method));
    if (!rule) return null;
    if (--rule.times <= 0) rules = rules.filter((r) => r !== rule);
    return rule.fault;
  };

  const wrap = (method: string, call: Method): Method => async (...args) => {
    const fault = take(method);
    calls.push({ method, args, fault: fault?.kind ?? null });
    const signal = args.map((a) => (a as { signal?: unknown } | null)?.signal).find((s): s is AbortSignal => s instanceof AbortSignal);
    if (!fault) return call(...args);
    switch (fault.kind) {
      case 'latency': {
        const answer = await call(...args);
        await sleep(fault.ms, signal);
        return answer;
      }
      case 'drop':
        void call(...args).catch(() => undefined);
        return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(abortError(signal)), { once: true }));
      case 'rate_limited':
        throw new AdapterError('rate_limited', `Too many requests. Try again in ${fault.retryAfter} s.`, { reason: 'throttled', retryAfter: fault.retryAfter });
      case 'server_error':
        throw new AdapterError('unavailable', `The community server is unavailable right now (HTTP ${fault.status}). Try again in a moment.`, fault.retryAfter === undefined ? {} : { retryAfter: fault.retryAfter });
      case 'timeout':
        if (fault.reached) await call(...args).catch(() => undefined);
        throw new AdapterError('unavailable', 'The community server did not answer in time. Try again.', { reason: 'timeout' });
      case 'offline':
        throw new AdapterError('unavailable', 'Could not reach the community server. Check your connection and try again.', { reason: 'network' });
      case 'duplicate':
        return (await Promise.all([call(...args), call(...args)]))[1];
    }
  };

  const controls: FaultControls = {
    inject(fault, { on = '*', times = Infinity } = {}) {
      const rule = { fault, on, times };
      rules.push(rule);
      return rule;
    },
    heal() {
      rules = [];
    },
    calls,
    duplicateLive: false,
    holdLive() {
      held ??= [];
    },
    releaseLive(order = 'as-sent') {
      const events = held ?? [];
      held = null;
      for (const { deliver, event } of order === 'reversed' ? events.reverse() : events) deliver(event);
    },
  };
  // The controls are the adapter's own properties: `adapter.duplicateLive = true` is read at each delivery.
  const adapter = Object.assign(controls, { name: `${inner.name}+faults` }) as unknown as FaultControls & Record<string, unknown>;
  const source = inner as unknown as Record<string, unknown>;
  for (const group of new Set([...GROUPS, ...Object.keys(inner).filter((key) => isPlainObject(source[key]))])) {
    const api = source[group] as Record<string, unknown> | undefined;
    if (group === 'live' || !api || typeof api !== 'object') continue;
    const wrapped: Record<string, Method> = {};
    for (const name of methodNames(api)) wrapped[name] = wrap(`${group}.${name}`, (...args) => (api[name] as Method).apply(api, args));
    adapter[group] = wrapped;
  }

  if (inner.live) {
    const live = inner.live;
    const deliver = (listener: (event: SequencedEvent) => void) => (event: SequencedEvent) => {
      if (held) held.push({ deliver: listener, event });
      else for (let n = adapter.duplicateLive ? 2 : 1; n > 0; n--) listener(event);
    };
    adapter['live'] = {
      subscribe(topic, listener) {
        const stop = live.subscribe(topic, deliver(listener));
        const unsubscribe: Unsubscribe = () => stop();
        if (stop.ready) unsubscribe.ready = stop.ready;
        return unsubscribe;
      },
    } satisfies LiveApi;
  }

  return adapter as unknown as FaultyAdapter;
}

function matches(pattern: CallPattern, method: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(method);
  return pattern === '*' || pattern === method || (pattern.endsWith('.*') && method.startsWith(pattern.slice(0, -1)));
}

/** The functions of a capability group, own or inherited (a class's methods). */
function methodNames(api: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (let o: object | null = api; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null)
    for (const name of Object.getOwnPropertyNames(o)) if (name !== 'constructor' && typeof api[name] === 'function') names.add(name);
  return [...names];
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(abortError(signal))), { once: true });
  });
}
