import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FetchEventSource, HttpAdapter, type HttpAdapterOptions } from '../../src/adapters/http/index.js';
import type { SequencedEvent } from '../../src/core/adapter.js';
import { isAdapterError, type AdapterError } from '../../src/core/errors.js';
import type { Comment } from '../../src/core/types.js';

/** HttpAdapter against a stub fetch: faults on demand, every request recorded. */

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

type Handler = (call: Call, n: number) => Response | Promise<Response>;

function stub(handler: Handler) {
  const calls: Call[] = [];
  const fetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const call: Call = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? init.body : undefined,
      signal: init.signal ?? undefined,
    };
    calls.push(call);
    init.signal?.throwIfAborted();
    return handler(call, calls.length);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const error = (status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) => json(status, { error: { code, message, ...extra } }, headers);

const COMMENT: Comment = {
  id: 'c1',
  thread: 't',
  parentId: null,
  depth: 0,
  authorId: 'amal',
  body: 'hello',
  status: 'visible',
  createdAt: '2026-03-04T12:00:00.000Z',
  editedAt: null,
  editCount: 0,
  featured: false,
  reactions: [],
  replyCount: 0,
  replyToAuthorId: null,
};

const adapter = (fetch: typeof globalThis.fetch, options: Partial<HttpAdapterOptions> = {}) =>
  new HttpAdapter({ endpoint: 'https://community.example/api/', token: 'the-token', fetch, retry: { retries: 3, baseDelayMs: 5, maxDelayMs: 2000 }, ...options });

async function rejectsWith(promise: Promise<unknown>, code: string, what: string): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isAdapterError(error), `${what}: an AdapterError, got ${String(error)}`);
    assert.equal(error.code, code, `${what}: code (${error.message})`);
    assert.ok(error.message.length > 0, `${what}: a message`);
    return error;
  }
  assert.fail(`${what}: expected a rejection`);
}

describe('HttpAdapter requests', () => {
  it('speaks the API: paths, query, headers, bodies, the caller’s signal', async () => {
    const { fetch, calls } = stub((call) => {
      if (call.url.includes('/comments?')) return json(200, { items: [COMMENT], nextCursor: null, threadCount: 1 });
      if (call.url.includes('/members')) return json(200, { items: [] });
      if (call.url.includes('/polls/')) return json(200, { error: 'not a poll' });
      return json(201, COMMENT);
    });
    const a = adapter(fetch);
    const controller = new AbortController();
    await a.comments.list({ thread: 'a b&c', parentId: null, sort: 'newest', cursor: null, limit: 5 }, { signal: controller.signal });
    assert.equal(calls[0]!.url, 'https://community.example/api/comments?thread=a+b%26c&sort=newest&limit=5');
    assert.equal(calls[0]!.headers['authorization'], 'Bearer the-token');
    assert.ok(calls[0]!.signal, 'a signal goes with the request (the caller’s, joined with the timeout: see the abort test)');
    await a.members.getMany(['x', 'y/z']);
    assert.equal(calls[1]!.url, 'https://community.example/api/members?id=x&id=y%2Fz');
    await a.comments.post({ thread: 't', body: 'hello' }, { idempotencyKey: 'key-12345678' });
    assert.equal(calls[2]!.method, 'POST');
    assert.equal(calls[2]!.headers['idempotency-key'], 'key-12345678');
    assert.equal(calls[2]!.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(calls[2]!.body!), { thread: 't', body: 'hello' });
    await rejectsWith(a.polls.get('p/1', { anonymousKey: 'anonymous-key-0123456789' }), 'unavailable', 'a wrong shape');
    assert.equal(calls[3]!.url, 'https://community.example/api/polls/p%2F1');
    assert.equal(calls[3]!.headers['majlis-anonymous-key'], 'anonymous-key-0123456789');
    a.setToken(null);
    await a.members.getMany([]);
    assert.equal(calls[4]!.headers['authorization'], undefined, 'signed out: no token');
    assert.equal(await a.session.viewer(), null, 'without a token the viewer is a guest…');
    assert.equal(calls.length, 5, '…known without asking the server');
    assert.throws(() => new HttpAdapter({ endpoint: '/api', fetch }), /must be absolute/, 'outside a page, a relative endpoint is a clear error');
  });

  it('maps error responses to AdapterError with the server’s code, message, field, reason and retryAfter', async () => {
    const responses = [
      error(400, 'invalid', 'The comment is empty.', { field: 'body', reason: 'empty' }),
      error(401, 'unauthorized', 'Sign in again.', { reason: 'token_expired' }),
      error(403, 'forbidden', 'Only moderators.'),
      error(404, 'not_found', 'No such comment.'),
      error(409, 'conflict', 'Already posted.', { reason: 'duplicate' }),
      new Response('<html>too big</html>', { status: 413, headers: { 'Content-Type': 'text/html' } }),
    ];
    const { fetch, calls } = stub((_call, n) => responses[n - 1]!);
    const a = adapter(fetch);
    const invalid = await rejectsWith(a.comments.post({ thread: 't', body: '' }, { idempotencyKey: 'key-00000001' }), 'invalid', '400');
    assert.equal(invalid.field, 'body');
    assert.equal(invalid.reason, 'empty');
    assert.equal(invalid.message, 'The comment is empty.');
    assert.equal((await rejectsWith(a.session.viewer(), 'unauthorized', '401')).reason, 'token_expired');
    await rejectsWith(a.moderation.audit(), 'forbidden', '403');
    await rejectsWith(a.comments.get('x'), 'not_found', '404');
    assert.equal((await rejectsWith(a.comments.post({ thread: 't', body: 'x' }, { idempotencyKey: 'key-00000002' }), 'conflict', '409')).reason, 'duplicate');
    await rejectsWith(a.comments.post({ thread: 't', body: 'x' }, { idempotencyKey: 'key-00000003' }), 'invalid', 'a 413 page without JSON');
    assert.equal(calls.length, 6, 'none of these is retried');
  });
});

