import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as q from '../adapters/http/requests.js';
import { DEMO_MEMBERS } from '../adapters/local/seed.js';
import { AdapterError, isAdapterError } from '../core/errors.js';
import type { ViewerClaims } from '../core/types.js';
import type { ManualClock } from '../engine/clock.js';
import type { Actor, Engine } from '../engine/engine.js';
import { bearerToken, secretKey, signViewerToken, verifyViewerToken } from './auth.js';
import { errorResponse, INTERNAL_MESSAGE, isTransient, parseOrThrow, RequestError } from './errors.js';
import { checkTopic, isRestrictedTopic, LiveHub, type EventFeed } from './live.js';
import { openApiDocument } from './openapi.js';
import {
  API_HEADERS,
  CORS_ALLOW_HEADERS,
  CORS_ALLOW_METHODS,
  CORS_EXPOSE_HEADERS,
  DEFAULT_RATE_LIMITS,
  DEFAULT_STATIC_CSP,
  isSameOrigin,
  STATIC_HEADERS,
  TokenBuckets,
  type RateLimit,
} from './protection.js';
import { API_ROUTES } from './routes.js';

export interface LogEntry {
  time: string;
  level: 'info' | 'warn' | 'error';
  msg: string;
  [key: string]: unknown;
}

export interface DemoOptions {
  /** The members a visitor may act as (default: the seeded demo community's). */
  members?: Record<string, ViewerClaims>;
  /** Lifetime of a demo session token, in seconds (default 12 hours). */
  tokenTtlSeconds?: number;
}

export interface TestModeOptions {
  /** The engine's clock: `POST /api/test/advance` moves it. */
  clock: ManualClock;
  /** Where `POST /api/test/reset` puts the clock back to (epoch ms). */
  start: number;
  /** Empties the store (`MemoryStore.load()`, `SqlStore.reset()`). */
  reset(): void | Promise<void>;
}

export interface ServerOptions {
  engine: Engine;
  /** The HS256 secret shared with the host site's backend (`MAJLIS_SECRET`), 32 bytes or more. */
  secret: string | Uint8Array;
  /** The `aud` every viewer token must carry (default `majlis`). */
  audience?: string;
  /** When set, the `iss` every viewer token must carry. */
  issuer?: string;
  /** Seconds of clock difference allowed with the host site when checking token times (default 30). */
  clockToleranceSeconds?: number;
  /**
   * Where live events come from: a function that subscribes a listener and returns the function that
   * stops. Default: the engine's own events (`engine.subscribeAll`), right for one instance. With
   * several instances on one database, pass the database's feed (`(l) => sqlStore.watchEvents(l)`).
   */
  events?: EventFeed;
  /** Origins allowed to call the API from a browser (`MAJLIS_ORIGINS`); the server's own origin always is; `*` allows any. */
  origins?: readonly string[];
  /** Largest request body, in bytes (default 64 kB). */
  maxBodyBytes?: number;
  /** Token-bucket limits per client IP and per signed-in member; `false` turns one off. */
  rateLimits?: { ip?: RateLimit | false; member?: RateLimit | false };
  /** Most live streams one IP may hold open at once (default 64). */
  maxStreamsPerIp?: number;
  /** Heartbeat comment interval on live streams (default 15 s). */
  heartbeatMs?: number;
  /** Demo mode: visitors may act as the seeded demo members (`/api/demo/*`). Off by default. */
  demo?: boolean | DemoOptions;
  /** Test mode: `/api/test/advance` and `/api/test/reset`. Never in production. */
  testMode?: TestModeOptions;
  /** Static folders: URL prefix → folder, e.g. `{ '/demo/': 'demo', '/dist/': 'dist' }`. */
  static?: Record<string, string>;
  /** Where `/` redirects (e.g. `/demo/`); nothing when unset. */
  rootRedirect?: string;
  /** The Content-Security-Policy of static pages. */
  staticCsp?: string;
  /** Behind a reverse proxy: take the client IP from the last `X-Forwarded-For` entry. */
  trustProxy?: boolean;
  /** Structured log sink (one JSON object per request); `false` for none. Default: JSON lines on stdout. */
  log?: ((entry: LogEntry) => void) | false;
}

