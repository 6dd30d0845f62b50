/**
 * How long community insights take on a large community: 10,000 members and 200,000 comments (a third
 * of them replies), 1.5 reactions per comment, poll votes, reports and decisions, spread over the last
 * 180 days, so a 90-day report and the 90 days before it read nearly all of it. Seeded with SQL batch
 * inserts (`unnest` of arrays), not 200,000 engine calls. Times the engine's report — one SQL
 * statement — on PGlite, and on PostgreSQL too when MAJLIS_TEST_DATABASE_URL is set, with and without
 * the insights indexes of migration 2, so their worth is measured, not assumed.
 *
 *   node --import tsx bench/insights.mjs [runs, default 5]
 *
 * Writes bench/results/insights.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ManualClock } from '../src/engine/clock.ts';
import { Engine } from '../src/engine/engine.ts';
import { openDatabase } from '../src/server/database.ts';
import { MIGRATIONS } from '../src/server/migrations.ts';
import { SqlStore } from '../src/server/sql-store.ts';

const RUNS = Number(process.argv[2] ?? 5);
const MEMBERS = 10_000;
const COMMENTS = 200_000;
const THREADS = 2_000;
const POLLS = 40;
const DAYS = 180;
const DAY = 86_400_000;
const NOW = Date.parse('2026-06-30T15:00:00Z');
const START = NOW - DAYS * DAY;
const MOD = { id: 'bench-mod', name: 'Bench Moderator', roles: ['moderator'] };
const REASONS = ['spam', 'spam', 'spam', 'harassment', 'hate', 'off-topic', 'off-topic', 'misinformation', 'scam', 'other'];
/** The indexes migration 2 adds for insights: dropped for the "without" measure. */
const INSIGHTS_MIGRATION = MIGRATIONS.find((m) => m.name.includes('insights'));
const INSIGHTS_INDEXES = [...(INSIGHTS_MIGRATION?.sql ?? '').matchAll(/CREATE INDEX (\w+)/g)].map((m) => m[1]);

/** A small seeded generator (an LCG): every run seeds the same community. */
let state = 20260630;
const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
const below = (n) => Math.floor(next() * n);
/** Skewed toward the first: a few members write most, as in real communities. */
const skewed = (n) => Math.floor(next() ** 2 * n);

/**
 * Rows into a table in batches, one `INSERT … SELECT … FROM unnest($1::type[], …)` each. `columns`:
 * name → SQL type of the values given per row; `constants`: name → SQL expression for the rest.
 */
