import type {
  CallOptions,
  CommentsApi,
  CommunityAdapter,
  InsightsApi,
  LeaderboardApi,
  LiveApi,
  LiveEvent,
  LiveListener,
  MembersApi,
  ModerationApi,
  PollsApi,
  ReactionsApi,
  ReportsApi,
  SequencedEvent,
  SessionApi,
  Topic,
  Unsubscribe,
  WriteOptions,
} from '../../core/adapter.js';
import { abortError, AdapterError, ERROR_CODES, throwIfAborted, type ErrorCode } from '../../core/errors.js';
import { isRestrictedTopic } from '../../core/topics.js';
import { mismatch, type Wire } from './check.js';
import * as s from './wire.js';

/** What HttpAdapter needs of an EventSource: the browser's, or FetchEventSource where there is none. */
export interface EventSourceLike {
  /** `ready` and `message` events are MessageEvents (`data`); `error` a plain Event. */
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}
export type EventSourceConstructor = new (url: string) => EventSourceLike;

/** Live events whose `ready` is always there: it resolves when the stream is open, rejects when the server refuses the topic. */
export interface HttpLiveApi extends LiveApi {
  subscribe(topic: Topic, listener: LiveListener): Unsubscribe & { ready: Promise<void> };
}

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** The first backoff step (default 300 ms); each retry doubles it, with full jitter. */
  baseDelayMs?: number;
  /** No wait is longer; a `Retry-After` longer than this is reported, not waited for (default 10 s). */
  maxDelayMs?: number;
}

export interface HttpAdapterOptions {
  /** The API's base URL, e.g. `https://community.example.com/api`, or `/api` on the same origin. */
  endpoint: string;
  /** The viewer token the host site signed; none for a guest. Change it with `setToken`. */
  token?: string | null;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Default: the global EventSource; in Node 20 pass `FetchEventSource`. */
  EventSource?: EventSourceConstructor;
  retry?: RetryOptions;
  /** Each attempt gives up after this long (default 20 s), and counts as a network failure. */
  timeoutMs?: number;
  /** Live reconnects back off from `baseDelayMs` (default 1 s) up to `maxDelayMs` (default 30 s), with jitter. */
  liveRetry?: { baseDelayMs?: number; maxDelayMs?: number };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | readonly string[] | null | undefined;

interface Request<T> {
  method: Method;
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** null: a 204 with no body. */
  schema: Wire<T> | null;
  /** The definitions the schema refers to (the moderators' come with their calls). */
  defs?: Defs;
  options: CallOptions | WriteOptions | undefined;
}

const STATUS_CODES: Record<number, ErrorCode> = { 400: 'invalid', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 413: 'invalid', 415: 'invalid', 422: 'invalid', 429: 'rate_limited' };
const PRINTABLE = /^[\x21-\x7e]*$/;
const enc = encodeURIComponent;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Seconds from a `Retry-After` header: a number of seconds or an HTTP date. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : undefined;
}

const malformed = (what: string) =>
  new AdapterError('unavailable', `The community server sent an answer this page cannot read (${what}). Try again later; if it persists, the server and this page are on different versions.`, { reason: 'malformed_response' });

/** Null when `value` fits the schema, else where it does not (`items.0.createdAt: expected string`). */
type Defs = typeof s.defs;
const problemIn = <T>(value: unknown, schema: Wire<T>, defs: Defs = s.defs): string | null => mismatch(schema, value, defs);
/** The moderators' schemas: loaded with their first call, so visitors' pages never carry them. */
const moderatorsWire = () => import('./wire-moderators.js');

/**
 * The adapter for the Majlis reference server (or any server speaking its HTTP API, docs/http-api.md):
 * fetch for calls, EventSource for live events.
 *
 * - Every call passes the caller's AbortSignal on, and stops waiting the moment it aborts.
 * - Reads, and writes carrying an idempotency key (all of the elements' writes), are retried on network
 *   failures, timeouts, 502/503/504 and throttling 429s: up to 3 times, with exponential backoff and
 *   full jitter, waiting what `Retry-After` says when the server says it. The same key goes with every
 *   retry, so a write that did land is not made twice.
 * - Errors arrive as AdapterError with the server's code, message, field, reason and retryAfter.
 * - Every response is checked against the API's schemas: a malformed answer is an `unavailable` error.
 * - Live events: one EventSource for all topics, reconnecting with backoff and resuming after the
 *   last event seen, each event delivered once.
 */