export interface MajlisServer {
  readonly app: Hono<AppEnv>;
  /** The fetch handler, for any runtime or for tests (`app.fetch`). */
  readonly fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  readonly hub: LiveHub;
  /** Stops the live event feed and ends every live stream. */
  close(): Promise<void>;
}

interface AppEnv {
  Variables: { actor: Actor; expiresAt: number | undefined; ip: string };
}

const DEFAULT_MAX_BODY = 64 * 1024;

const defaultLog = (entry: LogEntry) => process.stdout.write(`${JSON.stringify(entry)}\n`);

/** The query string as an object; names in `arrays` are lists (repeated parameters), others single values. */
function queryObject(url: string, arrays: readonly string[] = []): Record<string, string | string[]> {
  const params = new URL(url).searchParams;
  // No prototype: `?__proto__=a&__proto__=b` would otherwise make the list the object's prototype, and its methods (`sort`…) look like parameters.
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const name of arrays) out[name] = params.getAll(name);
  for (const name of new Set(params.keys())) {
    if (arrays.includes(name)) continue;
    const values = params.getAll(name);
    out[name] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/** Reads a JSON request body of at most `max` bytes. */
async function readJson(c: Context, max: number): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) throw new RequestError(415, 'Send the request body as JSON, with Content-Type: application/json.', { reason: 'unsupported_media_type' });
  const tooLarge = () => new RequestError(413, `The request is too large: at most ${Math.round(max / 1024)} kB.`, { reason: 'too_large' });
  const declared = Number(c.req.header('content-length'));
  if (declared > max) throw tooLarge();
  const body = c.req.raw.body;
  if (!body) throw new RequestError(400, 'The request has no body: send JSON.', { reason: 'malformed_json' });
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RequestError(400, 'The request body is not UTF-8 text.', { reason: 'malformed_json' });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestError(400, 'The request body is not valid JSON.', { reason: 'malformed_json' });
  }
}

const throttled = (seconds: number) =>
  new AdapterError('rate_limited', `Too many requests. Try again in ${seconds} s.`, { reason: 'throttled', retryAfter: seconds });

/**
 * The reference server as a Hono app over an engine: the JSON API (see docs/http-api.md), live events
 * over SSE, viewer tokens, CORS, limits, security headers, logs, and optionally static folders,
 * demo mode and test mode. `startServer` listens on a port; `createServer` only builds the app.
 */
