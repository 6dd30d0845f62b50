import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SignJWT, UnsecuredJWT } from 'jose';
import type { ViewerClaims } from '../../src/core/types.js';
import { Engine, ManualClock, MemoryStore, type Store } from '../../src/engine/index.js';
import { signViewerToken } from '../../src/server/auth.js';
import { SqlStore } from '../../src/server/sql-store.js';
import { CONTRACT_START } from '../../src/testing/local-harness.js';
import { assertError, b64, call, idempotencyKey as key } from './support/http.js';
import { testServers } from './support/servers.js';

const SECRET = 'server-security-test-secret-0123456789abcdefghijkl';
const AMAL: ViewerClaims = { id: 'amal', name: 'Amal' };
const MONA: ViewerClaims = { id: 'mona', name: 'Mona', roles: ['moderator'] };
const { start } = testServers({ secret: SECRET });

const token = (viewer: ViewerClaims, options: { secret?: string; audience?: string; expiresInSeconds?: number } = {}) =>
  signViewerToken(viewer, { secret: options.secret ?? SECRET, ...(options.audience && { audience: options.audience }), ...(options.expiresInSeconds !== undefined && { expiresInSeconds: options.expiresInSeconds }) });

describe('server security: viewer tokens', () => {
  let url: string;
  before(async () => {
    ({ url } = await start());
  });

  it('a valid token is the viewer; no token is a guest', async () => {
    const me = (await call(url, '/api/viewer', { token: await token(AMAL) })).json['viewer'] as { id: string; roles: string[] };
    assert.equal(me.id, AMAL.id);
    assert.deepEqual(me.roles, []);
    assert.equal((await call(url, '/api/viewer')).json['viewer'], null);
  });

  it('refuses tampered, expired, unsigned, wrong-secret, wrong-audience, wrong-algorithm and exp-less tokens with 401 JSON', async () => {
    const good = await token(AMAL);
    const [header, , signature] = good.split('.');
    const tampered = `${header}.${b64({ sub: 'amal', name: 'Amal', roles: ['admin'], aud: 'majlis', exp: Math.floor(Date.now() / 1000) + 3600 })}.${signature}`;
    const expired = await new SignJWT({ name: 'Amal' }).setProtectedHeader({ alg: 'HS256' }).setSubject('amal').setAudience('majlis').setExpirationTime(Math.floor(Date.now() / 1000) - 120).sign(new TextEncoder().encode(SECRET));
    const unsigned = new UnsecuredJWT({ name: 'Amal', roles: ['admin'] }).setSubject('amal').setAudience('majlis').setExpirationTime('1h').encode();
    const noneHeader = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'amal', name: 'Amal', aud: 'majlis', exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
    const wrongSecret = await token(AMAL, { secret: 'another-secret-that-is-long-enough-0123456789' });
    const wrongAudience = await token(AMAL, { audience: 'another-app' });
    const hs512 = await new SignJWT({ name: 'Amal' }).setProtectedHeader({ alg: 'HS512' }).setSubject('amal').setAudience('majlis').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    const noExp = await new SignJWT({ name: 'Amal' }).setProtectedHeader({ alg: 'HS256' }).setSubject('amal').setAudience('majlis').sign(new TextEncoder().encode(SECRET));
    const noName = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('amal').setAudience('majlis').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    for (const [what, bad] of Object.entries({ tampered, expired, unsigned, noneHeader, wrongSecret, wrongAudience, hs512, noExp, noName, garbage: 'not.a.token', empty: '' })) {
      for (const path of ['/api/viewer', '/api/comments?thread=t']) {
        const res = await call(url, path, { headers: { Authorization: `Bearer ${bad}` } });
        assertError(res, 401, 'unauthorized', `${what} token on ${path}`);
        assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/, `${what}: WWW-Authenticate`);
      }
      assertError(await call(url, '/api/comments', { method: 'POST', headers: { Authorization: `Bearer ${bad}` }, body: { thread: 't', body: 'hi' } }), 401, 'unauthorized', `${what} token writing`);
    }
    assert.equal((await call(url, '/api/viewer', { headers: { Authorization: `Bearer ${expired}` } })).json.error?.reason, 'token_expired', 'an expired token says so');
    assertError(await call(url, '/api/viewer', { headers: { Authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' } }), 401, 'unauthorized', 'a Basic header');
  });

  it('a member calling moderator routes is refused (403); a guest is asked to sign in (401)', async () => {
    const member = await token(AMAL);
    // Roles only as a list in the token: a string, or a differently named claim, is no role.
    const sneaky = [
      member,
      await new SignJWT({ name: 'Amal', roles: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('amal').setAudience('majlis').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET)),
      await new SignJWT({ name: 'Amal', role: 'admin', roles: ['superuser', 'not an admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('amal').setAudience('majlis').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET)),
    ];
    const posted = await call(url, '/api/comments', { method: 'POST', token: member, body: { thread: 'mod', body: 'a comment' } });
    assert.equal(posted.status, 201, posted.text);
    const id = (posted.json as unknown as { id: string }).id;
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/moderation/queue?state=reported'],
      ['GET', '/api/moderation/audit'],
      ['POST', '/api/moderation/decisions', { target: `comment:${id}`, action: 'remove', reason: 'spam' }],
      ['PUT', '/api/moderation/bans/mona', { until: '2099-01-01T00:00:00Z', reason: 'no' }],
      ['DELETE', '/api/moderation/bans/mona'],
      ['POST', '/api/polls', { question: 'q?', options: ['a', 'b'] }],
      ['PUT', `/api/comments/${id}/featured`, { featured: true }],
    ];
    for (const t of sneaky) {
      for (const [method, path, body] of routes) {
        const res = await call(url, path, { method, token: t, ...(body !== undefined && { body }), headers: method === 'GET' ? {} : { 'Idempotency-Key': key() } });
        assertError(res, 403, 'forbidden', `a member: ${method} ${path}`);
      }
    }
    for (const [method, path, body] of routes) assertError(await call(url, path, { method, ...(body !== undefined && { body }), headers: method === 'GET' ? {} : { 'Idempotency-Key': key() } }), 401, 'unauthorized', `a guest: ${method} ${path}`);
    const mod = await token(MONA);
    assert.equal((await call(url, '/api/moderation/queue?state=reported', { token: mod })).status, 200, 'a moderator may');
  });

  it('the token is read from the Authorization header only (a query token counts only for live streams)', async () => {
    const res = await call(url, `/api/viewer?access_token=${await token(AMAL)}`);
    assert.equal(res.json['viewer'], null, 'a token in the query of an API route is ignored');
  });
});

describe('server security: origins, bodies, headers', () => {
  let url: string;
  before(async () => {
    ({ url } = await start({ origins: ['https://blog.example.com'] }));
  });

  it('refuses a disallowed Origin with 403 JSON; allows listed origins, the server’s own, and requests without one', async () => {
    const bad = await call(url, '/api/viewer', { headers: { Origin: 'https://evil.example' } });
    assertError(bad, 403, 'forbidden', 'a disallowed origin');
    assert.equal(bad.headers.get('access-control-allow-origin'), null, 'no CORS grant to a disallowed origin');
    assertError(await call(url, '/api/comments', { method: 'POST', headers: { Origin: 'https://evil.example' }, body: { thread: 't', body: 'x' } }), 403, 'forbidden', 'a disallowed origin writing');
    const preflight = await fetch(`${url}/api/comments`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(preflight.status, 403, 'a disallowed preflight');

    const good = await call(url, '/api/viewer', { headers: { Origin: 'https://blog.example.com' } });
    assert.equal(good.status, 200);
    assert.equal(good.headers.get('access-control-allow-origin'), 'https://blog.example.com');
    assert.match(good.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    const allowedPreflight = await fetch(`${url}/api/comments`, { method: 'OPTIONS', headers: { Origin: 'https://blog.example.com', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key' } });
    assert.equal(allowedPreflight.status, 204);
    assert.match(allowedPreflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    assert.match(allowedPreflight.headers.get('access-control-allow-methods') ?? '', /PATCH/);
    // A 401 for an allowed origin is readable by its page: CORS headers on errors too.
    const refused = await call(url, '/api/viewer', { headers: { Origin: 'https://blog.example.com', Authorization: 'Bearer nope' } });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('access-control-allow-origin'), 'https://blog.example.com');

    assert.equal((await call(url, '/api/viewer', { headers: { Origin: url } })).status, 200, 'the server’s own pages');
    assert.equal((await call(url, '/api/viewer')).status, 200, 'no Origin: not a browser page');
  });

  it('refuses an oversized body with 413 JSON, whether its length is declared or streamed', async () => {
    const t = await token(AMAL);
    const declared = await call(url, '/api/comments', { method: 'POST', token: t, body: { thread: 'big', body: 'x'.repeat(100_000) } });
    assertError(declared, 413, 'invalid', 'a 100 kB body');
    assert.equal(declared.json.error?.reason, 'too_large');
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(10_000)));
        controller.close();
      },
    });
    const streamed = await fetch(`${url}/api/comments`, { method: 'POST', headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json', 'Idempotency-Key': key() }, body: chunks, duplex: 'half' } as RequestInit);
    assert.equal(streamed.status, 413, 'a streamed 100 kB body');
    assert.equal(((await streamed.json()) as { error: { code: string } }).error.code, 'invalid');
    // The server still answers on a new connection.
    assert.equal((await call(url, '/api/viewer')).status, 200);
  });

  it('every error response is JSON with a code and no stack trace', async () => {
    const t = await token(AMAL);
    assertError(await call(url, '/api/nowhere'), 404, 'not_found', 'an unknown route');
    assertError(await call(url, '/api/comments'), 400, 'invalid', 'a missing query parameter');
    assertError(await call(url, '/api/comments?thread=t&limit=abc'), 400, 'invalid', 'a non-numeric limit');
    assertError(await call(url, '/api/comments?thread=t&sort=sideways'), 400, 'invalid', 'an unknown sort');
    assertError(await call(url, '/api/comments?thread=a&thread=b'), 400, 'invalid', 'a repeated single parameter');
    assertError(await call(url, '/api/comments', { method: 'POST', token: t, body: '{"thread": "t", "body": ' }), 400, 'invalid', 'malformed JSON');
    assertError(await call(url, '/api/comments', { method: 'POST', token: t, body: { thread: 't', body: 'hi' }, headers: { 'Content-Type': 'text/plain' } }), 415, 'invalid', 'not JSON');
    assertError(await call(url, '/api/comments', { method: 'POST', token: t, body: { thread: 't', body: 42 } }), 400, 'invalid', 'a number as the body');
    assertError(await call(url, '/api/comments', { method: 'POST', token: t, body: [1, 2] }), 400, 'invalid', 'an array as the request');
    const noKey = await fetch(`${url}/api/comments`, { method: 'POST', headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ thread: 't', body: 'hi' }) });
    assert.equal(noKey.status, 400, 'a write without an idempotency key');
    assert.equal(((await noKey.json()) as { error: { field: string } }).error.field, 'idempotencyKey');
    assertError(await call(url, '/api/comments/nope'), 404, 'not_found', 'an unknown comment');
    assertError(await call(url, '/api/members?' + Array.from({ length: 101 }, (_, i) => `id=m${i}`).join('&')), 400, 'invalid', '101 ids');
    assertError(await call(url, '/api/live?topic=nonsense'), 400, 'invalid', 'an unknown topic');
    const field = await call(url, '/api/comments', { method: 'POST', token: t, body: { thread: 't', body: 42 } });
    assert.equal(field.json.error?.field, 'body', 'the field at fault is named');
  });

  it('API responses carry security headers', async () => {
    for (const path of ['/api/viewer', '/api/nowhere']) {
      const res = await fetch(`${url}${path}`);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }
  });
});

describe('server security: static files', () => {
  let url: string;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'majlis-static-'));
    await mkdir(join(dir, 'site'));
    await writeFile(join(dir, 'site', 'index.html'), '<!doctype html><title>demo</title>');
    await writeFile(join(dir, 'secret.txt'), 'not for the web');
    await writeFile(join(dir, 'site', 'app.js'), `export const words = ${JSON.stringify('majlis '.repeat(2000))};`);
    ({ url } = await start({ static: { '/demo/': join(dir, 'site') }, rootRedirect: '/demo/' }));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the folder under a strict CSP, redirects / to it, and nothing outside it', async () => {
    const root = await fetch(`${url}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/demo/');
    const page = await fetch(`${url}/demo/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>demo<\/title>/);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal((await fetch(`${url}/demo`, { redirect: 'manual' })).headers.get('location'), '/demo/');
    for (const path of ['/demo/../secret.txt', '/demo/%2e%2e/secret.txt', '/demo/..%2fsecret.txt', '/demo//etc/passwd', '/secret.txt']) {
      const res = await fetch(`${url}${path}`);
      assert.notEqual(res.status, 200, path);
      assert.doesNotMatch(await res.text(), /not for the web/, path);
    }
  });

  it('sends scripts gzipped to a browser that accepts it, and whole to one that does not', async () => {
    const { request } = await import('node:http');
    const get = (encoding: string) =>
      new Promise<{ encoding: string | undefined; bytes: number }>((resolve, reject) => {
        request(`${url}/demo/app.js`, { headers: { 'Accept-Encoding': encoding } }, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length)).on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes }));
        }).on('error', reject).end();
      });
    const gzipped = await get('gzip, deflate, br');
    const whole = await get('identity');
    assert.equal(gzipped.encoding, 'gzip');
    assert.equal(whole.encoding, undefined);
    assert.ok(gzipped.bytes * 10 < whole.bytes, `${gzipped.bytes} gzipped bytes against ${whole.bytes}`);
  });
});