export class HttpAdapter implements CommunityAdapter {
  readonly name = 'http';
  readonly session: SessionApi;
  readonly comments: CommentsApi;
  readonly reactions: ReactionsApi;
  readonly members: MembersApi;
  readonly polls: PollsApi;
  readonly leaderboard: LeaderboardApi;
  readonly reports: ReportsApi;
  readonly moderation: ModerationApi;
  readonly insights: InsightsApi;
  readonly live: HttpLiveApi;

  readonly #endpoint: string;
  readonly #fetch: typeof fetch;
  readonly #EventSource: EventSourceConstructor | undefined;
  readonly #retries: number;
  readonly #baseDelay: number;
  readonly #maxDelay: number;
  readonly #timeout: number;
  readonly #liveBase: number;
  readonly #liveMax: number;
  #mux: LiveMux | undefined;
  #token: string | null;

  constructor(options: HttpAdapterOptions) {
    const base = typeof location === 'undefined' ? undefined : location.href;
    try {
      this.#endpoint = new URL(options.endpoint, base).href.replace(/\/+$/, '');
    } catch {
      throw new TypeError(`HttpAdapter: the endpoint "${options.endpoint}" is not a URL${base ? '' : ' (outside a page it must be absolute, e.g. https://community.example.com/api)'}.`);
    }
    this.#token = options.token || null;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#EventSource = options.EventSource ?? (globalThis as { EventSource?: EventSourceConstructor }).EventSource;
    this.#retries = options.retry?.retries ?? 3;
    this.#baseDelay = options.retry?.baseDelayMs ?? 300;
    this.#maxDelay = options.retry?.maxDelayMs ?? 10_000;
    this.#timeout = options.timeoutMs ?? 20_000;
    this.#liveBase = options.liveRetry?.baseDelayMs ?? 1000;
    this.#liveMax = options.liveRetry?.maxDelayMs ?? 30_000;

    const get = <T>(path: string, schema: Wire<T>, options: CallOptions | undefined, query?: Record<string, QueryValue>, defs?: Defs) => this.#request({ method: 'GET', path, schema, options, defs, ...(query && { query }) });
    const send = <T>(method: Method, path: string, schema: Wire<T> | null, options: WriteOptions, body?: unknown, defs?: Defs) => this.#request({ method, path, schema, options, defs, ...(body !== undefined && { body }) });
    const paging = (q: { cursor?: string | null; limit?: number } | undefined) => ({ cursor: q?.cursor, limit: q?.limit });

    // Without a token the server can only answer "a guest": no request (a page's first data request waits for the viewport).
    this.session = { viewer: async (o) => (this.#token ? (await get('/viewer', s.viewerResponse, o)).viewer : null) };
    this.comments = {
      list: (q, o) => get('/comments', s.commentPage, o, { thread: q.thread, parentId: q.parentId, sort: q.sort, featuredFirst: q.featuredFirst, ...paging(q) }),
      get: (id, o) => get(`/comments/${enc(id)}`, s.comment, o),
      count: async (threads, o) => (await get('/comments/counts', s.countsResponse, o, { thread: threads })).counts,
      history: async (id, o) => (await get(`/comments/${enc(id)}/history`, s.historyResponse, o)).items,
      post: (input, o) => send('POST', '/comments', s.comment, o, input),
      edit: (id, body, o) => send('PATCH', `/comments/${enc(id)}`, s.comment, o, { body }),
      delete: async (id, o) => void (await send('DELETE', `/comments/${enc(id)}`, null, o)),
      feature: (id, featured, o) => send('PUT', `/comments/${enc(id)}/featured`, s.comment, o, { featured }),
    };
    this.reactions = {
      react: async (id, emoji, on, o) => (await send(on ? 'PUT' : 'DELETE', `/comments/${enc(id)}/reactions/${enc(emoji)}`, s.reactionsResponse, o)).reactions,
      reactors: (id, emoji, q, o) => get(`/comments/${enc(id)}/reactions/${enc(emoji)}`, s.reactorsResponse, o, paging(q)),
    };
    this.members = {
      getMany: async (ids, o) => (await get('/members', s.membersResponse, o, { id: ids })).items,
      badges: async (id, o) => (await get(`/members/${enc(id)}/badges`, s.badgesResponse, o)).items,
    };
    this.polls = {
      get: (id, o) => get(`/polls/${enc(id)}`, s.poll, o),
      create: (input, o) => send('POST', '/polls', s.poll, o, input),
      vote: (id, optionIds, o) => send('PUT', `/polls/${enc(id)}/vote`, s.poll, o, { optionIds }),
      close: (id, o) => send('POST', `/polls/${enc(id)}/close`, s.poll, o),
    };
    this.leaderboard = { get: (q, o) => get('/leaderboard', s.leaderboard, o, { period: q.period, limit: q.limit }) };
    this.reports = {
      submit: (input, o) => send('POST', '/reports', s.report, o, input),
      mine: (q, o) => get('/reports/mine', s.reportPage, o, { target: q?.target, ...paging(q) }),
    };
    this.moderation = {
      queue: async (q, o) => {
        const m = await moderatorsWire();
        return get('/moderation/queue', m.moderationPage, o, { state: q.state, ...paging(q) }, m.defs);
      },
      decide: async (decision, o) => {
        const m = await moderatorsWire();
        return send('POST', '/moderation/decisions', m.moderationItem, o, decision, m.defs);
      },
      audit: async (q, o) => {
        const m = await moderatorsWire();
        return get('/moderation/audit', m.auditPage, o, paging(q), m.defs);
      },
      ban: (id, until, reason, o) => send('PUT', `/moderation/bans/${enc(id)}`, s.member, o, { until, reason }),
      unban: (id, o) => send('DELETE', `/moderation/bans/${enc(id)}`, s.member, o),
    };
    this.insights = {
      report: async (q, o) => {
        const m = await moderatorsWire();
        return get('/insights', m.insightsReport, o, { days: q.days, thread: q.thread }, m.defs);
      },
    };
    this.live = { subscribe: (topic, listener) => this.#subscribe(topic, listener) };
  }

  /** The API base URL in use. */
  get endpoint(): string {
    return this.#endpoint;
  }

  /** Sign in, sign out or refresh: later calls carry the new token, and live streams that need one reconnect with it. */
  setToken(token: string | null | undefined): void {
    const next = token || null;
    if (next === this.#token) return;
    this.#token = next;
    this.#mux?.reconnect();
  }

  /** Closes every live stream. */
  dispose(): void {
    this.#mux?.close();
  }

  // ───────────────────────── calls

  #url(path: string, query?: Record<string, QueryValue>): string {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) for (const item of value) params.append(name, String(item));
      else params.append(name, String(value));
    }
    const search = params.toString();
    return `${this.#endpoint}${path}${search ? `?${search}` : ''}`;
  }

  async #request<T>(request: Request<T>): Promise<T> {
    const { method, options } = request;
    const signal = options?.signal;
    throwIfAborted(signal);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.#token) headers['Authorization'] = `Bearer ${this.#token}`;
    const key = options && 'idempotencyKey' in options ? options.idempotencyKey : undefined;
    if (typeof key === 'string' && key !== '') {
      // A header can carry only these; the engine's own rule (8–200 of them) is checked by the server.
      if (!PRINTABLE.test(key)) throw new AdapterError('invalid', 'The idempotency key must be printable ASCII characters.', { field: 'idempotencyKey' });
      headers['Idempotency-Key'] = key;
    }
    const anonymousKey = options?.anonymousKey;
    if (typeof anonymousKey === 'string' && anonymousKey !== '' && PRINTABLE.test(anonymousKey)) headers['Majlis-Anonymous-Key'] = anonymousKey;
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    const url = this.#url(request.path, request.query);
    // Reads, and writes whose key makes a repeat harmless.
    const retriable = method === 'GET' || headers['Idempotency-Key'] !== undefined;

    for (let attempt = 0; ; attempt++) {
      let failure: { error: AdapterError; retry: boolean; waitMs?: number };
      try {
        return await this.#attempt(url, { method, headers, ...(body !== undefined && { body }) }, request.schema, request.defs, signal);
      } catch (error) {
        if (signal?.aborted) throw abortError(signal);
        failure = error instanceof Failure ? error.failure : { error: error as AdapterError, retry: false };
      }
      if (!retriable || !failure.retry || attempt >= this.#retries) throw failure.error;
      const backoff = Math.random() * Math.min(this.#maxDelay, this.#baseDelay * 2 ** attempt);
      const wait = failure.waitMs === undefined ? backoff : Math.max(failure.waitMs, backoff / 4);
      if (wait > this.#maxDelay) throw failure.error;
      await sleep(wait, signal);
    }
  }

  /** One try: the parsed, checked body; or throws a Failure saying whether to retry. */
  async #attempt<T>(url: string, init: RequestInit, schema: Wire<T> | null, defs: Defs | undefined, signal: AbortSignal | undefined): Promise<T> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeout);
    try {
      let response: Response;
      let text: string;
      try {
        response = await this.#fetch(url, { ...init, signal: controller.signal, credentials: 'omit' });
        text = response.status === 204 ? '' : await response.text();
      } catch (error) {
        if (signal?.aborted) throw abortError(signal);
        const message = timedOut ? 'The community server did not answer in time. Try again.' : 'Could not reach the community server. Check your connection and try again.';
        throw new Failure({ error: new AdapterError('unavailable', message, { cause: error, reason: timedOut ? 'timeout' : 'network' }), retry: true });
      }
      if (response.ok) return this.#parse(text, schema, defs);
      throw new Failure(this.#failure(response, text));
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  #parse<T>(text: string, schema: Wire<T> | null, defs?: Defs): T {
    if (schema === null) return undefined as T;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw malformed('not JSON');
    }
    const problem = problemIn(json, schema, defs);
    if (problem) throw malformed(problem);
    return json as T;
  }

  /** An error response as an AdapterError, and whether trying again may help. */
  #failure(response: Response, text: string): { error: AdapterError; retry: boolean; waitMs?: number } {
    let body: { code: ErrorCode; message: string; field?: string; reason?: string; retryAfter?: number } | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!problemIn(parsed, s.errorResponse)) body = (parsed as { error: typeof body }).error;
    } catch {
      // not JSON: a proxy's page
    }
    const status = response.status;
    const code: ErrorCode = body && ERROR_CODES.includes(body.code) ? body.code : (STATUS_CODES[status] ?? 'unavailable');
    const retryAfter = retryAfterSeconds(response.headers.get('Retry-After')) ?? body?.retryAfter;
    const message =
      body?.message ??
      (code === 'rate_limited'
        ? 'Too many requests. Wait a moment and try again.'
        : code === 'unavailable'
          ? `The community server is unavailable right now (HTTP ${status}). Try again in a moment.`
          : `The community server refused the request (HTTP ${status}).`);
    const error = new AdapterError(code, message, {
      ...(body?.field !== undefined && { field: body.field }),
      ...(body?.reason !== undefined && { reason: body.reason }),
      ...(retryAfter !== undefined && { retryAfter }),
    });
    // A 429 from the community's rules (posting too fast) is the member's to see; the server's
    // request throttle (reason "throttled") and a proxy's 429 are worth waiting out.
    const retry = status === 502 || status === 503 || status === 504 || (status === 429 && (!body || body.reason === 'throttled'));
    return { error, retry, ...(retryAfter !== undefined && { waitMs: retryAfter * 1000 }) };
  }

  // ───────────────────────── live events

  #subscribe(topic: Topic, listener: LiveListener): Unsubscribe & { ready: Promise<void> } {
    if (!this.#EventSource) throw new AdapterError('unavailable', 'Live updates need EventSource, which this environment lacks. Pass one (e.g. FetchEventSource) in the HttpAdapter options.');
    this.#mux ??= new LiveMux({
      EventSource: this.#EventSource,
      url: (topics, lastSeq, resume, probe) => {
        const token = topics.some(isRestrictedTopic) ? this.#token : null;
        return this.#url('/live', {
          topic: topics,
          lastEventId: lastSeq === null ? undefined : String(lastSeq),
          // An empty `resume=` says "replay nothing": every topic is new to this stream.
          resume: lastSeq === null ? undefined : resume.length ? resume : [''],
          access_token: token,
          probe: probe ? '1' : undefined,
        });
      },
      probe: async (url) => {
        try {
          const response = await this.#fetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit' });
          const text = response.status === 204 ? '' : await response.text();
          return response.ok ? null : this.#failure(response, text).error;
        } catch {
          return null;
        }
      },
      base: this.#liveBase,
      max: this.#liveMax,
    });
    return this.#mux.add(topic, listener);
  }
}

