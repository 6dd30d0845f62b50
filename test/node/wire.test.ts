import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { mismatch, type JsonSchema } from '../../src/adapters/http/check.js';
import * as s from '../../src/adapters/http/schemas.js';
import * as wm from '../../src/adapters/http/wire-moderators.js';
import * as w from '../../src/adapters/http/wire.js';
import { LocalAdapter } from '../../src/adapters/local/local-adapter.js';
import { DEMO_MEMBERS, seedDemoCommunity } from '../../src/adapters/local/seed.js';
import { WIRE_FILE, WIRE_MODERATORS_FILE, compact, wireJsonSchemas, wireSources } from '../../scripts/wire-schemas.js';
import { wrongTypes } from '../fixtures/bad-input.js';

/** Real answers of every kind, from the seeded demo community as its moderator sees it. */
type Root = (keyof typeof w | keyof typeof wm) & keyof typeof s;

async function samples(): Promise<[Root, unknown][]> {
  const demo = await seedDemoCommunity({ now: Date.parse('2026-06-01T12:00:00Z') });
  const adapter = new LocalAdapter({ engine: demo.engine, viewer: DEMO_MEMBERS.omar });
  const page = await adapter.comments!.list({ thread: demo.thread, limit: 3 });
  const edited = page.items[0]!;
  const members = await adapter.members!.getMany(Object.values(DEMO_MEMBERS).map((m) => m.id));
  const queue = await adapter.moderation!.queue({ state: 'reported', limit: 2 });
  return [
    ['viewerResponse', { viewer: await adapter.session.viewer() }],
    ['viewerResponse', { viewer: null }],
    ['commentPage', { ...page, items: page.items.slice(0, 2) }],
    ['comment', edited],
    ['historyResponse', { items: [{ body: 'before', replacedAt: '2026-05-01T00:00:00.000Z' }] }],
    ['countsResponse', { counts: await adapter.comments!.count([demo.thread, 'empty']) }],
    ['membersResponse', { items: members.slice(0, 2) }],
    ['badgesResponse', { items: (await adapter.members!.badges('omar')).slice(0, 2) }],
    ['poll', await adapter.polls!.get(demo.pollId)],
    ['leaderboard', await adapter.leaderboard!.get({ period: 'all', limit: 2 })],
    ['moderationPage', queue],
    ['auditPage', await adapter.moderation!.audit({ limit: 2 })],
    ['insightsReport', await adapter.insights!.report({ days: 7 })],
    ['reactorsResponse', { items: ['sara'], nextCursor: null, total: 1 }],
    ['errorResponse', { error: { code: 'rate_limited', message: 'Slow down.', retryAfter: 3 } }],
    ['liveReady', { seq: 12 }],
  ];
}

/** Every value reachable in `value`, with a way to put something else in its place or take it out. */
function* places(value: unknown, path: (string | number)[] = []): Generator<(string | number)[]> {
  yield path;
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* places(value[i], [...path, i]);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* places(item, [...path, key]);
}

function changed(value: unknown, path: (string | number)[], change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  if (!path.length) return copy;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((at, key) => at[key] as Record<string | number, unknown>, copy);
  change(parent, path.at(-1)!);
  return copy;
}

