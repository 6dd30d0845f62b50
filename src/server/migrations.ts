import type { Queryable } from './database.js';

/**
 * The SQL schema, as versioned migrations applied in order, each once, each in its own transaction.
 * Never edit a migration that has shipped: add the next one.
 *
 * Conventions: times are `bigint` epoch milliseconds (as in the engine's records); ids, threads,
 * targets and member ids use the "C" collation, so ORDER BY compares them as the engine's MemoryStore
 * does (code unit order, whatever the database's locale); lists and small structures are `jsonb` (`json` where the exact text matters).
 * `ord` columns keep insertion order where MemoryStore's answers follow it (reactions, awards, …).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'community tables',
    sql: `
CREATE TABLE members (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  avatar_url text,
  roles jsonb NOT NULL,
  joined_at bigint NOT NULL,
  points double precision NOT NULL,
  counters jsonb NOT NULL,
  upheld_against integer NOT NULL,
  banned_until bigint,
  ban_reason text,
  last_comment_at bigint,
  top_badge jsonb
);

CREATE TABLE comments (
  id text COLLATE "C" PRIMARY KEY,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  thread text COLLATE "C" NOT NULL,
  parent_id text COLLATE "C",
  depth integer NOT NULL,
  author_id text COLLATE "C" NOT NULL,
  body text NOT NULL,
  status text NOT NULL,
  created_at bigint NOT NULL,
  edited_at bigint,
  history jsonb NOT NULL,
  featured boolean NOT NULL,
  shown boolean NOT NULL,
  reply_count integer NOT NULL,
  reaction_count integer NOT NULL,
  reply_to_author_id text COLLATE "C",
  credited boolean NOT NULL,
  ever_featured boolean,
  removal_reason text,
  -- The parent as an equality key ('' at the top level): \`parent_id IS NULL\` would not let the
  -- planner walk the indexes below in order.
  parent_key text COLLATE "C" GENERATED ALWAYS AS (coalesce(parent_id, '')) STORED
);
-- A thread's page in each sort. Keyset paging: the index expressions are the listing's order, so the
-- page after a cursor is one range scan (see SqlStore's listComments).
CREATE INDEX comments_oldest ON comments (thread, parent_key, created_at, id);
CREATE INDEX comments_newest ON comments (thread, parent_key, (-created_at), id);
CREATE INDEX comments_top ON comments (thread, parent_key, (-reaction_count), created_at, id);
-- Featured first: offered for top-level comments.
CREATE INDEX comments_featured_oldest ON comments (thread, (NOT featured), created_at, id) WHERE parent_id IS NULL;
CREATE INDEX comments_featured_newest ON comments (thread, (NOT featured), (-created_at), id) WHERE parent_id IS NULL;
CREATE INDEX comments_featured_top ON comments (thread, (NOT featured), (-reaction_count), created_at, id) WHERE parent_id IS NULL;
-- A listing's total: what shows (index-only when the table is vacuumed), plus the viewer's own held posts.
CREATE INDEX comments_shown ON comments (thread, parent_key) WHERE shown;
-- Counts per thread (index-only), and a member's recent posts (rate limits, repeats).
CREATE INDEX comments_visible ON comments (thread) WHERE status = 'visible';
CREATE INDEX comments_by_author ON comments (author_id, thread, created_at DESC);

CREATE TABLE reactions (
  comment_id text COLLATE "C" NOT NULL,
  emoji text COLLATE "C" NOT NULL,
  member_id text COLLATE "C" NOT NULL,
  at bigint NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (comment_id, emoji, member_id)
);
CREATE INDEX reactions_reactors ON reactions (comment_id, emoji, (-at), member_id);

CREATE TABLE polls (
  id text COLLATE "C" PRIMARY KEY,
  question text NOT NULL,
  kind text NOT NULL,
  min_choices integer NOT NULL,
  max_choices integer NOT NULL,
  options jsonb NOT NULL,
  results text NOT NULL,
  allow_change boolean NOT NULL,
  allow_anonymous boolean,
  closes_at bigint,
  closed_at bigint,
  created_at bigint NOT NULL,
  created_by text COLLATE "C" NOT NULL,
  removed boolean
);

CREATE TABLE votes (
  poll_id text COLLATE "C" NOT NULL,
  member_id text COLLATE "C" NOT NULL,
  option_ids jsonb NOT NULL,
  at bigint NOT NULL,
  PRIMARY KEY (poll_id, member_id)
);

CREATE TABLE points (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id text COLLATE "C" NOT NULL,
  amount double precision NOT NULL,
  reason text NOT NULL,
  at bigint NOT NULL
);
-- Leaderboards sum a time range (index-only); the daily cap sums one member's reason since a time.
CREATE INDEX points_at ON points (at) INCLUDE (member_id, amount);
CREATE INDEX points_member_reason ON points (member_id, reason, at) INCLUDE (amount);

CREATE TABLE awards (
  member_id text COLLATE "C" NOT NULL,
  badge_id text COLLATE "C" NOT NULL,
  tier text NOT NULL,
  at bigint NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (member_id, badge_id, tier)
);

CREATE TABLE reports (
  id text COLLATE "C" PRIMARY KEY,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  target text COLLATE "C" NOT NULL,
  reason text NOT NULL,
  note text NOT NULL,
  reporter_id text COLLATE "C" NOT NULL,
  weight double precision NOT NULL,
  status text NOT NULL,
  created_at bigint NOT NULL,
  decided_at bigint,
  decision_reason text
);
CREATE INDEX reports_on_target ON reports (target, created_at);
CREATE INDEX reports_by_reporter ON reports (reporter_id, (-created_at), id);
CREATE INDEX reports_by_reporter_target ON reports (reporter_id, target, (-created_at), id);

CREATE TABLE moderation (
  target text COLLATE "C" PRIMARY KEY,
  state text NOT NULL,
  held_because text,
  created_at bigint NOT NULL,
  decided_at bigint
);
CREATE INDEX moderation_queue ON moderation (state, created_at, target);
CREATE INDEX moderation_decided ON moderation ((-coalesce(decided_at, 0)), target) WHERE state = 'decided';

CREATE TABLE audit (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text COLLATE "C" NOT NULL,
  action text NOT NULL,
  actor_id text COLLATE "C" NOT NULL,
  target text COLLATE "C" NOT NULL,
  reason text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX audit_newest ON audit (at, seq);

-- result is json, not jsonb: a replayed write answers with the very text of the first answer (jsonb reorders keys).
CREATE TABLE idempotency (
  scope text COLLATE "C" PRIMARY KEY,
  fingerprint text NOT NULL,
  result json,
  at bigint NOT NULL
);
CREATE INDEX idempotency_at ON idempotency (at);

-- The live event log. seq comes from event_counter, bumped in the writing transaction: gap-free,
-- given back when the transaction rolls back (as MemoryStore does), and, since the counter row is
-- locked until commit, events become visible in seq order.
CREATE TABLE events (
  seq bigint PRIMARY KEY,
  topic text COLLATE "C" NOT NULL,
  payload jsonb NOT NULL,
  created bigint NOT NULL DEFAULT (floor(extract(epoch FROM clock_timestamp()) * 1000))::bigint
);
CREATE INDEX events_topic ON events (topic, seq);

CREATE TABLE event_counter (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq bigint NOT NULL
);
INSERT INTO event_counter (one, seq) VALUES (true, 0);
`,
  },
  {
    version: 2,
    name: 'insights indexes',
    // Community insights read a time range of each table (see SqlStore.insights). On a 7- or 30-day
    // report of a community with a long history, these turn whole-table scans into range scans.
    sql: `
CREATE INDEX comments_created ON comments (created_at);
CREATE INDEX comments_thread_created ON comments (thread, created_at);
CREATE INDEX reactions_at ON reactions (at);
CREATE INDEX votes_at ON votes (at);
CREATE INDEX reports_created ON reports (created_at);
CREATE INDEX members_joined ON members (joined_at);
CREATE INDEX moderation_decided_at ON moderation (decided_at) WHERE state = 'decided';
`,
  },
];

/** The data tables, emptied by `SqlStore.reset()`; `event_counter` is kept so sequence numbers never go back. */
export const DATA_TABLES = ['members', 'comments', 'reactions', 'polls', 'votes', 'points', 'awards', 'reports', 'moderation', 'audit', 'idempotency', 'events'] as const;