/** Thrown inside an attempt: the error, and whether a retry may help. */
class Failure extends Error {
  readonly failure: { error: AdapterError; retry: boolean; waitMs?: number };
  constructor(failure: { error: AdapterError; retry: boolean; waitMs?: number }) {
    super(failure.error.message);
    this.failure = failure;
  }
}

interface LiveDeps {
  EventSource: EventSourceConstructor;
  /** The stream's URL: its topics, where to resume, and which topics to replay from there. */
  url(topics: Topic[], lastSeq: number | null, resume: Topic[], probe: boolean): string;
  /** Why the server refuses this stream (a 4xx), or null when it would not (or cannot say). */
  probe(url: string): Promise<AdapterError | null>;
  base: number;
  max: number;
}

interface Listening {
  topic: Topic;
  listener: LiveListener;
  ready: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
  settled: boolean;
}

/**
 * Every live topic of one adapter on ONE EventSource: browsers allow about six HTTP/1.1 connections
 * per host, and a page of elements follows more topics than that. Hears `ready` (where the stream
 * stands), delivers each event once in seq order, reconnects with backoff resuming after the last seq,
 * and reconnects (replaying only the topics it already had) when a topic is added. A topic the
 * server refuses (signed out, not allowed) is dropped alone and its `ready` rejects.
 */