async function insert(db, table, columns, rows, constants = {}) {
  const names = Object.keys(columns);
  const args = names.map((name, i) => `$${i + 1}::${columns[name]}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${[...names, ...Object.keys(constants)].join(', ')})
    SELECT ${[...names, ...Object.values(constants)].join(', ')} FROM unnest(${args}) AS t(${names.join(', ')})`;
  for (let start = 0; start < rows.length; start += 25_000) {
    const batch = rows.slice(start, start + 25_000);
    await db.query(sql, names.map((_, i) => batch.map((row) => row[i])));
  }
}

/** The community, into an empty, migrated database. Returns how many rows each table got. */
export async function seed(db) {
  state = 20260630;
  const joinedAt = (i) => START + Math.floor((i / MEMBERS) ** 1.5 * DAYS * DAY);
  // How many members had joined by a time: someone acts only once they have joined.
  const joinedBy = (at) => Math.max(1, Math.min(MEMBERS, Math.ceil(((at - START) / (DAYS * DAY)) ** (1 / 1.5) * MEMBERS)));
  await insert(db, 'members', { id: 'text', name: 'text', joined_at: 'bigint' }, Array.from({ length: MEMBERS }, (_, i) => [`m${i}`, `Member ${i}`, joinedAt(i)]), {
    roles: `'[]'::jsonb`,
    points: '0',
    counters: `'{"comments":0,"reactionsReceived":0,"pollVotes":0,"reportsUpheld":0,"featured":0}'::jsonb`,
    upheld_against: '0',
  });

  const times = Array.from({ length: COMMENTS }, () => START + below(DAYS * DAY)).sort((a, b) => a - b);
  const comments = [];
  for (let i = 0; i < COMMENTS; i++) {
    const at = times[i];
    const parent = i > 200 && next() < 0.35 ? comments[i - 1 - below(200)] : null;
    const status = next() < 0.02 ? (next() < 0.5 ? 'hidden' : 'removed') : 'visible';
    comments.push([`c${i}`, parent ? parent[1] : `t${skewed(THREADS)}`, parent ? parent[0] : null, parent ? 1 : 0, `m${skewed(joinedBy(at))}`, `Comment ${i}`, status, at, parent ? parent[4] : null]);
  }
  await insert(
    db,
    'comments',
    { id: 'text', thread: 'text', parent_id: 'text', depth: 'int', author_id: 'text', body: 'text', status: 'text', created_at: 'bigint', reply_to_author_id: 'text' },
    comments,
    { history: `'[]'::jsonb`, featured: 'false', shown: `status = 'visible'`, reply_count: '0', reaction_count: '0', credited: 'true' },
  );

  const reactions = new Map();
  for (let n = 0; n < COMMENTS * 1.5; n++) {
    const comment = comments[below(COMMENTS)];
    const at = Math.min(NOW, comment[7] + below(3 * DAY));
    const member = `m${skewed(joinedBy(at))}`;
    reactions.set(`${comment[0]}|${member}`, [comment[0], '👍', member, at]);
  }
  await insert(db, 'reactions', { comment_id: 'text', emoji: 'text', member_id: 'text', at: 'bigint' }, [...reactions.values()]);

  await insert(db, 'polls', { id: 'text', question: 'text', created_at: 'bigint' }, Array.from({ length: POLLS }, (_, i) => [`p${i}`, `Question ${i}?`, START + Math.floor((i / POLLS) * DAYS * DAY)]), {
    kind: `'single'`,
    min_choices: '1',
    max_choices: '1',
    options: `'[{"id":"o1","label":"Yes"},{"id":"o2","label":"No"}]'::jsonb`,
    results: `'always'`,
    allow_change: 'true',
    allow_anonymous: 'true',
    created_by: `'bench-mod'`,
  });
  const votes = new Map();
  for (let n = 0; n < 40_000; n++) {
    const poll = below(POLLS);
    const at = Math.min(NOW - 1, START + Math.floor((poll / POLLS) * DAYS * DAY) + below(30 * DAY));
    const voter = n % 10 === 0 ? `anon:${n}` : `m${skewed(joinedBy(at))}`;
    votes.set(`p${poll}|${voter}`, [`p${poll}`, voter, at]);
  }
  await insert(db, 'votes', { poll_id: 'text', member_id: 'text', at: 'bigint' }, [...votes.values()], { option_ids: `'["o1"]'::jsonb` });

  const reports = [];
  const moderation = new Map();
  for (let n = 0; n < 4_000; n++) {
    const comment = comments[below(COMMENTS)];
    const at = comment[7] + below(DAY);
    const decidedAt = at + below(2 * DAY);
    const decided = decidedAt < NOW && next() < 0.9;
    const status = decided ? (comment[6] === 'visible' ? 'dismissed' : 'upheld') : 'open';
    reports.push([`r${n}`, `comment:${comment[0]}`, REASONS[below(REASONS.length)], `m${skewed(joinedBy(at))}`, status, at, decided ? decidedAt : null]);
    if (!moderation.has(comment[0])) moderation.set(comment[0], [`comment:${comment[0]}`, decided ? 'decided' : 'reported', at, decided ? decidedAt : null]);
  }
  await insert(db, 'reports', { id: 'text', target: 'text', reason: 'text', reporter_id: 'text', status: 'text', created_at: 'bigint', decided_at: 'bigint' }, reports, { note: `''`, weight: '1' });
  await insert(db, 'moderation', { target: 'text', state: 'text', created_at: 'bigint', decided_at: 'bigint' }, [...moderation.values()]);
  await db.exec('ANALYZE');
  const [counts] = await db.query(
    `SELECT (SELECT count(*) FROM members) AS members, (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM reactions) AS reactions,
            (SELECT count(*) FROM votes) AS votes, (SELECT count(*) FROM reports) AS reports, (SELECT count(*) FROM moderation) AS decisions`,
  );
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The report's time: the first run (cold caches) and the median of the next ones. */
async function time(engine, query) {
  const values = [];
  let report;
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    report = await engine.insights(MOD, query);
    values.push(performance.now() - started);
  }
  return { firstMs: Math.round(values[0]), medianMs: Math.round(median(values.slice(1))), minMs: Math.round(Math.min(...values.slice(1))), maxMs: Math.round(Math.max(...values.slice(1))), report };
}

async function measure(label, open, cleanup) {
  const db = await open();
  try {
    const store = new SqlStore(db);
    await store.reset();
    const seeding = performance.now();
    const rows = await seed(db);
    const seedMs = Math.round(performance.now() - seeding);
    console.log(`${label}: seeded ${JSON.stringify(rows)} in ${(seedMs / 1000).toFixed(1)} s`);
    const engine = new Engine({ store, clock: new ManualClock(NOW) });
    const result = { label, rows, seedMs, withoutIndexes: {}, withIndexes: {} };
    const queries = { community90: { days: 90 }, community30: { days: 30 }, community7: { days: 7 }, thread90: { days: 90, thread: 't0' } };
    // Without the indexes first, then with them rebuilt: each after fresh statistics and a warm-up report.
    for (const [phase, prepare] of [
      ['withoutIndexes', () => db.exec(`DROP INDEX IF EXISTS ${INSIGHTS_INDEXES.join(', ')}`)],
      ['withIndexes', () => db.exec(INSIGHTS_MIGRATION.sql)],
    ]) {
      await prepare();
      await db.exec('ANALYZE');
      await engine.insights(MOD, { days: 90 });
      for (const [name, query] of Object.entries(queries)) {
        const { report, ...t } = await time(engine, query);
        result[phase][name] = t;
        if (name === 'community90') result.figures = { current: report.current, previous: report.previous };
        console.log(`  ${name}, ${phase === 'withIndexes' ? 'with the insights indexes' : 'without them'}: first ${t.firstMs} ms, then median ${t.medianMs} ms (${t.minMs}–${t.maxMs})`);
      }
    }
    return result;
  } finally {
    await db.close();
    await cleanup?.();
  }
}

async function main() {
  const results = [];
  const dir = mkdtempSync(join(tmpdir(), 'majlis-insights-bench-'));
  results.push(await measure('PGlite (file-backed)', () => openDatabase({ dataDir: dir }), () => rmSync(dir, { recursive: true, force: true })));
  const url = process.env.MAJLIS_TEST_DATABASE_URL;
  if (url) {
    const schema = `majlis_insights_bench_${process.pid}`;
    results.push(
      await measure('PostgreSQL', () => openDatabase({ url, schema }), async () => {
        const db = await openDatabase({ url });
        await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await db.close();
      }),
    );
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/insights.json', JSON.stringify({ measuredAt: new Date().toISOString(), runs: RUNS, indexes: INSIGHTS_INDEXES, results }, null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