export async function createServer(options: ServerOptions): Promise<MajlisServer> {
  const { engine } = options;
  const key = secretKey(options.secret);
  const tokenOptions = {
    ...(options.audience !== undefined && { audience: options.audience }),
    ...(options.issuer !== undefined && { issuer: options.issuer }),
  };
  const verifyOptions = { ...tokenOptions, ...(options.clockToleranceSeconds !== undefined && { clockToleranceSeconds: options.clockToleranceSeconds }) };
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const origins = new Set(options.origins ?? []);
  const log = options.log === false ? () => undefined : (options.log ?? defaultLog);
  const ipLimit = options.rateLimits?.ip === undefined ? DEFAULT_RATE_LIMITS.ip : options.rateLimits.ip;
  const memberLimit = options.rateLimits?.member === undefined ? DEFAULT_RATE_LIMITS.member : options.rateLimits.member;
  const ipBuckets = ipLimit ? new TokenBuckets(ipLimit) : null;
  const memberBuckets = memberLimit ? new TokenBuckets(memberLimit) : null;
  const maxStreamsPerIp = options.maxStreamsPerIp ?? 64;
  const streamsPerIp = new Map<string, number>();
  const demo = options.demo ? (options.demo === true ? {} : options.demo) : null;
  const demoMembers: Record<string, ViewerClaims> = demo?.members ?? DEMO_MEMBERS;
  const staticCsp = options.staticCsp ?? DEFAULT_STATIC_CSP;

  const hub = new LiveHub(engine.store, {
    ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }),
    onError: (error) => log({ time: new Date().toISOString(), level: 'error', msg: 'live stream failed to start', error: String((error as Error)?.stack ?? error) }),
  });
  const feed: EventFeed = options.events ?? ((listener) => engine.subscribeAll(listener));
  const stopFeed = await feed((event) => hub.publish(event));

  const app = new Hono<AppEnv>();

  const clientIp = (c: Context<AppEnv>): string => {
    if (options.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').map((part) => part.trim()).filter(Boolean);
      if (forwarded?.length) return forwarded[forwarded.length - 1]!;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };

  // ───────── every request: headers and one log line
  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('ip', clientIp(c));
    c.set('actor', null);
    await next();
    const api = c.req.path === '/api' || c.req.path.startsWith('/api/');
    const headers = api ? API_HEADERS : { ...STATIC_HEADERS, 'Content-Security-Policy': staticCsp, 'Cache-Control': 'no-cache' };
    for (const [name, value] of Object.entries(headers)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
    const status = c.res.status;
    const actor = c.get('actor');
    log({
      time: new Date().toISOString(),
      level: status >= 500 ? 'error' : 'info',
      msg: 'request',
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ip: c.get('ip'),
      ...(actor && { member: actor.id }),
    });
  });

  // ───────── the API: CORS, per-IP limit, the viewer, per-member limit
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      if (!origins.has('*') && !origins.has(origin) && !isSameOrigin(origin, c.req.header('host')))
        throw new AdapterError('forbidden', 'This site is not allowed to use this community server: its origin is not in the server’s allowlist (MAJLIS_ORIGINS).', { reason: 'origin' });
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin', { append: true });
      c.header('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
      if (c.req.method === 'OPTIONS') {
        return c.body(null, 204, { 'Access-Control-Allow-Methods': CORS_ALLOW_METHODS, 'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS, 'Access-Control-Max-Age': '600' });
      }
    }
    const ipWait = ipBuckets?.take(c.get('ip')) ?? 0;
    if (ipWait) throw throttled(ipWait);
    let token = bearerToken(c.req.header('authorization'));
    if (token === undefined && c.req.path === '/api/live') token = c.req.query('access_token') || undefined;
    if (token !== undefined) {
      const { viewer, expiresAt } = await verifyViewerToken(token, key, verifyOptions);
      c.set('actor', viewer);
      c.set('expiresAt', expiresAt);
      const memberWait = memberBuckets?.take(viewer.id) ?? 0;
      if (memberWait) throw throttled(memberWait);
    }
    await next();
  });

  for (const route of API_ROUTES) {
    app.on(route.method, route.path, async (c) => {
      const query = route.query ? parseOrThrow(route.query, queryObject(c.req.url, route.arrays), 'query') : undefined;
      const body = route.body ? parseOrThrow(route.body, await readJson(c, maxBody), 'body') : undefined;
      const result = await route.handler({
        engine,
        actor: c.get('actor'),
        query,
        body,
        params: c.req.param() as Record<string, string>,
        idempotencyKey: c.req.header('idempotency-key'),
        anonymousKey: c.req.header('majlis-anonymous-key'),
      });
      if (route.status === 204) return c.body(null, 204);
      return c.json(result as object, route.status);
    });
  }

  // ───────── live events
  app.get('/api/live', (c) => {
    const query = parseOrThrow(q.liveQuery, queryObject(c.req.url, ['topic']), 'query');
    const topics = [...new Set(query.topic)].map((t) => checkTopic(t, c.get('actor')));
    if (query.probe) return c.body(null, 204);
    const ip = c.get('ip');
    const open = streamsPerIp.get(ip) ?? 0;
    if (open >= maxStreamsPerIp) throw new AdapterError('rate_limited', 'Too many live connections from this address. Close some pages and try again.', { reason: 'throttled', retryAfter: 30 });
    const header = c.req.header('last-event-id')?.trim();
    const resume = header && /^\d{1,15}$/.test(header) ? Number(header) : query.lastEventId !== undefined ? Number(query.lastEventId) : null;
    streamsPerIp.set(ip, open + 1);
    // A Last-Event-ID header comes from EventSource's own reconnect: replay every topic.
    // `resume=` (empty) replays nothing: every topic is new.
    const asked = query.resume === undefined ? null : ([] as string[]).concat(query.resume);
    const replay = header || !asked ? topics : topics.filter((t) => asked.includes(t));
    const stream = hub.open(topics, resume, replay, topics.some(isRestrictedTopic) ? c.get('expiresAt') : undefined, () => {
      const left = (streamsPerIp.get(ip) ?? 1) - 1;
      if (left > 0) streamsPerIp.set(ip, left);
      else streamsPerIp.delete(ip);
    });
    return c.body(stream.body, 200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform', 'X-Accel-Buffering': 'no' });
  });

  // ───────── documents
  let openapi: object | null = null;
  app.get('/api/openapi.json', (c) => c.json((openapi ??= openApiDocument(API_ROUTES, { demo: demo !== null }))));
  app.get('/api/health', (c) => c.json({ ok: true }));

  // ───────── demo mode: act as a demo member
  if (demo) {
    const publicMember = (m: ViewerClaims) => ({ id: m.id, name: m.name, roles: [...(m.roles ?? [])] });
    app.get('/api/demo/members', (c) => c.json({ items: Object.values(demoMembers).map(publicMember) }));
    app.post('/api/demo/session', async (c) => {
      const { memberId } = parseOrThrow(q.demoSessionInput, await readJson(c, maxBody), 'body');
      const member = Object.hasOwn(demoMembers, memberId) ? demoMembers[memberId] : Object.values(demoMembers).find((m) => m.id === memberId);
      if (!member) throw new AdapterError('not_found', 'There is no demo member with this id.', { field: 'memberId' });
      const ttl = demo.tokenTtlSeconds ?? 12 * 3600;
      const token = await signViewerToken(member, { secret: key, ...tokenOptions, expiresInSeconds: ttl });
      return c.json({ token, expiresAt: new Date(Date.now() + ttl * 1000).toISOString(), member: publicMember(member) });
    });
  }

  // ───────── test mode: move the clock, empty the community
  if (options.testMode) {
    const test = options.testMode;
    app.post('/api/test/advance', async (c) => {
      const { ms } = parseOrThrow(q.advanceInput, await readJson(c, maxBody), 'body');
      test.clock.advance(ms);
      return c.json({ now: new Date(test.clock.now()).toISOString() });
    });
    app.post('/api/test/reset', async (c) => {
      await test.reset();
      test.clock.set(test.start);
      ipBuckets?.clear();
      memberBuckets?.clear();
      hub.reset();
      return c.body(null, 204);
    });
  }

  // ───────── static folders (the demo site, the built library)
  for (const [prefix, dir] of Object.entries(options.static ?? {})) {
    const base = `/${prefix.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
    if (base !== '/') app.get(base.slice(0, -1), (c) => c.redirect(base, 301));
    // Scripts are most of a page's bytes: gzip makes the 147 kB a visitor's page loads about 50.
    app.use(`${base}*`, compress(), serveStatic({ root: dir, rewriteRequestPath: (path) => path.slice(base.length - 1) }));
  }
  if (options.rootRedirect) {
    const target = options.rootRedirect;
    app.get('/', (c) => c.redirect(target, 302));
  }

  app.notFound((c) => errorResponse(c, new AdapterError('not_found', `There is nothing at ${c.req.method} ${c.req.path}.`)));

  app.onError((error, c) => {
    if (error instanceof RequestError) return errorResponse(c, error, error.status);
    if (isAdapterError(error)) return errorResponse(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      const status = error.status as ContentfulStatusCode;
      const code = status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status === 429 ? 'rate_limited' : 'invalid';
      return errorResponse(c, new AdapterError(code, error.message || 'The request was refused.'), status);
    }
    log({ time: new Date().toISOString(), level: 'error', msg: 'unhandled error', method: c.req.method, path: c.req.path, error: String((error as Error)?.stack ?? error) });
    if (isTransient(error)) return errorResponse(c, new AdapterError('unavailable', 'The community server cannot reach its database right now. Try again in a moment.', { retryAfter: 1 }));
    return c.json({ error: { code: 'unavailable', message: INTERNAL_MESSAGE } }, 500);
  });

  return {
    app,
    fetch: (request, env) => app.fetch(request, env as never),
    hub,
    async close() {
      hub.closeAll();
      await stopFeed();
    },
  };
}
