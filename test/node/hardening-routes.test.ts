import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as z from 'zod/mini';
import type { ViewerClaims } from '../../src/core/types.js';
import { Engine, ManualClock, MemoryStore, type Store } from '../../src/engine/index.js';
import type { MajlisServer } from '../../src/server/app.js';
import { signViewerToken } from '../../src/server/auth.js';
import { openDatabase } from '../../src/server/database.js';
import { API_ROUTES, type ApiRoute } from '../../src/server/routes.js';
import { SqlStore } from '../../src/server/sql-store.js';
import { CONTRACT_START } from '../../src/testing/local-harness.js';
import { badStrings, badText, wrongTypes, type BadInput } from '../fixtures/bad-input.js';
import { dropAndClose, NO_POSTGRES, POSTGRES_URL, testSchema } from './support/databases.js';
import { assertClientError, call, idempotencyKey, type ApiResponse } from './support/http.js';
import { testServers, type TestServer } from './support/servers.js';
import { rowChanges, storeDigest, storeRows, type Rows } from './support/store-rows.js';

/**
 * Every route of the API (its table, src/server/routes.ts) gets every bad input in every field: path
 * parameters, query parameters and body fields, found by walking each route's zod schemas, so a new
 * route or field is tried without editing this file. Each request is a valid baseline with one field
 * replaced. The answer must be a 4xx with the API's JSON error (and then nothing stored changed), or a
 * 2xx whose body fits the route's response schema, whose text comes back exactly when read again,
 * and which changed no row but its own fixtures'. Never a 5xx, never an error in the server's log.
 *
 * In memory with the whole corpus; on the SQL store (PGlite, and PostgreSQL when
 * MAJLIS_TEST_DATABASE_URL is set) with the entries that stress a database.
 */

const SECRET = 'hardening-routes-secret-0123456789abcdefghijklmnop';

// ───────────────────────── fields, from the route table's schemas

interface Field {
  where: 'path' | 'query' | 'body';
  name: string;
  /** Takes text: gets the string corpus as well as the wrong types. */
  text: boolean;
  /** A list's first element rather than the list (`options.0`). */
  element?: boolean;
}

type JsonSchema = { type?: string | string[]; enum?: unknown[]; pattern?: string; items?: JsonSchema; properties?: Record<string, JsonSchema>; required?: string[] };

const jsonSchema = (schema: z.ZodMiniType): JsonSchema => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
const takesText = (s: JsonSchema) => s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string'));

function fieldsOf(route: ApiRoute): Field[] {
  const fields: Field[] = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ where: 'path' as const, name: name!, text: true }));
  // On the wire every query value is text, lists included (one value per repetition).
  if (route.query) for (const name of Object.keys(jsonSchema(route.query).properties ?? {})) fields.push({ where: 'query', name, text: true });
  if (route.body) {
    for (const [name, property] of Object.entries(jsonSchema(route.body).properties ?? {})) {
      fields.push({ where: 'body', name, text: takesText(property) });
      if (property.type === 'array' && property.items && takesText(property.items)) fields.push({ where: 'body', name, text: true, element: true });
    }
  }
  return fields;
}

const fieldLabel = (f: Field) => `${f.where} ${f.name}${f.element ? '.0' : ''}`;

// ───────────────────────── baselines: a valid request per route

interface Baseline {
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body?: Record<string, unknown>;
}

/** Makes the fixtures of one group of cases: fresh members, and content of theirs, created through the engine. */
class Fixtures {
  static #made = 0;
  readonly n = ++Fixtures.#made;
  readonly #other: ViewerClaims = { id: `fz${this.n}-other`, name: `Other ${this.n}` };
  readonly #reporter: ViewerClaims = { id: `fz${this.n}-reporter`, name: `Reporter ${this.n}` };
  readonly #moderator: ViewerClaims = { id: `fz${this.n}-mod`, name: `Mod ${this.n}`, roles: ['moderator'] };
  #key = 0;
  /** Who sends the requests of this group. */
  readonly actor: ViewerClaims;

