import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { Engine, ManualClock, MemoryStore } from '../../src/engine/index.js';
import { CONTRACT_START } from '../../src/testing/local-harness.js';
import { assertError, b64, call, type Target } from './support/http.js';
import { testServers } from './support/servers.js';
import { storeDigest } from './support/store-rows.js';

/**
 * Viewer tokens, attacked: every way of forging, bending or misplacing one is refused with 401 and
 * the API's JSON error (never read as a guest, never as someone else), and the refused request
 * changes nothing. server-security.test.ts has the first line (tampered roles, expired, unsigned,
 * another secret, audience or algorithm, no exp, sub or name); these are the rest.
 *
 * Tokens are written by hand here (header, payload, HMAC), so each part can be bent on its own; a
 * few well-formed ones are accepted first, so a refusal below is the server's and not the writer's.
 */

const SECRET = 'hardening-auth-secret-0123456789abcdefghijklmnopq';
const ISSUER = 'https://blog.example.com';
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({ sub: 'amal', name: 'Amal', aud: 'majlis', iat: now(), exp: now() + 600 });

const hmac = (algorithm: 'sha256' | 'sha384', secret: string | Buffer, text: string) => createHmac(algorithm, secret).update(text).digest('base64url');
/** A token from its parts: the header and payload as given, signed with HS256 over exactly them unless told otherwise. */
function jwt(header: unknown, payload: unknown, sign: (signed: string) => string = (signed) => hmac('sha256', SECRET, signed)): string {
  const signed = `${typeof header === 'string' ? header : b64(header)}.${typeof payload === 'string' ? payload : b64(payload)}`;
  return `${signed}.${sign(signed)}`;
}
const HS256 = { alg: 'HS256', typ: 'JWT' };

/** base64url with one character changed (to another that carries different bits). */
const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