describe('HttpAdapter faults', () => {
  it('server down: retries reads with backoff, then says unavailable', async () => {
    const { fetch, calls } = stub(() => Promise.reject(new TypeError('fetch failed')));
    const error = await rejectsWith(adapter(fetch).comments.count(['t']), 'unavailable', 'server down');
    assert.equal(error.reason, 'network');
    assert.equal(calls.length, 4, 'the first try and 3 retries');
  });

  it('a write without an idempotency key is not retried; one with a key is', async () => {
    const down = stub(() => Promise.reject(new TypeError('fetch failed')));
    await rejectsWith(adapter(down.fetch).comments.post({ thread: 't', body: 'x' }, { idempotencyKey: '' }), 'unavailable', 'keyless write');
    assert.equal(down.calls.length, 1);
    const flaky = stub((_c, n) => (n < 3 ? Promise.reject(new TypeError('socket hang up')) : json(201, COMMENT)));
    assert.equal((await adapter(flaky.fetch).comments.post({ thread: 't', body: 'x' }, { idempotencyKey: 'key-flaky-1' })).id, 'c1');
    assert.equal(flaky.calls.length, 3);
  });

  it('500 is unavailable at once, with the server’s message and no retry', async () => {
    const { fetch, calls } = stub(() => error(500, 'unavailable', 'Something went wrong on the community server. Try again later.'));
    const e = await rejectsWith(adapter(fetch).comments.get('c1'), 'unavailable', '500');
    assert.match(e.message, /Something went wrong/);
    assert.equal(calls.length, 1);
  });

  it('503 then success: the write is retried with the same key and body, and lands once', async () => {
    const { fetch, calls } = stub((_c, n) => (n === 1 ? error(503, 'unavailable', 'Restarting.', {}, { 'Retry-After': '0' }) : n === 2 ? new Response('Bad gateway', { status: 502 }) : json(201, COMMENT)));
    const posted = await adapter(fetch).comments.post({ thread: 't', body: 'once' }, { idempotencyKey: 'key-once-123' });
    assert.equal(posted.id, 'c1');
    assert.equal(calls.length, 3);
    assert.deepEqual(new Set(calls.map((c) => c.headers['idempotency-key'])), new Set(['key-once-123']), 'one key for every try');
    assert.deepEqual(new Set(calls.map((c) => c.body)), new Set([JSON.stringify({ thread: 't', body: 'once' })]), 'one body for every try');
  });

  it('a throttling 429 waits what Retry-After says, then succeeds', async () => {
    const { fetch, calls } = stub((_c, n) => (n === 1 ? error(429, 'rate_limited', 'Too many requests.', { reason: 'throttled', retryAfter: 1 }, { 'Retry-After': '1' }) : json(200, { viewer: null })));
    const started = Date.now();
    assert.equal(await adapter(fetch).session.viewer(), null);
    assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms for Retry-After: 1`);
    assert.equal(calls.length, 2);
  });

  it('a 429 of the community’s rules, or one asking for a long wait, is reported at once with retryAfter', async () => {
    const rules = stub(() => error(429, 'rate_limited', 'You are posting too fast. Wait 3 s and send again.', { retryAfter: 3 }, { 'Retry-After': '3' }));
    const fast = await rejectsWith(adapter(rules.fetch).comments.post({ thread: 't', body: 'x' }, { idempotencyKey: 'key-fast-123' }), 'rate_limited', 'posting too fast');
    assert.equal(fast.retryAfter, 3);
    assert.equal(rules.calls.length, 1);
    const long = stub(() => error(429, 'rate_limited', 'Too many requests.', { reason: 'throttled' }, { 'Retry-After': '120' }));
    const started = Date.now();
    const wait = await rejectsWith(adapter(long.fetch).session.viewer(), 'rate_limited', 'a long throttle');
    assert.equal(wait.retryAfter, 120);
    assert.ok(Date.now() - started < 500, 'not waited for');
    assert.equal(long.calls.length, 1);
  });

  it('a slow response is abandoned the moment the caller aborts; a hung one times out as unavailable', async () => {
    const hang = stub((call) => new Promise<Response>((_resolve, reject) => call.signal?.addEventListener('abort', () => reject(call.signal!.reason))));
    const controller = new AbortController();
    const started = Date.now();
    const pending = adapter(hang.fetch).comments.list({ thread: 't' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(pending, (e: unknown) => !isAdapterError(e) && (e as Error).name === 'AbortError');
    assert.ok(Date.now() - started < 500, 'promptly');
    assert.equal(hang.calls.length, 1, 'an abort is not retried');

    const timeout = await rejectsWith(adapter(hang.fetch, { timeoutMs: 20, retry: { retries: 1, baseDelayMs: 1 } }).comments.get('c1'), 'unavailable', 'a hung server');
    assert.equal(timeout.reason, 'timeout');

    // Aborting during the backoff between tries is prompt too.
    const down = stub(() => error(503, 'unavailable', 'Down.', {}, { 'Retry-After': '1' }));
    const backoff = new AbortController();
    const during = adapter(down.fetch).session.viewer({ signal: backoff.signal });
    setTimeout(() => backoff.abort(), 30);
    const t0 = Date.now();
    await assert.rejects(during, (e: unknown) => (e as Error).name === 'AbortError');
    assert.ok(Date.now() - t0 < 500);
    await assert.rejects(adapter(down.fetch).session.viewer({ signal: AbortSignal.abort() }), (e: unknown) => (e as Error).name === 'AbortError', 'already aborted: no request');
  });

  it('malformed JSON, a wrong shape, or a proxy’s HTML are unavailable, never a crash', async () => {
    const bodies = [
      new Response('{"items": [', { status: 200, headers: { 'Content-Type': 'application/json' } }),
      json(200, { items: [{ ...COMMENT, createdAt: 42 }], nextCursor: null }),
      json(200, { items: 'nope' }),
      json(200, null),
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
    ];
    const { fetch } = stub((_c, n) => bodies[n - 1]!.clone());
    const a = adapter(fetch, { retry: { retries: 0 } });
    const notJson = await rejectsWith(a.comments.list({ thread: 't' }), 'unavailable', 'malformed JSON');
    assert.equal(notJson.reason, 'malformed_response');
    const shape = await rejectsWith(a.comments.list({ thread: 't' }), 'unavailable', 'a wrong type');
    assert.match(shape.message, /items\.0\.createdAt/, 'the message says where');
    await rejectsWith(a.comments.list({ thread: 't' }), 'unavailable', 'a wrong shape');
    await rejectsWith(a.session.viewer(), 'unavailable', 'null');
    const proxy = await rejectsWith(a.session.viewer(), 'unavailable', 'a proxy page');
    assert.match(proxy.message, /502/);
  });
});

// ───────── live events over a stub SSE endpoint

/** An SSE response whose text the test writes, and can cut. */
function sse() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    drop: () => controller.error(new Error('connection reset')),
  };
}
const liveEvent = (seq: number, body: string) =>
  `id: ${seq}\ndata: ${JSON.stringify({ type: 'comment.created', topic: 'thread:t', seq, comment: { ...COMMENT, id: `c${seq}`, body } })}\n\n`;

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > 2000) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('HttpAdapter live events', () => {
  it('a dropped stream reconnects and resumes after the last id, delivering each event once', async () => {
    const streams: ReturnType<typeof sse>[] = [];
    const { fetch, calls } = stub(() => {
      const stream = sse();
      streams.push(stream);
      return stream.response;
    });
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      const a = adapter(fetch, { EventSource: class extends FetchEventSource { constructor(url: string) { super(url, { fetch }); } }, liveRetry: { baseDelayMs: 5, maxDelayMs: 20 } });
      const heard: SequencedEvent[] = [];
      const stop = a.live.subscribe('thread:t', (event) => heard.push(event));
      await waitFor(() => streams.length === 1, 'the first connection');
      assert.match(calls[0]!.url, /\/api\/live\?topic=thread%3At$/, 'no token on a public topic, no resume at first');
      streams[0]!.send('event: ready\nid: 10\ndata: {"seq":10}\n\n');
      await stop.ready;
      streams[0]!.send(liveEvent(11, 'one') + liveEvent(12, 'two'));
      streams[0]!.send('data: {"type":"comment.created","seq":13,"topic":"thread:t"}\n\n'); // malformed: skipped
      streams[0]!.send('data: {"type":"something.new","seq":14,"topic":"thread:t"}\n\n'); // unknown: ignored
      await waitFor(() => heard.length === 2, 'two events');
      streams[0]!.drop();
      await waitFor(() => streams.length === 2, 'a reconnection');
      assert.match(calls[1]!.url, /lastEventId=12/, 'resumes after the last delivered event');
      streams[1]!.send('event: ready\nid: 12\ndata: {"seq":12}\n\n');
      // The server repeats one it already sent, then the missed one and a new one.
      streams[1]!.send(liveEvent(12, 'two') + liveEvent(15, 'three') + liveEvent(16, 'four'));
      await waitFor(() => heard.length === 4, 'the missed events');
      streams[1]!.send(liveEvent(15, 'three again'));
      await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(heard.map((e) => e.seq), [11, 12, 15, 16], 'each seq once, in order');
      assert.deepEqual(heard.map((e) => (e.type === 'comment.created' ? e.comment.body : '')), ['one', 'two', 'three', 'four']);
      assert.equal(warnings.length, 1, 'the malformed event was reported once');
      stop();
      await new Promise((r) => setTimeout(r, 30));
      assert.equal(streams.length, 2, 'no reconnection after stop');
    } finally {
      console.warn = warn;
    }
  });

  it('a stream that fails before opening is probed: a refusal rejects ready; an outage keeps retrying', async () => {
    let down = 2;
    const streams: ReturnType<typeof sse>[] = [];
    const { fetch, calls } = stub((call) => {
      if (call.url.includes('topic=moderation')) return error(403, 'forbidden', 'Only moderators and admins can follow the moderation queue.');
      if (down > 0) {
        if (call.url.includes('probe=1')) down--;
        return Promise.reject(new TypeError('fetch failed'));
      }
      const stream = sse();
      streams.push(stream);
      stream.send('event: ready\nid: 0\ndata: {"seq":0}\n\n');
      return stream.response;
    });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      const a = adapter(fetch, { EventSource: class extends FetchEventSource { constructor(url: string) { super(url, { fetch }); } }, liveRetry: { baseDelayMs: 5, maxDelayMs: 20 } });
      const refused = a.live.subscribe('moderation', () => assert.fail('nothing on a refused stream'));
      const error = await refused.ready.then(() => null, (e: unknown) => e);
      assert.ok(isAdapterError(error) && error.code === 'forbidden', 'ready rejects with the server’s refusal');
      assert.ok(calls.some((c) => c.url.includes('topic=moderation') && c.url.includes('probe=1') && c.url.includes('access_token=the-token')), 'probed with the token');
      const outage = a.live.subscribe('thread:t', () => undefined);
      await outage.ready;
      assert.equal(streams.length, 1, 'connected once the server was back');
      outage();
    } finally {
      console.warn = warn;
    }
  });
});