  constructor(
    readonly engine: Engine,
    role: 'member' | 'moderator',
  ) {
    this.actor = { id: `fz${this.n}-actor`, name: `Actor ${this.n}`, ...(role === 'moderator' && { roles: ['moderator'] }) };
  }

  #k = () => `fixture-${this.n}-${++this.#key}`;
  async otherMember(): Promise<string> {
    return (await this.engine.viewer(this.#other))!.id;
  }
  async comment(author: ViewerClaims = this.#other): Promise<string> {
    return (await this.engine.postComment(author, { thread: `fz${this.n}-thread`, body: `Fixture comment by ${author.id}` }, this.#k())).id;
  }
  ownComment = () => this.comment(this.actor);
  async poll(): Promise<string> {
    return (await this.engine.createPoll(this.#moderator, { question: `Fixture poll ${this.n}?`, options: ['Yes', 'No'] }, this.#k())).id;
  }
  async reportedComment(): Promise<string> {
    const id = await this.comment();
    await this.engine.submitReport(this.#reporter, { target: `comment:${id}`, reason: 'spam' }, this.#k());
    return id;
  }
  async react(commentId: string, emoji: string): Promise<void> {
    await this.engine.react(this.actor, commentId, emoji, true, this.#k());
  }
}

const THUMBS = '👍';

/** What a route needs when the schema alone cannot say it (an own comment, a real option id, a reported target…). */
const BASELINES: Record<string, (f: Fixtures) => Promise<Partial<Baseline>>> = {
  editComment: async (f) => ({ params: { id: await f.ownComment() }, body: { body: 'An edited comment.' } }),
  deleteComment: async (f) => ({ params: { id: await f.ownComment() } }),
  removeReaction: async (f) => {
    const id = await f.comment();
    await f.react(id, THUMBS);
    return { params: { id, emoji: THUMBS } };
  },
  getMembers: async (f) => ({ query: { id: [await f.otherMember()] } }),
  createPoll: async () => ({ body: { question: 'Which day suits you?', options: ['Friday', 'Saturday'] } }),
  vote: async (f) => ({ params: { id: await f.poll() }, body: { optionIds: ['o1'] } }),
  submitReport: async (f) => ({ body: { target: `comment:${await f.comment()}`, reason: 'spam', note: 'Selling things.' } }),
  decide: async (f) => ({ body: { target: `comment:${await f.reportedComment()}`, action: 'remove', reason: 'Breaks the rules.' } }),
  insightsReport: async () => ({ query: { days: '7' } }),
  ban: async (f) => ({ params: { memberId: await f.otherMember() }, body: { until: '2099-01-01T00:00:00.000Z', reason: 'Spam, again.' } }),
};

/** Path parameters by name, and by the route's tag where one name means different things. */
async function pathValue(route: ApiRoute, name: string, f: Fixtures): Promise<string> {
  if (name === 'emoji') return THUMBS;
  if (name === 'memberId' || (name === 'id' && route.tag === 'members')) return f.otherMember();
  if (name === 'id' && route.tag === 'polls') return f.poll();
  if (name === 'id' && (route.tag === 'comments' || route.tag === 'reactions')) return f.comment();
  throw new Error(`No fixture for the path parameter :${name} of ${route.method} ${route.path}: teach pathValue or BASELINES about it.`);
}

/** A value of a schema's type: the first of an enum, plain words for text. */
function sample(s: JsonSchema): unknown {
  if (s.enum) return s.enum[0];
  if (s.type === 'array') return [sample(s.items ?? { type: 'string' })];
  if (s.type === 'boolean') return true;
  if (s.type === 'number' || s.type === 'integer') return 1;
  // A number in a query string (`limit`, `days`…) has a pattern that a small whole number fits.
  if (s.pattern !== undefined && new RegExp(s.pattern).test('1')) return '1';
  return 'fuzz-baseline';
}

/** The valid request the cases start from: the route's own entry in BASELINES, and the schema's required fields otherwise. */
async function baselineOf(route: ApiRoute, f: Fixtures): Promise<Baseline> {
  const own = (await BASELINES[route.operationId]?.(f)) ?? {};
  const params: Record<string, string> = { ...own.params };
  for (const [, name] of route.path.matchAll(/:(\w+)/g)) params[name!] ??= await pathValue(route, name!, f);
  const required = (schema: z.ZodMiniType | undefined) => {
    const json = schema ? jsonSchema(schema) : {};
    return Object.fromEntries((json.required ?? []).map((name) => [name, sample(json.properties![name]!)]));
  };
  const query = own.query ?? (required(route.query) as Record<string, string | string[]>);
  const body = route.body ? (own.body ?? required(route.body)) : undefined;
  return { params, query, ...(body && { body }) };
}

// ───────────────────────── reading back what a write stored

/** GETs that show what a write stored, from its answer; the fuzzed text must come back exactly in them. */
const READ_BACK: Record<string, (answer: Record<string, unknown>, sent: Baseline) => string[]> = {
  postComment: (a) => [`/api/comments/${encodeURIComponent(String(a['id']))}`],
  editComment: (a) => [`/api/comments/${encodeURIComponent(String(a['id']))}`],
  featureComment: (a) => [`/api/comments/${encodeURIComponent(String(a['id']))}`],
  addReaction: (_, sent) => [`/api/comments/${encodeURIComponent(sent.params['id']!)}/reactions/${encodeURIComponent(sent.params['emoji']!)}`],
  createPoll: (a) => [`/api/polls/${encodeURIComponent(String(a['id']))}`],
  vote: (a) => [`/api/polls/${encodeURIComponent(String(a['id']))}`],
  submitReport: () => ['/api/reports/mine?limit=100'],
  decide: () => ['/api/moderation/audit?limit=100'],
  ban: () => ['/api/moderation/audit?limit=100'],
};

/** Fields the engine tidies by rule: a poll's question and options lose the spaces at their ends. */
const TRIMMED = new Set(['createPoll body question', 'createPoll body options.0']);

/** Every string in a JSON value, keys included. */
function strings(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      strings(v, out);
    }
  return out;
}

// ───────────────────────── requests

/** Percent-encodes text for a URL, lone surrogates too (as the bytes a hostile client would send: WTF-8). */
function encode(text: string): string {
  if (text.isWellFormed()) return encodeURIComponent(text);
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += cp >= 0xd800 && cp <= 0xdfff ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('') : encodeURIComponent(ch);
  }
  return out;
}

/** A JSON value as URL text: lists repeat the parameter, null is empty, objects are their JSON. */
const asUrlValues = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : [value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)];

function withField(base: Baseline, field: Field, value: unknown): Baseline {
  const next: Baseline = { params: { ...base.params }, query: { ...base.query }, ...(base.body && { body: { ...base.body } }) };
  if (field.where === 'path') next.params[field.name] = asUrlValues(value).join(',');
  else if (field.where === 'query') next.query[field.name] = asUrlValues(value);
  else {
    const rest = Array.isArray(base.body?.[field.name]) ? (base.body[field.name] as unknown[]).slice(1) : [];
    next.body![field.name] = field.element ? [value, ...rest] : value;
  }
  return next;
}

function urlOf(route: ApiRoute, request: Baseline): string {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => encode(request.params[name] ?? ''));
  const query = Object.entries(request.query).flatMap(([name, values]) => ([] as string[]).concat(values).map((v) => `${encode(name)}=${encode(v)}`));
  return query.length ? `${path}?${query.join('&')}` : path;
}

// ───────────────────────── one pass over every route, field and corpus entry

interface Community {
  name: string;
  store: Store;
  engine: Engine;
  server: MajlisServer;
  logs: TestServer['logs'];
  /** Back to the starting community before each group (memory), or nothing (SQL: the database only grows). */
  reset?: () => void;
}

interface Tally {
  routes: number;
  fields: number;
  entries: number;
  requests: number;
  accepted: number;
  refused: number;
}

/** Content no case targets: every row of it must survive every case unchanged. */
async function seedBystanders(engine: Engine): Promise<void> {
  const zaid: ViewerClaims = { id: 'bystander-zaid', name: 'Zaid' };
  const huda: ViewerClaims = { id: 'bystander-huda', name: 'Huda' };
  const mod: ViewerClaims = { id: 'bystander-mod', name: 'Noor', roles: ['moderator'] };
  const k = idempotencyKey;
  const first = await engine.postComment(zaid, { thread: 'bystanders', body: 'A comment nobody fuzzes.' }, k('seed'));
  await engine.postComment(huda, { thread: 'bystanders', body: 'A reply nobody fuzzes.', parentId: first.id }, k('seed'));
  await engine.react(huda, first.id, '❤️', true, k('seed'));
  const poll = await engine.createPoll(mod, { question: 'Bystanders’ poll?', options: ['A', 'B'] }, k('seed'));
  await engine.vote(zaid, poll.id, ['o2'], k('seed'));
  await engine.submitReport(zaid, { target: `member:${huda.id}`, reason: 'other', note: 'Bystanders’ report.' }, k('seed'));
  await engine.ban(mod, huda.id, '2098-01-01T00:00:00.000Z', 'Bystanders’ ban.', k('seed'));
}

/** `moderatorsAsMembers`: also send the moderators' routes as a member (the refusal does not depend on the store). */
async function fuzz(community: Community, corpus: readonly BadInput[], { moderatorsAsMembers = true } = {}): Promise<Tally> {
  const { server, engine, store, logs } = community;
  const tally: Tally = { routes: API_ROUTES.length, fields: 0, entries: corpus.length, requests: 0, accepted: 0, refused: 0 };
  const failures: string[] = [];
  const tokens = new Map<string, string>();
  const tokenOf = async (viewer: ViewerClaims) => tokens.get(viewer.id) ?? tokens.set(viewer.id, await signViewerToken(viewer, { secret: SECRET })).get(viewer.id)!;
  const send = (route: ApiRoute, request: Baseline, token: string) =>
    call(server, urlOf(route, request), { method: route.method, token, ...(request.body !== undefined && { body: request.body }), headers: route.write ? { 'Idempotency-Key': idempotencyKey('fuzz') } : {} });

  for (const route of API_ROUTES) {
    const fields = fieldsOf(route);
    tally.fields += fields.length;
    // Moderators' routes as a moderator (to reach the rules) and as a member (always refused).
    const roles = route.access !== 'moderator' ? (['member'] as const) : moderatorsAsMembers ? (['moderator', 'member'] as const) : (['moderator'] as const);
    for (const role of roles) {
      for (const field of fields.length ? fields : [null]) {
        let ready: { baseline: Baseline; rows: Rows; digest: string; own: Set<string>; token: string } | null = null;
        const values = field === null ? [] : corpus.filter((entry) => field.text || typeof entry.value !== 'string');
        // The baseline first (it must pass), then each entry; fixtures are made again once a request has used them.
        for (const entry of [null, ...values]) {
          if (!ready) {
            community.reset?.();
            const start = await storeRows(store);
            const f = new Fixtures(engine, role);
            const baseline = await baselineOf(route, f);
            const rows = await storeRows(store);
            ready = { baseline, rows, digest: await storeDigest(store), own: new Set(rowChanges(start, rows).added), token: await tokenOf(f.actor) };
          }
          const what = `${role} ${route.method} ${route.path} ${field ? fieldLabel(field) : ''} ← ${entry ? entry.name : 'baseline'}`;
          const request = entry && field ? withField(ready.baseline, field, entry.value) : ready.baseline;
          const logged = logs.length;
          let res: ApiResponse;
          try {
            res = await send(route, request, ready.token);
          } catch (error) {
            failures.push(`${what}: the request failed: ${String(error)}`);
            continue;
          }
          tally.requests += 1;
          const digest = await storeDigest(store);
          const after = digest === ready.digest ? ready.rows : await storeRows(store);
          const { gone, added } = rowChanges(ready.rows, after);
          const problems: string[] = [];
          const serverErrors = logs.slice(logged).filter((e) => e.level === 'error');
          if (serverErrors.length) problems.push(`the server logged an error: ${JSON.stringify(serverErrors[0]).slice(0, 500)}`);
          if (res.status >= 500) problems.push(`answered ${res.status}: ${res.text.slice(0, 300)}`);
          else if (res.status >= 400) {
            tally.refused += 1;
            if (!entry && !(role === 'member' && route.access === 'moderator')) problems.push(`the baseline was refused (${res.status} ${res.text.slice(0, 200)}): give ${route.operationId} an entry in BASELINES`);
            try {
              const error = assertClientError(res, what);
              // A value the rules refuse is named, so a client can point at it; a body field by its own name.
              if (res.status === 400 && entry && field) {
                if (error.field === undefined) problems.push(`a 400 that does not name the field at fault: ${error.message}`);
                else if (field.where === 'body' && error.field.split('.')[0] !== field.name) problems.push(`the error names "${error.field}", not the field sent wrong`);
              }
            } catch (error) {
              problems.push((error as Error).message);
            }
            if (gone.length || added.length) problems.push(`a refused request changed rows: ${[...gone, ...added].slice(0, 3).join(' | ').slice(0, 500)}`);
          } else {
            tally.accepted += 1;
            if (role === 'member' && route.access === 'moderator') problems.push(`a member was let through a moderators' route (${res.status})`);
            if (route.status === 204) {
              if (res.status !== 204 || res.text !== '') problems.push(`expected 204 without a body, got ${res.status} ${res.text.slice(0, 100)}`);
            } else if (route.response) {
              const parsed = z.safeParse(route.response, res.json);
              if (!parsed.success) problems.push(`the answer does not fit the response schema: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
            }
            const elsewhere = gone.filter((row) => !ready!.own.has(row));
            if (elsewhere.length) problems.push(`rows outside the request's own fixtures changed: ${elsewhere.slice(0, 3).join(' | ').slice(0, 500)}`);
            if (route.method === 'GET' && gone.length) problems.push(`a read changed rows: ${gone.slice(0, 2).join(' | ').slice(0, 300)}`);
            if (entry && field && typeof entry.value === 'string' && route.write) {
              const expected = TRIMMED.has(`${route.operationId} ${fieldLabel(field)}`) ? entry.value.trim() : entry.value;
              const seen = strings(res.json);
              for (const path of READ_BACK[route.operationId]?.(res.json, request) ?? []) {
                const back = await call(server, path, { token: await tokenOf({ id: 'fuzz-reader', name: 'Reader', roles: ['moderator'] }) });
                if (back.status !== 200) problems.push(`reading back ${path} answered ${back.status}`);
                strings(back.json, seen);
              }
              if (!seen.has(expected)) problems.push(`accepted, but the text did not come back unchanged (${JSON.stringify(expected.slice(0, 60))})`);
            }
            // A write used its fixtures up: the next case starts from fresh ones. A read keeps them.
            if (route.write) ready = null;
            else Object.assign(ready, { rows: after, digest });
          }
          if (problems.length) failures.push(`${what}:\n    ${problems.join('\n    ')}`);
        }
      }
    }
  }
  assert.deepEqual(failures.slice(0, 25), [], `${failures.length} failing cases on ${community.name} (first 25 shown)`);
  return tally;
}

/** Malformed requests every route with a body must refuse, whatever the route. */
const RAW_BODIES: { name: string; body: string | Uint8Array<ArrayBuffer>; type?: string }[] = [
  { name: 'invalid JSON', body: '{"thread": "t", "body": ' },
  { name: 'trailing garbage', body: '{"thread": "t"} x' },
  { name: 'empty body', body: '' },
  { name: 'top-level array', body: '[{"thread": "t", "body": "hi"}]' },
  { name: 'top-level string', body: '"thread"' },
  { name: 'top-level null', body: 'null' },
  { name: 'top-level number', body: '42' },
  { name: 'deeply nested arrays', body: '['.repeat(30_000) + ']'.repeat(30_000) },
  { name: 'deeply nested objects', body: '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000) },
  { name: 'invalid UTF-8', body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]) },
  { name: 'UTF-16 with a BOM', body: new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]) },
  { name: 'valid JSON as text/plain', body: '{}', type: 'text/plain' },
  { name: 'valid JSON as a form', body: '{}', type: 'application/x-www-form-urlencoded' },
  { name: 'empty content type', body: '{}', type: '' },
  { name: 'JSON lookalike type', body: '{}', type: 'application/jsonx' },
  { name: 'over the body limit', body: `{"body": "${'x'.repeat(70 * 1024)}"}` },
];

async function rawBodies(community: Community): Promise<number> {
  const { server, engine, store } = community;
  let requests = 0;
  const failures: string[] = [];
  for (const route of API_ROUTES.filter((r) => r.body)) {
    community.reset?.();
    const f = new Fixtures(engine, route.access === 'moderator' ? 'moderator' : 'member');
    const baseline = await baselineOf(route, f);
    const token = await signViewerToken(f.actor, { secret: SECRET });
    const path = urlOf(route, baseline);
    const before = await storeRows(store);
    for (const raw of RAW_BODIES) {
      const res = await call(server, path, { method: route.method, token, body: raw.body, headers: { 'Content-Type': raw.type ?? 'application/json' } });
      requests += 1;
      try {
        assertClientError(res, `${route.method} ${route.path} ← ${raw.name}`);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    const { gone, added } = rowChanges(before, await storeRows(store));
    if (gone.length || added.length) failures.push(`${route.method} ${route.path}: malformed bodies changed rows`);
  }
  assert.deepEqual(failures, []);
  return requests;
}

const SPECIAL_QUERY = '__proto__=a&__proto__=b&constructor=c&toString=d&hasOwnProperty=e&valueOf=f';
const specialBody = (body: Record<string, unknown>) => `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "toString": 1, ${JSON.stringify(body).slice(1)}`;

/**
 * Names special to JavaScript objects (`__proto__`, `constructor`, `toString`…) are unknown fields
 * like any other: ignored, so the request does exactly what its baseline does, and nothing is polluted.
 */
async function specialNames(community: Community): Promise<number> {
  const { server, engine } = community;
  let requests = 0;
  const failures: string[] = [];
  for (const route of API_ROUTES) {
    const variants: [string, (b: Baseline) => string, (b: Baseline) => string | undefined][] = [
      ['special names in the query', (b) => { const url = urlOf(route, b); return `${url}${url.includes('?') ? '&' : '?'}${SPECIAL_QUERY}`; }, (b) => b.body && JSON.stringify(b.body)],
    ];
    if (route.body) variants.push(['special keys in the body', (b) => urlOf(route, b), (b) => specialBody(b.body!)]);
    for (const [what, url, body] of variants) {
      community.reset?.();
      const f = new Fixtures(engine, route.access === 'moderator' ? 'moderator' : 'member');
      const baseline = await baselineOf(route, f);
      const sent = body(baseline);
      const res = await call(server, url(baseline), { method: route.method, token: await signViewerToken(f.actor, { secret: SECRET }), ...(sent !== undefined && { body: sent }), headers: route.write ? { 'Idempotency-Key': idempotencyKey('special') } : {} });
      requests += 1;
      if (res.status !== route.status) failures.push(`${route.method} ${route.path} ← ${what}: expected ${route.status} as for the baseline, got ${res.status} ${res.text.slice(0, 200)}`);
      if ('polluted' in Object.prototype) failures.push(`${route.method} ${route.path} ← ${what}: Object.prototype was polluted`);
    }
  }
  assert.deepEqual(failures, []);
  return requests;
}

// ───────────────────────── the passes

/** The kinds of text that stress a database: the SQL pass takes the first corpus entry of each, and the largest. */
const SQL_KINDS: ((text: string) => boolean)[] = [
  (t) => t.includes('\u0000'),
  (t) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(t),
  (t) => /(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(t),
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  (t) => /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(t),
  (t) => /[\u202A-\u202E\u2066-\u2069]/.test(t),
  (t) => /[\u200B-\u200D\uFEFF]/.test(t),
  (t) => /'.*;/.test(t),
  (t) => t === '',
];

/** One entry of each kind in SQL_KINDS, the largest text, and the wrong types that pass the schemas to reach the engine. */
const SQL_CORPUS: readonly BadInput[] = [
  ...new Set([
    ...SQL_KINDS.map((kind) => badText.find((entry) => kind(entry.value))).filter((entry) => entry !== undefined),
    badText.reduce((longest, entry) => (entry.value.length > longest.value.length ? entry : longest)),
  ]),
  ...wrongTypes.filter(({ value }) => value === null || value === 1e308),
];

async function memoryCommunity(servers: ReturnType<typeof testServers>): Promise<Community> {
  const store = new MemoryStore();
  const engine = new Engine({ store, clock: new ManualClock(CONTRACT_START) });
  await seedBystanders(engine);
  const start = store.snapshot();
  const { server, logs } = await servers.create({ engine });
  return { name: 'MemoryStore', store, engine, server, logs, reset: () => store.load(start) };
}

async function sqlCommunity(servers: ReturnType<typeof testServers>, name: string, store: SqlStore): Promise<Community> {
  const engine = new Engine({ store, clock: new ManualClock(CONTRACT_START) });
  await seedBystanders(engine);
  const { server, logs } = await servers.create({ engine });
  return { name, store, engine, server, logs };
}

const report = (name: string, t: Tally, ms: number) =>
  console.log(`# ${name}: ${t.routes} routes, ${t.fields} fields, ${t.entries} corpus entries: ${t.requests} requests (${t.accepted} accepted, ${t.refused} refused) in ${(ms / 1000).toFixed(1)} s`);

describe('every route × every field × the bad-input corpus', () => {
  const servers = testServers({ secret: SECRET, rateLimits: { ip: false, member: false } });

  it('in memory: the whole corpus', async () => {
    const community = await memoryCommunity(servers);
    const started = performance.now();
    const tally = await fuzz(community, [...badStrings, ...wrongTypes]);
    report(community.name, tally, performance.now() - started);
    assert.ok(tally.accepted > 0 && tally.refused > 0, 'some cases were accepted and some refused: the baselines work');
  });

  it('in memory: malformed bodies are refused, special names ignored', async () => {
    const community = await memoryCommunity(servers);
    const raw = await rawBodies(community);
    const special = await specialNames(community);
    console.log(`# malformed bodies: ${raw} requests; special names: ${special} requests`);
  });

  describe('on PGlite', () => {
    let store: SqlStore;
    before(async () => {
      store = new SqlStore(await openDatabase({}), { eventLogSize: 1_000_000 });
    });
    after(async () => {
      await store?.db.close();
    });
    it('the database-stressing corpus', async () => {
      const community = await sqlCommunity(servers, 'SqlStore on PGlite', store);
      const started = performance.now();
      report(community.name, await fuzz(community, SQL_CORPUS, { moderatorsAsMembers: false }), performance.now() - started);
    });
  });

  describe('on PostgreSQL', { skip: POSTGRES_URL ? false : NO_POSTGRES }, () => {
    let store: SqlStore;
    before(async () => {
      store = new SqlStore(await openDatabase({ url: POSTGRES_URL!, schema: testSchema('fuzz') }), { eventLogSize: 1_000_000 });
    });
    after(async () => {
      await dropAndClose(store?.db);
    });
    it('the database-stressing corpus', async () => {
      const community = await sqlCommunity(servers, 'SqlStore on PostgreSQL', store);
      const started = performance.now();
      report(community.name, await fuzz(community, SQL_CORPUS, { moderatorsAsMembers: false }), performance.now() - started);
    });
  });
});