describe('viewer tokens, attacked', () => {
  const servers = testServers({ secret: SECRET, rateLimits: { ip: false, member: false } });
  const store = new MemoryStore();
  let inProcess: Target;
  let overHttp: Target;
  let withIssuer: Target;

  before(async () => {
    const engine = new Engine({ store, clock: new ManualClock(CONTRACT_START) });
    inProcess = (await servers.create({ engine })).server;
    overHttp = (await servers.start({ engine })).url;
    withIssuer = (await servers.create({ engine, issuer: ISSUER })).server;
  });

  /** The request as a given Authorization header, on a read that would create the member and on a write. */
  const asViewer = (target: Target, authorization: string) => call(target, '/api/viewer', { headers: { Authorization: authorization } });
  const asWriter = (target: Target, authorization: string) =>
    call(target, '/api/comments', { method: 'POST', body: { thread: 'auth', body: 'Written with a forged token?' }, headers: { Authorization: authorization } });

  it('well-formed tokens written by hand are accepted (the controls), as are the Bearer spellings the standard allows', async () => {
    const good = jwt(HS256, claims());
    for (const authorization of [`Bearer ${good}`, `bearer ${good}`, `BEARER ${good}`, `Bearer   ${good}`, `Bearer ${jwt({ ...HS256, kid: '../../../../dev/null' }, claims())}`]) {
      const res = await asViewer(inProcess, authorization);
      assert.equal(res.status, 200, `${authorization.slice(0, 20)}…: ${res.text}`);
      assert.equal((res.json['viewer'] as { id: string }).id, 'amal');
    }
    const withIss = await asViewer(withIssuer, `Bearer ${jwt(HS256, { ...claims(), iss: ISSUER })}`);
    assert.equal(withIss.status, 200, withIss.text);
  });

  /** Every forged Authorization header, by what it tries. */
  const forged = (): Record<string, string> => {
    const good = jwt(HS256, claims());
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const attackerKey = 'attacker-chosen-secret-0123456789abcdef';
    return {
      // the header
      'alg HS384, signed HS384': `Bearer ${jwt({ alg: 'HS384' }, claims(), (s) => hmac('sha384', SECRET, s))}`,
      'alg RS256, signed with the secret as HMAC (algorithm confusion)': `Bearer ${jwt({ alg: 'RS256' }, claims())}`,
      'alg none with a valid signature kept': `Bearer ${jwt({ alg: 'none' }, claims())}`,
      'alg None, no signature': `Bearer ${jwt({ alg: 'None' }, claims(), () => '')}`,
      'alg NONE, no signature': `Bearer ${jwt({ alg: 'NONE' }, claims(), () => '')}`,
      'alg hs256 in lower case': `Bearer ${jwt({ alg: 'hs256' }, claims())}`,
      'no alg': `Bearer ${jwt({ typ: 'JWT' }, claims())}`,
      'kid pointing at an empty file, signed with an empty key': `Bearer ${jwt({ ...HS256, kid: '../../../../../../dev/null' }, claims(), (s) => hmac('sha256', Buffer.alloc(0), s))}`,
      'kid with SQL, signed with the injected key': `Bearer ${jwt({ ...HS256, kid: "x' UNION SELECT 'attacker-chosen-secret-0123456789abcdef" }, claims(), (s) => hmac('sha256', attackerKey, s))}`,
      'embedded jwk of the attacker': `Bearer ${jwt({ ...HS256, jwk: { kty: 'oct', k: Buffer.from(attackerKey).toString('base64url') } }, claims(), (s) => hmac('sha256', attackerKey, s))}`,
      'jku pointing at the attacker': `Bearer ${jwt({ ...HS256, jku: 'https://evil.example/keys.json' }, claims(), (s) => hmac('sha256', attackerKey, s))}`,
      'unknown critical header': `Bearer ${jwt({ ...HS256, crit: ['exp'] }, claims())}`,
      'unencoded payload (b64: false)': `Bearer ${jwt({ ...HS256, b64: false, crit: ['b64'] }, claims())}`,
      'header changed after signing': `Bearer ${b64({ alg: 'HS256', typ: 'JWT', cty: 'x' })}.${payload}.${signature}`,
      'header not an object': `Bearer ${jwt('WyJIUzI1NiJd', claims())}`,
      // the payload, under the original signature
      'role raised to moderator': `Bearer ${header}.${b64({ ...claims(), roles: ['moderator'] })}.${signature}`,
      'another subject': `Bearer ${header}.${b64({ ...claims(), sub: 'mona' })}.${signature}`,
      'expiry pushed back': `Bearer ${header}.${b64({ ...claims(), exp: now() + 10 * 365 * 86400 })}.${signature}`,
      'payload not JSON': `Bearer ${jwt(HS256, Buffer.from('{"sub": "amal",').toString('base64url'))}`,
      // the signature
      'signature with a changed character': `Bearer ${header}.${payload}.${flip(signature, 0)}`,
      'signature with its spare bits set (another spelling of it)': `Bearer ${header}.${payload}.${signature.slice(0, -1)}${String.fromCharCode(signature.charCodeAt(42) + 1)}`,
      'signature with padding': `Bearer ${good}=`,
      'truncated signature': `Bearer ${good.slice(0, -2)}`,
      'empty signature': `Bearer ${header}.${payload}.`,
      'no signature part': `Bearer ${header}.${payload}`,
      'a fourth part': `Bearer ${good}.${signature}`,
      "another token's signature": `Bearer ${header}.${payload}.${jwt(HS256, { ...claims(), sub: 'other' }).split('.')[2]}`,
      // time
      'expired beyond the clock tolerance': `Bearer ${jwt(HS256, { ...claims(), exp: now() - 120 })}`,
      'not valid before an hour from now (nbf)': `Bearer ${jwt(HS256, { ...claims(), nbf: now() + 3600 })}`,
      'issued an hour from now (iat)': `Bearer ${jwt(HS256, { ...claims(), iat: now() + 3600 })}`,
      'exp as text': `Bearer ${jwt(HS256, { ...claims(), exp: String(now() + 600) })}`,
      // audience and claims
      'no audience': `Bearer ${jwt(HS256, { ...claims(), aud: undefined })}`,
      'audiences that are all others': `Bearer ${jwt(HS256, { ...claims(), aud: ['other', 'majlis-admin'] })}`,
      'subject with a control character': `Bearer ${jwt(HS256, { ...claims(), sub: 'am\u0000al' })}`,
      'subject as a number': `Bearer ${jwt(HS256, { ...claims(), sub: 42 })}`,
      'blank name': `Bearer ${jwt(HS256, { ...claims(), name: ' \t ' })}`,
      // not a JWT, or not a Bearer header
      'random text': 'Bearer aGVsbG8gd29ybGQ',
      'three dots': 'Bearer ...',
      'JSON instead of a token': 'Bearer {"sub":"amal"}',
      'Latin-1 bytes': 'Bearer \u00ff\u00fe\u00fd',
      'quoted token': `Bearer "${good}"`,
      'tab after Bearer': `Bearer\t${good}`,
      'text after the token': `Bearer ${good} admin`,
      'two tokens': `Bearer ${good}, Bearer ${good}`,
      'Bearer alone': 'Bearer',
      'the token without a scheme': good,
      'another scheme': `Token ${good}`,
      'very long token (12 kB, under the HTTP header limit)': `Bearer ${header}.${'A'.repeat(12_000)}.${signature}`,
    };
  };

  for (const [transport, target] of [['in process', () => inProcess], ['over HTTP', () => overHttp]] as const) {
    it(`forged, bent and misplaced tokens are refused with 401 JSON and change nothing (${transport})`, async () => {
      const cases = forged();
      for (const [what, authorization] of Object.entries(cases)) {
        const before = await storeDigest(store);
        for (const [label, send] of [['a read', asViewer], ['a write', asWriter]] as const) {
          const res = await send(target(), authorization);
          const error = assertError(res, 401, 'unauthorized', `${what}, ${label}`);
          assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer realm="majlis"/, `${what}: WWW-Authenticate`);
          assert.ok(error.reason === 'invalid_token' || error.reason === 'token_expired', `${what}: reason ${String(error.reason)}`);
        }
        assert.equal(await storeDigest(store), before, `${what}: nothing stored changed`);
      }
      // A raised role is not a moderator, not even a refused one: the moderators' queue answers 401, not 200 or 403.
      assertError(await call(target(), '/api/moderation/queue?state=reported', { headers: { Authorization: cases['role raised to moderator']! } }), 401, 'unauthorized', 'a raised role on the queue');
    });
  }

  it('with an issuer configured, a token without it or with another is refused', async () => {
    for (const [what, iss] of [['no issuer', undefined], ['another issuer', 'https://evil.example'], ['the issuer in another case', ISSUER.toUpperCase()]] as const) {
      const res = await asViewer(withIssuer, `Bearer ${jwt(HS256, { ...claims(), iss })}`);
      assertError(res, 401, 'unauthorized', what);
    }
  });

  it('a token anywhere but the Authorization header is no token: a guest, who may read but not write', async () => {
    const good = jwt(HS256, claims());
    const elsewhere: Record<string, { path: string; headers?: Record<string, string>; body?: Record<string, unknown> }> = {
      'the query (outside live streams)': { path: `/api/comments?access_token=${good}` },
      'a cookie': { path: '/api/comments', headers: { Cookie: `token=${good}; access_token=${good}` } },
      'another header': { path: '/api/comments', headers: { 'X-Access-Token': good, 'X-Authorization': `Bearer ${good}` } },
      'the body': { path: '/api/comments', body: { token: good, access_token: good } },
    };
    const before = await storeDigest(store);
    for (const [where, { path, headers, body }] of Object.entries(elsewhere)) {
      const viewer = await call(inProcess, `/api/viewer${path.includes('?') ? path.slice(path.indexOf('?')) : ''}`, { ...(headers && { headers }) });
      assert.equal(viewer.json['viewer'], null, `a token in ${where} does not sign anyone in`);
      const write = await call(inProcess, path, { method: 'POST', headers: { ...headers }, body: { thread: 'auth', body: 'Signed in?', ...body } });
      assertError(write, 401, 'unauthorized', `a write with the token in ${where}`);
    }
    assert.equal(await storeDigest(store), before, 'nothing stored changed');
  });

  it('a token too large for the HTTP server’s header limit is refused before the API, and the server carries on', async () => {
    const huge = `Bearer ${'A'.repeat(1024 * 1024)}`;
    assertError(await asViewer(inProcess, huge), 401, 'unauthorized', 'a 1 MB token, in process');
    const res = await fetch(`${String(overHttp)}/api/viewer`, { headers: { Authorization: huge } });
    assert.equal(res.status, 431, 'Node refuses headers over its limit (16 kB) before any route runs');
    await res.arrayBuffer();
    assert.equal((await call(overHttp, '/api/viewer')).status, 200, 'and keeps serving');
  });
});