class LiveMux {
  readonly #deps: LiveDeps;
  readonly #listening = new Set<Listening>();
  #source: EventSourceLike | null = null;
  /** The topics the open (or opening) stream carries. */
  #connected: Topic[] = [];
  /** Whether that stream said `ready`. */
  #opened = false;
  #lastSeq: number | null = null;
  #attempts = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pending = false;
  #warned = false;

  constructor(deps: LiveDeps) {
    this.#deps = deps;
  }

  add(topic: Topic, listener: LiveListener): Unsubscribe & { ready: Promise<void> } {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const ready = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
    // Nobody has to await `ready`: an unobserved refusal must not become an unhandled rejection.
    ready.catch(() => undefined);
    const entry: Listening = { topic, listener, ready, resolve, reject, settled: false };
    this.#listening.add(entry);
    if (this.#source && this.#opened && this.#connected.includes(topic)) this.#settle(entry);
    else this.#soon();
    return Object.assign(() => this.#remove(entry), { ready });
  }

  #topics(): Topic[] {
    return [...new Set([...this.#listening].map((l) => l.topic))].sort();
  }

  #remove(entry: Listening): void {
    if (!this.#listening.delete(entry)) return;
    this.#settle(entry);
    // A topic nobody follows any more stays on the stream until the next change; its events reach no one.
    if (!this.#listening.size) this.close();
  }

  #settle(entry: Listening, error?: unknown): void {
    if (entry.settled) return;
    entry.settled = true;
    if (error) entry.reject(error);
    else entry.resolve();
  }

  /** Many subscribe calls in one task make one new connection. */
  #soon(): void {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      const topics = this.#topics();
      if (!topics.length) return;
      if (this.#source && topics.every((t) => this.#connected.includes(t))) return;
      this.reconnect(false);
    });
  }

  /** (Re)connect now. `all`: replay every topic after the last seq (a dropped stream, a new token); otherwise only the topics the last stream had. */
  reconnect(all = true): void {
    const before = this.#connected;
    this.#source?.close();
    this.#source = null;
    clearTimeout(this.#timer);
    this.#attempts = 0;
    this.#connect(all ? this.#topics() : before);
  }

  #connect(resume: Topic[]): void {
    const topics = this.#topics();
    if (!topics.length) return;
    this.#opened = false;
    this.#connected = topics;
    const replay = resume.filter((t) => topics.includes(t));
    const source = new this.#deps.EventSource(this.#deps.url(topics, this.#lastSeq, replay, false));
    this.#source = source;
    source.addEventListener('ready', (event) => {
      if (this.#source !== source) return;
      const parsed = this.#check(this.#json((event as MessageEvent).data), s.liveReady);
      if (!parsed) return;
      this.#opened = true;
      this.#attempts = 0;
      if (this.#lastSeq === null || parsed.seq > this.#lastSeq) this.#lastSeq = parsed.seq;
      for (const entry of this.#listening) if (topics.includes(entry.topic)) this.#settle(entry);
    });
    source.addEventListener('message', (event) => {
      if (this.#source !== source) return;
      const value = this.#json((event as MessageEvent).data);
      const type = (value as { type?: unknown } | null)?.type;
      const schema = typeof type === 'string' && Object.hasOwn(s.liveEvents, type) ? (s.liveEvents[type as LiveEvent['type']] as Wire<SequencedEvent>) : undefined;
      // An event type this adapter does not know (a newer server) is not for it.
      if (!schema) return;
      const live = this.#check(value, schema);
      if (!live || (this.#lastSeq !== null && live.seq <= this.#lastSeq)) return;
      this.#lastSeq = live.seq;
      for (const entry of [...this.#listening]) {
        if (entry.topic !== live.topic || !this.#listening.has(entry)) continue;
        try {
          entry.listener(live);
        } catch (error) {
          console.error('[majlis] A live event listener failed.', error);
        }
      }
    });
    source.addEventListener('error', () => {
      if (this.#source !== source) return;
      source.close();
      this.#source = null;
      if (this.#opened) this.#schedule();
      else void this.#diagnose(topics);
    });
  }

  /** A stream that never opened: ask the server why, once per topic, drop the refused topics, and try again. */
  async #diagnose(topics: Topic[]): Promise<void> {
    const refusals = await Promise.all(topics.map((t) => this.#deps.probe(this.#deps.url([t], null, [], true))));
    let dropped = false;
    refusals.forEach((refusal, i) => {
      if (!refusal || refusal.code === 'rate_limited' || refusal.code === 'unavailable') return;
      dropped = true;
      console.warn(`[majlis] Live updates for "${topics[i]}" stopped: ${refusal.message}`);
      for (const entry of [...this.#listening]) {
        if (entry.topic !== topics[i]) continue;
        this.#listening.delete(entry);
        this.#settle(entry, refusal);
      }
    });
    if (this.#source) return;
    if (dropped) this.#connect(this.#connected);
    else this.#schedule();
  }

  #schedule(): void {
    const delay = Math.random() * Math.min(this.#deps.max, this.#deps.base * 2 ** this.#attempts++);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#connect(this.#topics()), delay);
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#source?.close();
    this.#source = null;
    this.#connected = [];
    // Whoever awaits `ready` of a stopped subscription is not left waiting.
    for (const entry of this.#listening) this.#settle(entry);
    this.#listening.clear();
  }

  #json(data: unknown): unknown {
    try {
      return JSON.parse(String(data));
    } catch {
      this.#warn('not JSON');
      return null;
    }
  }

  #check<T>(value: unknown, schema: Wire<T>): T | null {
    if (value === null) return null;
    const problem = problemIn(value, schema);
    if (!problem) return value as T;
    this.#warn(problem);
    return null;
  }

  #warn(what: string): void {
    if (this.#warned) return;
    this.#warned = true;
    console.warn(`[majlis] A live event could not be read (${what}); it was skipped.`);
  }
}