describe('server security: failures, logs, limits, modes', () => {
  it('an unexpected failure is a 500 with a generic JSON message; the stack goes to the log only', async () => {
    const store = new MemoryStore();
    const broken = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'listComments') return async () => { throw new TypeError('secret internal detail at /srv/majlis/src/engine.ts:42'); };
        if (property === 'countComments') return async () => { throw Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }); };
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as Store;
    const { url, logs } = await start({ engine: new Engine({ store: broken, clock: new ManualClock(CONTRACT_START) }) });
    const res = await call(url, '/api/comments?thread=t');
    assert.equal(res.status, 500);
    assert.equal(res.json.error?.code, 'unavailable');
    assert.doesNotMatch(res.text, /secret internal detail|TypeError|engine\.ts/, 'nothing of the failure reaches the client');
    const logged = logs.find((entry) => entry.msg === 'unhandled error');
    assert.match(String(logged?.['error']), /secret internal detail/, 'the server log has it');
    // The database away for a moment: 503 with Retry-After, which clients retry; still nothing of the insides.
    const away = await call(url, '/api/comments/counts?thread=t');
    assertError(away, 503, 'unavailable', 'the database away');
    assert.equal(away.headers.get('retry-after'), '1');
    assert.doesNotMatch(away.text, /10\.0\.0\.5|ECONNREFUSED/);
  });

  it('logs one JSON line per request without tokens or query strings', async () => {
    const { url, logs } = await start();
    const t = await token(AMAL);
    await call(url, '/api/comments?thread=secret-thread', { token: t });
    await call(url, `/api/live?topic=member:amal&probe=1&access_token=${t}`);
    const lines = logs.filter((entry) => entry.msg === 'request');
    assert.equal(lines.length, 2);
    assert.deepEqual(Object.keys(lines[0]!).sort(), ['ip', 'level', 'member', 'method', 'ms', 'msg', 'path', 'status', 'time'].sort());
    assert.equal(lines[0]!['path'], '/api/comments');
    assert.equal(lines[1]!['status'], 204);
    const text = JSON.stringify(logs);
    assert.ok(!text.includes(t) && !text.includes(t.split('.')[2]!), 'no token in the logs');
    assert.ok(!text.includes('secret-thread'), 'no query string in the logs');
  });

  it('a burst over the rate limit gets 429 with Retry-After, per IP and per member', async () => {
    const { url } = await start({ rateLimits: { ip: { burst: 20, perMinute: 60 }, member: { burst: 5, perMinute: 30 } } });
    const t = await token(AMAL);
    const member = await Promise.all(Array.from({ length: 8 }, () => call(url, '/api/viewer', { token: t })));
    const limited = member.filter((r) => r.status === 429);
    assert.equal(limited.length, 3, 'the member’s burst of 5 passes, the rest wait');
    assertError(limited[0]!, 429, 'rate_limited', 'over the member limit');
    assert.ok(Number(limited[0]!.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
    assert.equal(limited[0]!.json.error?.reason, 'throttled');
    assert.ok((limited[0]!.json.error?.retryAfter ?? 0) >= 1);
    // Another member is not held back by Amal; the IP's own bucket (20) still holds.
    assert.equal((await call(url, '/api/viewer', { token: await token(MONA) })).status, 200);
    const guests = await Promise.all(Array.from({ length: 20 }, () => call(url, '/api/viewer')));
    const ipLimited = guests.filter((r) => r.status === 429);
    assert.ok(ipLimited.length >= 5, `the IP's burst runs out (${ipLimited.length} limited)`);
    assert.ok(Number(ipLimited[0]!.headers.get('retry-after')) >= 1);
  });

  it('demo routes exist only in demo mode, and a demo session is that member', async () => {
    const plain = await start();
    assertError(await call(plain.url, '/api/demo/members'), 404, 'not_found', 'demo members without demo mode');
    assertError(await call(plain.url, '/api/demo/session', { method: 'POST', body: { memberId: 'layla' } }), 404, 'not_found', 'a demo session without demo mode');
    const demo = await start({ demo: true });
    const members = (await call(demo.url, '/api/demo/members')).json['items'] as { id: string }[];
    assert.ok(members.some((m) => m.id === 'omar'));
    const session = await call(demo.url, '/api/demo/session', { method: 'POST', body: { memberId: 'omar' } });
    assert.equal(session.status, 200);
    const viewer = (await call(demo.url, '/api/viewer', { token: session.json['token'] as string })).json['viewer'] as { id: string; roles: string[] };
    assert.equal(viewer.id, 'omar');
    assert.deepEqual(viewer.roles, ['moderator']);
    assertError(await call(demo.url, '/api/demo/session', { method: 'POST', body: { memberId: 'toString' } }), 404, 'not_found', 'not a demo member');
    // The demo's token is signed with the server's secret: it is refused by a server with another.
    const other = await start({ secret: 'a-completely-different-secret-0123456789abcdef' });
    assertError(await call(other.url, '/api/viewer', { token: session.json['token'] as string }), 401, 'unauthorized', 'a demo token elsewhere');
  });

  it('test routes exist only with a test clock', async () => {
    const plain = await start();
    assertError(await call(plain.url, '/api/test/reset', { method: 'POST' }), 404, 'not_found', 'reset without test mode');
    assertError(await call(plain.url, '/api/test/advance', { method: 'POST', body: { ms: 1000 } }), 404, 'not_found', 'advance without test mode');
    const clock = new ManualClock(CONTRACT_START);
    const store = new MemoryStore();
    const test = await start({ engine: new Engine({ clock, store }), testMode: { clock, start: Date.parse(CONTRACT_START), reset: () => store.load() } });
    const advanced = await call(test.url, '/api/test/advance', { method: 'POST', body: { ms: 60_000 } });
    assert.equal(advanced.json['now'], '2026-03-04T12:01:00.000Z');
    assert.equal((await call(test.url, '/api/test/reset', { method: 'POST' })).status, 204);
    assert.equal(clock.now(), Date.parse(CONTRACT_START), 'the clock is back at its start');
  });
});