/** Two 32-bit keys for pg_advisory(_xact)_lock: one namespace for Majlis, and the schema and purpose, so schemas do not block each other. */
export function advisoryKey(schema: string | null, purpose: 'migrate' | 'write'): [number, number] {
  const text = `${schema ?? 'public'}\u001f${purpose}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return [0x4d4a4c53 /* "MJLS" */, h | 0];
}

export interface MigrationTarget {
  readonly schema: string | null;
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
}

/**
 * Applies the migrations the database lacks, each in its own transaction under an advisory lock,
 * so several server instances starting at once on one PostgreSQL apply each migration exactly once.
 * Returns the versions this call applied.
 */
export async function migrate(db: MigrationTarget, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  if (db.schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(db.schema)) throw new Error(`The schema name "${db.schema}" is not usable.`);
  const applied: number[] = [];
  const [k1, k2] = advisoryKey(db.schema, 'migrate');
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const done = await db.transaction(async (tx) => {
      // Everything under the lock, the bookkeeping table's creation included: two concurrent
      // CREATE ... IF NOT EXISTS can still collide.
      await tx.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [k1, k2]);
      if (db.schema) {
        // Created only when missing: CREATE SCHEMA needs a privilege that using an existing one does not.
        const [exists] = await tx.query('SELECT 1 AS found FROM pg_namespace WHERE nspname = $1', [db.schema]);
        await tx.exec(`${exists ? '' : `CREATE SCHEMA ${db.schema}; `}SET LOCAL search_path TO ${db.schema}`);
      }
      await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const [row] = await tx.query('SELECT 1 AS done FROM schema_migrations WHERE version = $1', [migration.version]);
      if (row) return false;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new Error(`Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