describe('HttpAdapter’s response check (wire.ts, generated from the zod schemas)', () => {
  it('is what the zod schemas give today: run `npm run wire` after changing src/adapters/http/schemas.ts', () => {
    const { visitors, moderators } = wireSources();
    assert.equal(readFileSync(WIRE_FILE, 'utf8'), visitors);
    assert.equal(readFileSync(WIRE_MODERATORS_FILE, 'utf8'), moderators);
  });

  it('builds, from its shorthand, exactly the JSON Schema the zod schemas give', () => {
    const { defs, properties } = wireJsonSchemas();
    const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
    for (const [name, schema] of Object.entries(properties)) {
      const built = name.startsWith('event:') ? w.liveEvents[name.slice(6) as keyof typeof w.liveEvents] : name in w ? w[name as keyof typeof w] : wm[name as keyof typeof wm];
      assert.deepStrictEqual(plain(built), schema, name);
    }
    assert.deepStrictEqual(plain(wm.defs), defs);
    // What the shorthand cannot say is written out whole, never dropped.
    assert.equal(compact({ type: 'string', pattern: '^a$' }), '{type:"string",pattern:"^a$"}');
    assert.equal(compact({ type: 'object', properties: { 'a b': { type: 'number' } } }), '{type:"object",properties:{"a b":N}}');
  });

  it('keeps the moderators’ schemas out of what every visitor loads', () => {
    for (const name of ['moderationPage', 'moderationItem', 'auditPage', 'insightsReport']) {
      assert.ok(!(name in w), `${name} is not in wire.ts`);
      assert.ok(name in wm, `${name} is in wire-moderators.ts`);
    }
    assert.ok(!Object.keys(w.defs).some((name) => /^(Moderat|Audit|Insights)/.test(name)), 'no moderators’ definition in wire.ts');
  });

  it('accepts and refuses exactly what zod does, for real answers and every value in them replaced, removed or added to', async () => {
    let tried = 0;
    for (const [name, sample] of await samples()) {
      const zodSchema = s[name] as z.ZodMiniType;
      const wire = (name in w ? w[name as keyof typeof w] : wm[name as keyof typeof wm]) as JsonSchema;
      const agree = (value: unknown, what: string) => {
        tried++;
        const zodAccepts = z.safeParse(zodSchema, value).success;
        const problem = mismatch(wire, value, wm.defs);
        assert.equal(problem === null, zodAccepts, `${name} ${what}: zod ${zodAccepts ? 'accepts' : 'refuses'}, the wire check says ${problem ?? 'fine'}`);
      };
      agree(sample, 'as the engine gave it');
      for (const path of places(sample)) {
        const where = path.join('.') || '(the whole answer)';
        for (const wrong of [...wrongTypes, { name: 'string', value: 'text' }, { name: 'object', value: {} }]) {
          agree(path.length ? changed(sample, path, (parent, key) => (parent[key] = wrong.value)) : wrong.value, `${where} set to ${wrong.name}`);
        }
        if (path.length && typeof path.at(-1) === 'string') agree(changed(sample, path, (parent, key) => delete parent[key]), `${where} removed`);
        agree(changed(sample, path, (parent, key) => {
          const at = parent[key];
          if (at && typeof at === 'object' && !Array.isArray(at)) (at as Record<string, unknown>).addedByANewerServer = 1;
        }), `${where} with an unknown field`);
      }
    }
    assert.ok(tried > 1000, `only ${tried} values tried`);
  });

  it('checks live events by type, and refuses one that says it is of a type but is not', () => {
    const comment = { id: 'c1', thread: 't', parentId: null, depth: 0, authorId: 'a', body: 'hi', status: 'visible', createdAt: '2026-01-01T00:00:00Z', editedAt: null, editCount: 0, featured: false, reactions: [], replyCount: 0, replyToAuthorId: null };
    assert.equal(mismatch(w.liveEvents['comment.created'], { type: 'comment.created', topic: 'thread:t', seq: 1, comment }, w.defs), null);
    assert.match(mismatch(w.liveEvents['comment.created'], { type: 'comment.created', topic: 'thread:t', seq: 1, comment: { ...comment, body: 7 } }, w.defs) ?? '', /^comment\.body: expected string/);
    assert.match(mismatch(w.liveEvents['report.decided'], { type: 'report.decided', topic: 'member:a', seq: 2, reportId: 'r', target: 'javascript:x', status: 'upheld' }, w.defs) ?? '', /^target: not in the expected form/);
    assert.match(mismatch(w.liveEvents['count.updated'], { type: 'comment.created', topic: 'thread:t', seq: 3, thread: 't', count: 1 }, w.defs) ?? '', /^type: expected "count.updated"/);
  });
});