describe('server security: SQL-looking input on the SQL store', () => {
  let store: SqlStore;
  before(async () => {
    store = await SqlStore.open({});
  });
  after(async () => {
    await store.close();
  });

  it('is stored and returned as text', async () => {
    const engine = new Engine({ store, clock: new ManualClock(CONTRACT_START) });
    const { url } = await start({ engine, events: (listener) => store.watchEvents(listener) });
    const t = await token({ id: "robert'); DROP TABLE members;--", name: "Robert'); DROP TABLE members;--" });
    const nasty = [
      "'; DROP TABLE comments; --",
      "1' OR '1'='1",
      '"; SELECT pg_sleep(10); --',
      '$1 $2 \\x00 %s %n',
      "Robert'); DELETE FROM events WHERE ('1'='1",
    ];
    const thread = "thread' OR 1=1 --";
    for (const [i, body] of nasty.entries()) {
      const posted = await call(url, '/api/comments', { method: 'POST', token: t, body: { thread, body } });
      assert.equal(posted.status, 201, posted.text);
      assert.equal((posted.json as unknown as { body: string }).body, body, `posted ${i}`);
      (engine.clock as ManualClock).advance(4000);
    }
    const listed = await call(url, `/api/comments?thread=${encodeURIComponent(thread)}&limit=50`);
    assert.deepEqual((listed.json['items'] as { body: string }[]).map((c) => c.body), nasty, 'every text back, unchanged, in order');
    const counts = await call(url, `/api/comments/counts?thread=${encodeURIComponent(thread)}&thread=${encodeURIComponent("x' OR '1'='1")}`);
    assert.deepEqual(counts.json['counts'], { [thread]: nasty.length, "x' OR '1'='1": 0 });
    const viewer = (await call(url, '/api/viewer', { token: t })).json['viewer'] as { id: string; name: string };
    assert.equal(viewer.id, "robert'); DROP TABLE members;--");
    assert.equal((await call(url, `/api/members?id=${encodeURIComponent(viewer.id)}`)).json['items'] instanceof Array, true);
  });
});
