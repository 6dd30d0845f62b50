import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { LiveEvent, SequencedEvent } from '../core/adapter.js';
import { AdapterError } from '../core/errors.js';
import type { Id, TargetRef } from '../core/types.js';
import { decodeCursor, encodeCursor } from '../engine/cursor.js';
import {
  ANONYMOUS_VOTER_PREFIX,
  DAY_MS,
  RETURN_DAYS,
  type AuditRecord,
  type AwardRecord,
  type CommentListQuery,
  type CommentRecord,
  type IdempotencyRecord,
  type InsightsCounts,
  type InsightsData,
  type InsightsStoreQuery,
  type LeaderRow,
  type MemberRecord,
  type ModerationRecord,
  type PointsRecord,
  type PollRecord,
  type ReactionRecord,
  type ReportRecord,
  type Slice,
  type Store,
  type VoteRecord,
} from '../engine/store.js';
import { openDatabase, type Database, type OpenDatabaseOptions, type Queryable } from './database.js';
import { DATA_TABLES, advisoryKey } from './migrations.js';

// ───────────────────────── records ⇄ rows

type Kind = 'text' | 'int' | 'bigint' | 'float' | 'bool' | 'json';

/**
 * Where each field of a record lives. Exhaustive by type: a field added to a record type and not
 * given a column here fails the type check, so no field is silently dropped on its way to SQL.
 * Optional fields (`x?: T`) must say `optional: true`: SQL NULL reads back as an absent field.
 */
type Columns<R> = {
  [K in keyof R]-?: (undefined extends R[K] ? { optional: true } : { optional?: false }) & Column;
};

interface Column {
  column: string;
  kind: Kind;
  optional?: boolean;
  /** A `json` column (kept as written, key order included) rather than `jsonb`. */
  verbatim?: true;
}

type Row = Record<string, unknown>;

class Table<R> {
  /** The SELECT list that `read` understands. */
  readonly columns: string;
  readonly #fields: [string, Column][];
  readonly #upsert: string;

  constructor(
    readonly name: string,
    key: (keyof R & string)[],
    fields: Columns<R>,
  ) {
    this.#fields = Object.entries(fields) as [string, Column][];
    // An optional JSON field read as [value]: SQL NULL (absent) and JSON null (a null value) stay apart.
    this.columns = this.#fields.map(([, c]) => (c.kind === 'json' && c.optional ? `CASE WHEN ${c.column} IS NULL THEN NULL ELSE json_build_array(${c.column}) END AS ${c.column}` : c.column)).join(', ');
    const insertColumns = this.#fields.map(([, c]) => c.column).join(', ');
    const placeholders = this.#fields.map(([, c], i) => `$${i + 1}${c.kind === 'json' ? (c.verbatim ? '::json' : '::jsonb') : ''}`).join(', ');
    const keyColumns = key.map((k) => (fields[k] as { column: string }).column);
    const updates = this.#fields.filter(([, c]) => !keyColumns.includes(c.column)).map(([, c]) => `${c.column} = EXCLUDED.${c.column}`);
    this.#upsert =
      `INSERT INTO ${name} (${insertColumns}) VALUES (${placeholders})` +
      (keyColumns.length ? ` ON CONFLICT (${keyColumns.join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}` : '');
  }

  /** INSERT, or with a key, INSERT … ON CONFLICT DO UPDATE: a put that replaces. */
  get upsert(): string {
    return this.#upsert;
  }

  params(record: R): unknown[] {
    return this.#fields.map(([field, c]) => {
      const value = (record as Record<string, unknown>)[field];
      if (value === undefined) return null;
      return c.kind === 'json' ? JSON.stringify(value) : value;
    });
  }

  read(row: Row): R {
    const record: Record<string, unknown> = {};
    for (const [field, c] of this.#fields) {
      const value = row[c.column];
      if (value === null || value === undefined) {
        if (!c.optional) record[field] = null;
        continue;
      }
      record[field] =
        c.kind === 'int' || c.kind === 'bigint' || c.kind === 'float' ? Number(value) : c.kind === 'bool' ? value === true : c.kind === 'json' && c.optional ? (value as unknown[])[0] : value;
    }
    return record as R;
  }
}

const members = new Table<MemberRecord>('members', ['id'], {
  id: { column: 'id', kind: 'text' },
  name: { column: 'name', kind: 'text' },
  avatarUrl: { column: 'avatar_url', kind: 'text' },
  roles: { column: 'roles', kind: 'json' },
  joinedAt: { column: 'joined_at', kind: 'bigint' },
  points: { column: 'points', kind: 'float' },
  counters: { column: 'counters', kind: 'json' },
  upheldAgainst: { column: 'upheld_against', kind: 'int' },
  bannedUntil: { column: 'banned_until', kind: 'bigint' },
  banReason: { column: 'ban_reason', kind: 'text', optional: true },
  lastCommentAt: { column: 'last_comment_at', kind: 'bigint' },
  topBadge: { column: 'top_badge', kind: 'json' },
});

const comments = new Table<CommentRecord>('comments', ['id'], {
  id: { column: 'id', kind: 'text' },
  thread: { column: 'thread', kind: 'text' },
  parentId: { column: 'parent_id', kind: 'text' },
  depth: { column: 'depth', kind: 'int' },
  authorId: { column: 'author_id', kind: 'text' },
  body: { column: 'body', kind: 'text' },
  status: { column: 'status', kind: 'text' },
  createdAt: { column: 'created_at', kind: 'bigint' },
  editedAt: { column: 'edited_at', kind: 'bigint' },
  history: { column: 'history', kind: 'json' },
  featured: { column: 'featured', kind: 'bool' },
  shown: { column: 'shown', kind: 'bool' },
  replyCount: { column: 'reply_count', kind: 'int' },
  reactionCount: { column: 'reaction_count', kind: 'int' },
  replyToAuthorId: { column: 'reply_to_author_id', kind: 'text' },
  credited: { column: 'credited', kind: 'bool' },
  everFeatured: { column: 'ever_featured', kind: 'bool', optional: true },
  removalReason: { column: 'removal_reason', kind: 'text', optional: true },
});

const reactions = new Table<ReactionRecord>('reactions', ['commentId', 'emoji', 'memberId'], {
  commentId: { column: 'comment_id', kind: 'text' },
  emoji: { column: 'emoji', kind: 'text' },
  memberId: { column: 'member_id', kind: 'text' },
  at: { column: 'at', kind: 'bigint' },
});

const polls = new Table<PollRecord>('polls', ['id'], {
  id: { column: 'id', kind: 'text' },
  question: { column: 'question', kind: 'text' },
  kind: { column: 'kind', kind: 'text' },
  minChoices: { column: 'min_choices', kind: 'int' },
  maxChoices: { column: 'max_choices', kind: 'int' },
  options: { column: 'options', kind: 'json' },
  results: { column: 'results', kind: 'text' },
  allowChange: { column: 'allow_change', kind: 'bool' },
  allowAnonymous: { column: 'allow_anonymous', kind: 'bool', optional: true },
  closesAt: { column: 'closes_at', kind: 'bigint' },
  closedAt: { column: 'closed_at', kind: 'bigint' },
  createdAt: { column: 'created_at', kind: 'bigint' },
  createdBy: { column: 'created_by', kind: 'text' },
  removed: { column: 'removed', kind: 'bool', optional: true },
});

const votes = new Table<VoteRecord>('votes', ['pollId', 'memberId'], {
  pollId: { column: 'poll_id', kind: 'text' },
  memberId: { column: 'member_id', kind: 'text' },
  optionIds: { column: 'option_ids', kind: 'json' },
  at: { column: 'at', kind: 'bigint' },
});

const points = new Table<PointsRecord>('points', [], {
  memberId: { column: 'member_id', kind: 'text' },
  amount: { column: 'amount', kind: 'float' },
  reason: { column: 'reason', kind: 'text' },
  at: { column: 'at', kind: 'bigint' },
});

const awards = new Table<AwardRecord>('awards', ['memberId', 'badgeId', 'tier'], {
  memberId: { column: 'member_id', kind: 'text' },
  badgeId: { column: 'badge_id', kind: 'text' },
  tier: { column: 'tier', kind: 'text' },
  at: { column: 'at', kind: 'bigint' },
});

const reports = new Table<ReportRecord>('reports', ['id'], {
  id: { column: 'id', kind: 'text' },
  target: { column: 'target', kind: 'text' },
  reason: { column: 'reason', kind: 'text' },
  note: { column: 'note', kind: 'text' },
  reporterId: { column: 'reporter_id', kind: 'text' },
  weight: { column: 'weight', kind: 'float' },
  status: { column: 'status', kind: 'text' },
  createdAt: { column: 'created_at', kind: 'bigint' },
  decidedAt: { column: 'decided_at', kind: 'bigint' },
  decisionReason: { column: 'decision_reason', kind: 'text', optional: true },
});

const moderation = new Table<ModerationRecord>('moderation', ['target'], {
  target: { column: 'target', kind: 'text' },
  state: { column: 'state', kind: 'text' },
  heldBecause: { column: 'held_because', kind: 'text' },
  createdAt: { column: 'created_at', kind: 'bigint' },
  decidedAt: { column: 'decided_at', kind: 'bigint' },
});

const audit = new Table<AuditRecord>('audit', [], {
  id: { column: 'id', kind: 'text' },
  action: { column: 'action', kind: 'text' },
  actorId: { column: 'actor_id', kind: 'text' },
  target: { column: 'target', kind: 'text' },
  reason: { column: 'reason', kind: 'text' },
  at: { column: 'at', kind: 'bigint' },
});

const idempotency = new Table<IdempotencyRecord & { scope: string }>('idempotency', ['scope'], {
  scope: { column: 'scope', kind: 'text' },
  fingerprint: { column: 'fingerprint', kind: 'text' },
  result: { column: 'result', kind: 'json', optional: true, verbatim: true },
  at: { column: 'at', kind: 'bigint' },
});

// ───────────────────────── keyset paging

type KeyKind = Exclude<Kind, 'json'>;

/**
 * One ORDER BY term of a listing: an SQL expression and its type (for the cursor). A listing's terms
 * all run one way, like MemoryStore's position tuples: "newest first" is `-created_at` ascending. So
 * "after the cursor" is one row comparison, which a B-tree index on the same expressions answers
 * directly, however deep the page.
 */
interface SortKey {
  expr: string;
  kind: KeyKind;
}

const CAST: Record<KeyKind, string> = { text: 'text', int: 'int', bigint: 'bigint', float: 'float8', bool: 'boolean' };

const badCursor = () => new AdapterError('invalid', 'The paging cursor is not valid. Start again from the first page.', { field: 'cursor' });

/** The position inside one of our cursors, checked value by value: a forged cursor is `invalid`, never a database error. */
function position(cursor: string, keys: SortKey[]): unknown[] {
  const values = decodeCursor(cursor);
  if (!Array.isArray(values) || values.length !== keys.length) throw badCursor();
  keys.forEach((key, i) => {
    const v = values[i];
    const fits =
      key.kind === 'text'
        ? typeof v === 'string' && v.length <= 1000 && !v.includes('\u0000')
        : key.kind === 'bool'
          ? typeof v === 'boolean'
          : key.kind === 'float'
            ? typeof v === 'number' && Number.isFinite(v)
            : Number.isSafeInteger(v) && (key.kind === 'bigint' || Math.abs(v as number) < 2 ** 31);
    if (!fits) throw badCursor();
  });
  return values;
}

/** A time bound for a bigint column: integer times compare the same against ⌈t⌉ as against t. */
const timeParam = (t: number): number => (Number.isFinite(t) ? Math.ceil(t) : t > 0 ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER);

// ───────────────────────── insights

const WEEK_MS = RETURN_DAYS * DAY_MS;
/**
 * Each member's active days in a range as a bit string (from the right: day 0 is a week before the
 * range starts), so who was active, who was in the returning cohort, who came back within a week and
 * how many were active each day are bit operations on one row per member: no sort of every action.
 * 128 days hold the longest period (90 days), its week before and a day to spare.
 */
const DAY_BITS = 128;
const NO_DAYS = `0::bit(${DAY_BITS})`;
const dayBit = (at: string, from: string) => `(1::bit(${DAY_BITS}) << ((${at} - (${from} - ${WEEK_MS})) / ${DAY_MS})::int)`;

/**
 * The one statement behind `SqlStore.insights` (one snapshot): aggregates over the two ranges, never a
 * row list, and hash aggregation throughout (a sort of every action spills to disk on a large
 * community). Parameters: $1–$2 the current range, $3–$4 the previous one, $5 how many top items,
 * $6 the thread (or, for the whole community, the anonymous voters' prefix). `act` is every member
 * action in scope, from a week before the previous range to now: what "active" means.
 */
function insightsSql(thread: boolean, days: number): string {
  const inRange = (column: string, range: 'current' | 'previous') => (range === 'current' ? `${column} >= $1::bigint AND ${column} < $2::bigint` : `${column} >= $3::bigint AND ${column} < $4::bigint`);
  const span = (column: string, back = 0) => `${column} >= $3::bigint - ${back} AND ${column} < $2::bigint`;
  const reportScope = thread ? ` AND target IN (SELECT 'comment:' || id FROM comments WHERE thread = $6)` : '';
  const both = (make: (range: 'current' | 'previous', suffix: string) => string) => `${make('current', 'c')}, ${make('previous', 'p')}`;
  const bounds = { current: ['$1::bigint', '$2::bigint'], previous: ['$3::bigint', '$4::bigint'] } as const;
  // Reactions in scope: all of them, or those on the thread's comments.
  const reactions = (back = 0) =>
    thread ? `reactions r JOIN comments rc ON rc.id = r.comment_id WHERE rc.thread = $6 AND ${span('r.at', back)}` : `reactions r WHERE ${span('r.at', back)}`;
  const came = (x: string) => Array.from({ length: RETURN_DAYS }, (_, i) => `(cohort_${x} << ${i + 1})`).join(' | ');
  // Bits from the range's first day on: the range itself, without the week before it.
  const inRangeDays = (x: string) => `active_${x} & (~${NO_DAYS} << ${RETURN_DAYS}) <> ${NO_DAYS}`;
  return `
WITH
act AS (
  SELECT author_id AS member_id, created_at AS at, 1 AS c, 0 AS r, 0 AS v FROM comments
   WHERE ${span('created_at', WEEK_MS)}${thread ? ' AND thread = $6' : ''}
  UNION ALL
  SELECT r.member_id, r.at, 0, 1, 0 FROM ${reactions(WEEK_MS)}
  ${thread ? '' : `UNION ALL
  SELECT member_id, at, 0, 0, 1 FROM votes WHERE ${span('at', WEEK_MS)} AND NOT starts_with(member_id, $6::text)`}
  UNION ALL
  SELECT reporter_id, created_at, 0, 0, 0 FROM reports WHERE ${span('created_at', WEEK_MS)}${reportScope}
),
per_member AS (
  SELECT member_id,
    ${both((r, x) => {
      const [from, to] = bounds[r];
      return `bit_or(${dayBit('at', from)}) FILTER (WHERE at >= ${from} - ${WEEK_MS} AND at < ${to}) AS active_${x},
    bit_or(${dayBit('at', from)}) FILTER (WHERE at >= ${from} - ${WEEK_MS} AND at < ${to} - ${WEEK_MS}) AS cohort_${x}`;
    })},
    coalesce(sum(c) FILTER (WHERE ${inRange('at', 'current')}), 0) AS comments,
    coalesce(sum(r) FILTER (WHERE ${inRange('at', 'current')}), 0) AS reactions,
    coalesce(sum(v) FILTER (WHERE ${inRange('at', 'current')}), 0) AS poll_votes
  FROM act GROUP BY member_id
),
people AS (
  SELECT ${both((_, x) => `count(*) FILTER (WHERE ${inRangeDays(x)}) AS active_${x},
         count(*) FILTER (WHERE cohort_${x} <> ${NO_DAYS}) AS cohort_${x},
         count(*) FILTER (WHERE (${came(x)}) & active_${x} <> ${NO_DAYS}) AS returned_${x}`)}
  FROM per_member
),
comment_counts AS (
  SELECT ${both((r, x) => `count(*) FILTER (WHERE ${inRange('created_at', r)}) AS comments_${x}, count(*) FILTER (WHERE parent_id IS NOT NULL AND ${inRange('created_at', r)}) AS replies_${x},
         count(*) FILTER (WHERE status IN ('hidden', 'removed') AND ${inRange('created_at', r)}) AS hidden_${x}`)}
  FROM comments WHERE ${span('created_at')}${thread ? ' AND thread = $6' : ''}
),
reaction_counts AS (
  SELECT ${both((r, x) => `count(*) FILTER (WHERE ${inRange('r.at', r)}) AS reactions_${x}`)} FROM ${reactions()}
),
vote_counts AS (
  SELECT ${both((r, x) => `count(*) FILTER (WHERE ${inRange('at', r)}) AS votes_${x}`)}
  FROM votes WHERE ${thread ? 'false' : span('at')}
),
report_counts AS (
  SELECT ${both((r, x) => ['', 'upheld', 'dismissed', 'open'].map((status) => `count(*) FILTER (WHERE ${status ? `status = '${status}' AND ` : ''}${inRange('created_at', r)}) AS reports${status && `_${status}`}_${x}`).join(', '))}
  FROM reports WHERE ${span('created_at')}${reportScope}
),
decision_counts AS (
  SELECT ${both((r, x) => `count(*) FILTER (WHERE ${inRange('decided_at', r)}) AS decisions_${x},
         percentile_cont(0.5) WITHIN GROUP (ORDER BY decided_at - created_at) FILTER (WHERE ${inRange('decided_at', r)}) AS median_${x}`)}
  FROM moderation WHERE state = 'decided' AND ${span('decided_at')}${reportScope}
),
member_counts AS (
  SELECT ${both((r, x) =>
    thread
      ? `(SELECT count(*) FROM members m JOIN per_member p ON p.member_id = m.id WHERE ${inRange('m.joined_at', r)} AND ${inRangeDays(x)}) AS new_${x}`
      : `(SELECT count(*) FROM members WHERE ${inRange('joined_at', r)} AND NOT starts_with(id, $6::text)) AS new_${x}`,
  )}
),
days AS (
  SELECT day FROM generate_series(0, (($2::bigint - $1::bigint - 1) / ${DAY_MS})::int) AS day
),
daily_comments AS (
  SELECT (created_at - $1::bigint) / ${DAY_MS} AS day, count(*) AS n FROM comments WHERE ${inRange('created_at', 'current')}${thread ? ' AND thread = $6' : ''} GROUP BY 1
),
daily_reactions AS (
  SELECT (r.at - $1::bigint) / ${DAY_MS} AS day, count(*) AS n FROM ${reactions()} AND ${inRange('r.at', 'current')} GROUP BY 1
),
daily_votes AS (
  SELECT (at - $1::bigint) / ${DAY_MS} AS day, count(*) AS n FROM votes WHERE ${thread ? 'false' : inRange('at', 'current')} GROUP BY 1
),
daily_members AS (
  SELECT (i - 1)::int AS day, n FROM unnest((
    SELECT ARRAY[${Array.from({ length: days }, (_, d) => `count(*) FILTER (WHERE get_bit(active_c, ${DAY_BITS - 1 - RETURN_DAYS - d}) = 1)`).join(', ')}] FROM per_member WHERE active_c IS NOT NULL
  )) WITH ORDINALITY AS counted(n, i)
),
topics AS (
  SELECT 'thread' AS kind, thread AS id, NULL::text AS title, sum(comments) AS comments, sum(reactions) AS reactions, 0::bigint AS poll_votes FROM (
    SELECT thread, count(*) AS comments, 0 AS reactions FROM comments WHERE ${inRange('created_at', 'current')}${thread ? ' AND thread = $6' : ''} GROUP BY thread
    UNION ALL
    SELECT c.thread, 0, count(*) FROM reactions r JOIN comments c ON c.id = r.comment_id WHERE ${inRange('r.at', 'current')}${thread ? ' AND c.thread = $6' : ''} GROUP BY c.thread
  ) per_thread GROUP BY thread
  UNION ALL
  SELECT 'poll', v.poll_id, min(p.question), 0, 0, count(*) FROM votes v LEFT JOIN polls p ON p.id = v.poll_id
  WHERE ${thread ? 'false' : inRange('v.at', 'current')} GROUP BY v.poll_id
),
reasons AS (
  SELECT reason, count(*) AS count FROM reports WHERE ${inRange('created_at', 'current')}${reportScope}
  GROUP BY reason
)
SELECT pe.*, cc.*, rn.*, vc.*, rc.*, dc.*, mc.*,
  (SELECT coalesce(json_agg(d ORDER BY d.day), '[]') FROM (
     SELECT day, coalesce(c.n, 0) AS comments, coalesce(r.n, 0) AS reactions, coalesce(v.n, 0) AS poll_votes, coalesce(m.n, 0) AS active_members
     FROM days LEFT JOIN daily_comments c USING (day) LEFT JOIN daily_reactions r USING (day) LEFT JOIN daily_votes v USING (day) LEFT JOIN daily_members m USING (day)
     WHERE c.n > 0 OR r.n > 0 OR v.n > 0 OR m.n > 0) d) AS daily,
  (SELECT coalesce(json_agg(t ORDER BY t.engagement DESC, t.kind COLLATE "C", t.id COLLATE "C"), '[]') FROM (
     SELECT *, comments + reactions + poll_votes AS engagement FROM topics
     ORDER BY engagement DESC, kind COLLATE "C", id COLLATE "C" LIMIT $5::int) t) AS topics,
  (SELECT coalesce(json_agg(m ORDER BY m.actions DESC, m.member_id COLLATE "C"), '[]') FROM (
     SELECT member_id, comments, reactions, poll_votes, comments + reactions + poll_votes AS actions FROM per_member
     WHERE comments + reactions + poll_votes > 0 ORDER BY actions DESC, member_id COLLATE "C" LIMIT $5::int) m) AS members,
  (SELECT coalesce(json_agg(r ORDER BY r.count DESC, r.reason COLLATE "C"), '[]') FROM reasons r) AS reasons
FROM people pe, comment_counts cc, reaction_counts rn, vote_counts vc, report_counts rc, decision_counts dc, member_counts mc`;
}

/** The statement for a thread or the whole community and a number of days, made once. */
const insightsStatements = new Map<string, string>();
const insightsStatement = (thread: boolean, days: number): string => {
  const key = `${thread}|${days}`;
  let text = insightsStatements.get(key);
  if (!text) insightsStatements.set(key, (text = insightsSql(thread, days)));
  return text;
};
/** Enough for a community of tens of thousands of members to aggregate without spilling to disk. */
const INSIGHTS_WORK_MEM = '32MB';

// ───────────────────────── errors

/** Database errors the engine's callers can act on, as the contract's error codes; others pass unchanged. */
function translate(error: unknown): unknown {
  if (error instanceof AdapterError) return error;
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (code === '22021' || code === '22P05')
    return new AdapterError('invalid', 'The text contains a character that cannot be stored (a NUL byte). Remove it and try again.', { reason: 'unstorable', cause: error });
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code) || /Connection terminated|connection timeout/i.test(message))
    return new AdapterError('unavailable', 'The community database cannot be reached right now. Try again in a moment.', { retryAfter: 5, cause: error });
  return error;
}

// ───────────────────────── the store

interface TransactionContext {
  tx: Queryable;
  /** Set when the transaction's work has ended: late calls go to the pool instead of a finished connection. */
  done: boolean;
  savepoints: number;
}

export interface SqlStoreOptions {
  /** How many live events are kept for resuming subscribers (MemoryStore keeps 1000). */
  eventLogSize?: number;
}

/** How many events one catch-up query of `watchEvents` reads at a time. */
const WATCH_BATCH = 500;

/**
 * The engine's Store over SQL: PGlite or PostgreSQL (see database.ts). Answers exactly as MemoryStore
 * does for the same data (order, paging, filtering), with its own opaque keyset cursors.
 *
 * Transactions: the engine calls store methods inside `transaction(work)` without a handle, so the
 * transaction's connection travels with the async context (AsyncLocalStorage). Every transaction
 * first takes one advisory lock, so writers never interleave — across server instances too.
 */
export class SqlStore implements Store {
  readonly db: Database;
  /** The NOTIFY channel of this database's live events. */
  readonly channel: string;
  readonly #als = new AsyncLocalStorage<TransactionContext>();
  readonly #writeLock: [number, number];
  readonly #eventLogSize: number;
  readonly #node = randomBytes(6).readUIntBE(0, 6).toString(36).padStart(10, '0').slice(-8);
  #lastIdTime = 0;
  #idCounter = 0;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #watchers = new Set<() => Promise<void>>();
  #ownsDb = false;

  constructor(db: Database, options: SqlStoreOptions = {}) {
    this.db = db;
    this.#writeLock = advisoryKey(db.schema, 'write');
    this.#eventLogSize = options.eventLogSize ?? 1000;
    const channel = db.schema ? `majlis_events_${db.schema}` : 'majlis_events';
    this.channel = channel.length <= 63 ? channel : `majlis_events_${advisoryKey(db.schema, 'write')[1] >>> 0}`;
  }

  /** Opens the database (running its migrations) and a store over it; `close()` closes both. */
  static async open(options: OpenDatabaseOptions & SqlStoreOptions = {}): Promise<SqlStore> {
    const store = new SqlStore(await openDatabase(options), options);
    store.#ownsDb = true;
    return store;
  }

  /** Stops every `watchEvents`, and closes the database when `open()` opened it. */
  async close(): Promise<void> {
    await Promise.all([...this.#watchers].map((stop) => stop()));
    if (this.#ownsDb) await this.db.close();
  }

  // ───────── plumbing

  /** The connection of the transaction we are in, or the pool. */
  #queryable(): Queryable {
    const ctx = this.#als.getStore();
    return ctx && !ctx.done ? ctx.tx : this.db;
  }

  async #sql<T = Row>(text: string, params: unknown[] = []): Promise<T[]> {
    try {
      return await this.#queryable().query<T>(text, params);
    } catch (error) {
      throw translate(error);
    }
  }

  /** A write: inside the current transaction, or in one of its own (so even a lone write takes the writer lock). */
  async #write<T>(work: () => Promise<T>): Promise<T> {
    const ctx = this.#als.getStore();
    return ctx && !ctx.done ? work() : this.transaction(work);
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const ctx = this.#als.getStore();
    if (ctx && !ctx.done) return this.#savepoint(ctx, work);
    // One transaction at a time per process (as MemoryStore), so waiting writers hold no pooled connection;
    // the advisory lock then orders this process's writers with other processes'.
    const run = this.#queue.then(() => this.#transaction(work));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #transaction<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(async (tx) => {
        const ctx: TransactionContext = { tx, done: false, savepoints: 0 };
        try {
          await tx.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', this.#writeLock);
          return await this.#als.run(ctx, work);
        } finally {
          ctx.done = true;
        }
      });
    } catch (error) {
      throw translate(error);
    }
  }

  /** A transaction inside a transaction: a savepoint, undone alone when its work throws. */
  async #savepoint<T>(ctx: TransactionContext, work: () => Promise<T>): Promise<T> {
    const name = `majlis_${++ctx.savepoints}`;
    await ctx.tx.query(`SAVEPOINT ${name}`);
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await ctx.tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
    await ctx.tx.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  }

  async #put<R>(table: Table<R>, record: R): Promise<void> {
    await this.#write(() => this.#sql(table.upsert, table.params(record)));
  }

  async #one<R>(table: Table<R>, where: string, params: unknown[]): Promise<R | null> {
    const [row] = await this.#sql(`SELECT ${table.columns} FROM ${table.name} WHERE ${where}`, params);
    return row ? table.read(row) : null;
  }

  /**
   * One page of a listing by keyset: the rows after the cursor's position in `keys` order, and the
   * total of the whole listing, read in one statement (one snapshot).
   */
  async #page(options: {
    from: string;
    where: string;
    params: unknown[];
    keys: SortKey[];
    desc?: boolean;
    select: string;
    after: string | null;
    limit: number;
    /** An SQL expression for the total, when a faster one than counting `where` exists. */
    total?: string;
  }): Promise<{ rows: Row[]; next: string | null; total: number }> {
    const { from, where, keys, select } = options;
    const dir = options.desc ? ' DESC' : '';
    const params = [...options.params];
    const arg = (value: unknown, cast: string) => `$${params.push(value)}::${cast}`;
    let keyset = 'true';
    if (options.after) {
      const values = position(options.after, keys);
      keyset = `(${keys.map((k) => k.expr).join(', ')}) ${options.desc ? '<' : '>'} (${keys.map((k, i) => arg(values[i], CAST[k.kind])).join(', ')})`;
    }
    const limit = Math.max(0, Math.floor(options.limit));
    const rows = await this.#sql(
      `SELECT t.total, p.* FROM (SELECT ${options.total ?? `(SELECT count(*) FROM ${from} WHERE ${where})`} AS total) t
       LEFT JOIN LATERAL (
         SELECT ${select}, ${keys.map((k, i) => `${k.expr} AS _k${i}`).join(', ')}
         FROM ${from} WHERE ${where} AND ${keyset}
         ORDER BY ${keys.map((k) => `${k.expr}${dir}`).join(', ')} LIMIT ${arg(limit + 1, 'int')}
       ) p ON true
       ORDER BY ${keys.map((_, i) => `p._k${i}${dir}`).join(', ')}`,
      params,
    );
    const total = Number(rows[0]?.total ?? 0);
    const found = rows.filter((row) => row._k0 !== null && row._k0 !== undefined);
    const items = found.slice(0, limit);
    const last = items[items.length - 1];
    const next = found.length > limit && last ? encodeCursor(keys.map((k, i) => (k.kind === 'bool' ? last[`_k${i}`] === true : k.kind === 'text' ? last[`_k${i}`] : Number(last[`_k${i}`])))) : null;
    return { rows: items, next, total };
  }

  /** Unique across processes and sortable by creation time: prefix, time (ms), a counter within the ms, and this store's random node id. */
  newId(prefix: string): string {
    let now = Date.now();
    if (now <= this.#lastIdTime) {
      now = this.#lastIdTime;
      if (++this.#idCounter >= 36 ** 3) {
        now = ++this.#lastIdTime;
        this.#idCounter = 0;
      }
    } else {
      this.#idCounter = 0;
    }
    this.#lastIdTime = now;
    return `${prefix}_${now.toString(36).padStart(9, '0')}${this.#idCounter.toString(36).padStart(3, '0')}${this.#node}`;
  }

  // ───────── members

  getMember(id: Id): Promise<MemberRecord | null> {
    return this.#one(members, 'id = $1', [id]);
  }

  async getMembers(ids: Id[]): Promise<MemberRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.#sql(`SELECT ${members.columns} FROM members WHERE id = ANY($1::text[])`, [[...new Set(ids)]]);
    const byId = new Map(rows.map((row) => [row.id as string, row]));
    // In the order asked, repeats repeated, unknown ids left out (as MemoryStore).
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [members.read(row)] : [];
    });
  }

  putMember(member: MemberRecord): Promise<void> {
    return this.#put(members, member);
  }

  // ───────── comments

  getComment(id: Id): Promise<CommentRecord | null> {
    return this.#one(comments, 'id = $1', [id]);
  }

  putComment(comment: CommentRecord): Promise<void> {
    return this.#put(comments, comment);
  }

  async listComments(query: CommentListQuery): Promise<Slice<CommentRecord>> {
    const params: unknown[] = [query.thread, query.viewerId, query.parentId ?? ''];
    const parent = `parent_key = $3${query.parentId === null ? ' AND parent_id IS NULL' : ' AND parent_id IS NOT NULL'}`;
    const own = `author_id = $2 AND status IN ('pending', 'hidden')`;
    // MemoryStore's position tuples, term for term (see the comments_* indexes).
    const keys: SortKey[] = query.featuredFirst ? [{ expr: '(NOT featured)', kind: 'bool' }] : [];
    if (query.sort === 'top') keys.push({ expr: '(-reaction_count)', kind: 'int' }, { expr: 'created_at', kind: 'bigint' });
    else keys.push({ expr: query.sort === 'newest' ? '(-created_at)' : 'created_at', kind: 'bigint' });
    keys.push({ expr: 'id', kind: 'text' });
    const { rows, next, total } = await this.#page({
      from: 'comments',
      where: `thread = $1 AND ${parent} AND (shown OR (${own}))`,
      total: `(SELECT count(*) FROM comments WHERE thread = $1 AND ${parent} AND shown) + (SELECT count(*) FROM comments WHERE ${own} AND thread = $1 AND ${parent} AND NOT shown)`,
      params,
      keys,
      select: comments.columns,
      after: query.after,
      limit: query.limit,
    });
    return { items: rows.map((row) => comments.read(row)), next, total };
  }

  async countComments(threads: string[]): Promise<Record<string, number>> {
    const counts = new Map(threads.map((t) => [t, 0]));
    if (threads.length) {
      const rows = await this.#sql<{ thread: string; n: number }>(
        `SELECT thread, count(*) AS n FROM comments WHERE status = 'visible' AND thread = ANY($1::text[]) GROUP BY thread`,
        [[...counts.keys()]],
      );
      for (const row of rows) counts.set(row.thread, Number(row.n));
    }
    return Object.fromEntries(counts);
  }

  async recentCommentsBy(authorId: Id, thread: string, since: number): Promise<CommentRecord[]> {
    const rows = await this.#sql(
      `SELECT ${comments.columns} FROM comments WHERE author_id = $1 AND thread = $2 AND created_at >= $3::bigint ORDER BY created_at DESC, ord`,
      [authorId, thread, timeParam(since)],
    );
    return rows.map((row) => comments.read(row));
  }

  // ───────── reactions

  async getReactions(commentIds: Id[]): Promise<ReactionRecord[]> {
    if (commentIds.length === 0) return [];
    const rows = await this.#sql(`SELECT ${reactions.columns} FROM reactions WHERE comment_id = ANY($1::text[]) ORDER BY ord`, [[...new Set(commentIds)]]);
    return rows.map((row) => reactions.read(row));
  }

  putReaction(reaction: ReactionRecord): Promise<void> {
    return this.#put(reactions, reaction);
  }

  deleteReaction(commentId: Id, emoji: string, memberId: Id): Promise<boolean> {
    return this.#write(async () => (await this.#sql('DELETE FROM reactions WHERE comment_id = $1 AND emoji = $2 AND member_id = $3 RETURNING 1 AS gone', [commentId, emoji, memberId])).length > 0);
  }

  async listReactors(commentId: Id, emoji: string, after: string | null, limit: number): Promise<Slice<Id>> {
    const { rows, next, total } = await this.#page({
      from: 'reactions',
      where: 'comment_id = $1 AND emoji = $2',
      params: [commentId, emoji],
      keys: [
        { expr: '(-at)', kind: 'bigint' },
        { expr: 'member_id', kind: 'text' },
      ],
      select: 'member_id',
      after,
      limit,
    });
    return { items: rows.map((row) => row.member_id as string), next, total };
  }

  // ───────── polls

  getPoll(id: Id): Promise<PollRecord | null> {
    return this.#one(polls, 'id = $1', [id]);
  }

  putPoll(poll: PollRecord): Promise<void> {
    return this.#put(polls, poll);
  }

  getVote(pollId: Id, memberId: Id): Promise<VoteRecord | null> {
    return this.#one(votes, 'poll_id = $1 AND member_id = $2', [pollId, memberId]);
  }

  putVote(vote: VoteRecord): Promise<void> {
    return this.#put(votes, vote);
  }

  async tallyVotes(pollId: Id): Promise<{ perOption: Record<Id, number>; voters: number }> {
    const [row] = await this.#sql<{ voters: number; per_option: Record<Id, number> }>(
      `SELECT (SELECT count(*) FROM votes WHERE poll_id = $1) AS voters,
              (SELECT coalesce(jsonb_object_agg(option_id, n), '{}'::jsonb)
                 FROM (SELECT o.option_id, count(*) AS n
                         FROM votes v CROSS JOIN LATERAL jsonb_array_elements_text(v.option_ids) AS o(option_id)
                        WHERE v.poll_id = $1 GROUP BY o.option_id) t) AS per_option`,
      [pollId],
    );
    return { perOption: { ...(row?.per_option ?? {}) }, voters: Number(row?.voters ?? 0) };
  }

  // ───────── points

  addPoints(entry: PointsRecord): Promise<void> {
    return this.#put(points, entry);
  }

  async pointsSince(memberId: Id, reason: string, since: number): Promise<number> {
    const [row] = await this.#sql<{ total: number }>('SELECT coalesce(sum(amount), 0) AS total FROM points WHERE member_id = $1 AND reason = $2 AND at >= $3::bigint', [memberId, reason, timeParam(since)]);
    return Number(row?.total ?? 0);
  }

  async leaderboard(since: number | null, until: number | null): Promise<LeaderRow[]> {
    const params: unknown[] = [];
    const where = ['true'];
    if (since !== null) where.push(`at >= $${params.push(timeParam(since))}::bigint`);
    if (until !== null) where.push(`at < $${params.push(timeParam(until))}::bigint`);
    const rows = await this.#sql<{ member_id: string; total: number }>(
      `SELECT member_id, sum(amount) AS total FROM points WHERE ${where.join(' AND ')}
        GROUP BY member_id HAVING sum(amount) > 0 ORDER BY total DESC, member_id`,
      params,
    );
    return rows.map((row) => ({ memberId: row.member_id, points: Number(row.total) }));
  }

  // ───────── badges

  async getAwards(memberId: Id): Promise<AwardRecord[]> {
    const rows = await this.#sql(`SELECT ${awards.columns} FROM awards WHERE member_id = $1 ORDER BY ord`, [memberId]);
    return rows.map((row) => awards.read(row));
  }

  putAward(award: AwardRecord): Promise<void> {
    return this.#put(awards, award);
  }

  // ───────── reports

  getReport(id: Id): Promise<ReportRecord | null> {
    return this.#one(reports, 'id = $1', [id]);
  }

  findReport(reporterId: Id, target: TargetRef): Promise<ReportRecord | null> {
    return this.#one(reports, 'reporter_id = $1 AND target = $2 ORDER BY ord LIMIT 1', [reporterId, target]);
  }

  putReport(report: ReportRecord): Promise<void> {
    return this.#put(reports, report);
  }

  async reportsOn(target: TargetRef): Promise<ReportRecord[]> {
    const rows = await this.#sql(`SELECT ${reports.columns} FROM reports WHERE target = $1 ORDER BY created_at, ord`, [target]);
    return rows.map((row) => reports.read(row));
  }

  async reportsBy(reporterId: Id, target: TargetRef | null, after: string | null, limit: number): Promise<Slice<ReportRecord>> {
    const params: unknown[] = [reporterId];
    const { rows, next, total } = await this.#page({
      from: 'reports',
      where: `reporter_id = $1${target === null ? '' : ` AND target = $${params.push(target)}`}`,
      params,
      keys: [
        { expr: '(-created_at)', kind: 'bigint' },
        { expr: 'id', kind: 'text' },
      ],
      select: reports.columns,
      after,
      limit,
    });
    return { items: rows.map((row) => reports.read(row)), next, total };
  }

  async countReportsBy(reporterId: Id, since: number): Promise<number> {
    const [row] = await this.#sql<{ n: number }>('SELECT count(*) AS n FROM reports WHERE reporter_id = $1 AND (-created_at) <= $2::bigint', [reporterId, -timeParam(since)]);
    return Number(row?.n ?? 0);
  }

  // ───────── moderation

  getModeration(target: TargetRef): Promise<ModerationRecord | null> {
    return this.#one(moderation, 'target = $1', [target]);
  }

  putModeration(record: ModerationRecord): Promise<void> {
    return this.#put(moderation, record);
  }

  async listModeration(state: ModerationRecord['state'], after: string | null, limit: number): Promise<Slice<ModerationRecord>> {
    // Decided: most recently decided first. Open queues: oldest first.
    const decided = state === 'decided';
    const { rows, next, total } = await this.#page({
      from: 'moderation',
      where: decided ? `state = 'decided'` : 'state = $1',
      params: decided ? [] : [state],
      keys: decided
        ? [
            { expr: '(-coalesce(decided_at, 0))', kind: 'bigint' },
            { expr: 'target', kind: 'text' },
          ]
        : [
            { expr: 'created_at', kind: 'bigint' },
            { expr: 'target', kind: 'text' },
          ],
      select: moderation.columns,
      after,
      limit,
    });
    return { items: rows.map((row) => moderation.read(row)), next, total };
  }

  // ───────── audit

  addAudit(entry: AuditRecord): Promise<void> {
    return this.#put(audit, entry);
  }

  async listAudit(after: string | null, limit: number): Promise<Slice<AuditRecord>> {
    // Newest first; within one millisecond, the later entry first (log order).
    const { rows, next, total } = await this.#page({
      from: 'audit',
      where: 'true',
      params: [],
      keys: [
        { expr: 'at', kind: 'bigint' },
        { expr: 'seq', kind: 'bigint' },
      ],
      desc: true,
      select: audit.columns,
      after,
      limit,
    });
    return { items: rows.map((row) => audit.read(row)), next, total };
  }

  // ───────── idempotency

  async getIdempotency(scope: string): Promise<IdempotencyRecord | null> {
    const record = await this.#one(idempotency, 'scope = $1', [scope]);
    if (!record) return null;
    const { scope: _scope, ...rest } = record;
    return rest;
  }

  putIdempotency(scope: string, record: IdempotencyRecord): Promise<void> {
    return this.#put(idempotency, { ...record, scope });
  }

  async pruneIdempotency(before: number): Promise<void> {
    await this.#write(() => this.#sql('DELETE FROM idempotency WHERE at < $1::bigint', [timeParam(before)]));
  }

  // ───────── insights

  async insights(query: InsightsStoreQuery): Promise<InsightsData> {
    const { current, previous, thread } = query;
    for (const range of [current, previous])
      if ((range.to - range.from) / DAY_MS + RETURN_DAYS + 1 > DAY_BITS) throw new RangeError(`Insights cover at most ${DAY_BITS - RETURN_DAYS - 1} days at a time.`);
    const params: unknown[] = [timeParam(current.from), timeParam(current.to), timeParam(previous.from), timeParam(previous.to), query.top, thread ?? ANONYMOUS_VOTER_PREFIX];
    const text = insightsStatement(thread !== null, Math.ceil((current.to - current.from) / DAY_MS));
    const ctx = this.#als.getStore();
    // In a read-only transaction of its own (never under the writers' lock), with settings for this one
    // statement: no JIT (PostgreSQL would spend longer compiling its many expressions than running
    // them), and room to aggregate in memory.
    const [row] =
      ctx && !ctx.done
        ? await this.#sql<Row>(text, params)
        : await this.db
            .transaction(async (tx) => {
              await tx.exec(`SET TRANSACTION READ ONLY; SET LOCAL jit = off; SET LOCAL work_mem = '${INSIGHTS_WORK_MEM}'`);
              return tx.query<Row>(text, params);
            })
            .catch((error: unknown) => Promise.reject(translate(error)));
    const r = row ?? {};
    const n = (value: unknown) => Number(value ?? 0);
    const counts = (x: 'c' | 'p'): InsightsCounts => ({
      activeMembers: n(r[`active_${x}`]),
      newMembers: n(r[`new_${x}`]),
      comments: n(r[`comments_${x}`]),
      replies: n(r[`replies_${x}`]),
      hiddenOrRemoved: n(r[`hidden_${x}`]),
      reactions: n(r[`reactions_${x}`]),
      pollVotes: n(r[`votes_${x}`]),
      reports: n(r[`reports_${x}`]),
      reportsUpheld: n(r[`reports_upheld_${x}`]),
      reportsDismissed: n(r[`reports_dismissed_${x}`]),
      reportsOpen: n(r[`reports_open_${x}`]),
      decisions: n(r[`decisions_${x}`]),
      medianDecisionMs: r[`median_${x}`] === null || r[`median_${x}`] === undefined ? null : Number(r[`median_${x}`]),
      returningCohort: n(r[`cohort_${x}`]),
      returningMembers: n(r[`returned_${x}`]),
    });
    const list = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as Row[];
    return {
      current: counts('c'),
      previous: counts('p'),
      daily: list(r['daily']).map((d) => ({ day: n(d['day']), comments: n(d['comments']), reactions: n(d['reactions']), pollVotes: n(d['poll_votes']), activeMembers: n(d['active_members']) })),
      topics: list(r['topics']).map((t) => ({
        kind: t['kind'] as 'thread' | 'poll',
        id: String(t['id']),
        title: typeof t['title'] === 'string' ? t['title'] : null,
        comments: n(t['comments']),
        reactions: n(t['reactions']),
        pollVotes: n(t['poll_votes']),
        engagement: n(t['engagement']),
      })),
      members: list(r['members']).map((m) => ({ memberId: String(m['member_id']), comments: n(m['comments']), reactions: n(m['reactions']), pollVotes: n(m['poll_votes']), actions: n(m['actions']) })),
      reasons: list(r['reasons']).map((x) => ({ reason: x['reason'] as InsightsData['reasons'][number]['reason'], count: n(x['count']) })),
    };
  }

  // ───────── live events

  /**
   * Appends to the log with the next sequence number, in the caller's transaction, and NOTIFYs the
   * channel: PostgreSQL delivers a notification only when its transaction commits, and drops it on rollback.
   */
  appendEvent(event: LiveEvent): Promise<SequencedEvent> {
    return this.#write(async () => {
      const [row] = await this.#sql<{ seq: number }>(
        `WITH next AS (UPDATE event_counter SET seq = seq + 1 RETURNING seq),
              added AS (INSERT INTO events (seq, topic, payload) SELECT seq, $1::text, $2::jsonb FROM next RETURNING seq),
              trimmed AS (DELETE FROM events WHERE seq <= (SELECT seq FROM next) - $3::bigint)
         SELECT seq, pg_notify($4, seq::text) FROM added`,
        [event.topic, JSON.stringify(event), this.#eventLogSize, this.channel],
      );
      if (!row) throw new Error('The event log has no counter row: was the database migrated?');
      // As a reader of the log will see it (JSON), so local and remote listeners get the same object.
      return { ...(JSON.parse(JSON.stringify(event)) as LiveEvent), seq: Number(row.seq) };
    });
  }

  async eventsSince(topic: string, seq: number): Promise<SequencedEvent[]> {
    if (Number.isNaN(seq)) return [];
    const rows = await this.#sql<{ seq: number; payload: LiveEvent }>('SELECT seq, payload FROM events WHERE topic = $1 AND seq > $2::bigint ORDER BY seq', [
      topic,
      Number.isFinite(seq) ? Math.floor(seq) : seq > 0 ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER,
    ]);
    return rows.map((row) => ({ ...row.payload, seq: Number(row.seq) }));
  }

  /**
   * Live events from every process writing to this database, this one included: LISTENs on the
   * channel and, on each notification, delivers every event with a seq above the last delivered,
   * in seq order, each once. Starts after the events already committed. Returns a function that stops.
   * A listener that throws is logged and skipped.
   */
  async watchEvents(onEvent: (event: SequencedEvent) => void): Promise<() => Promise<void>> {
    let last: number | null = null;
    let running = false;
    let again = false;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;

    const catchUp = async (): Promise<void> => {
      if (stopped) return;
      if (running || last === null) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          for (;;) {
            const rows: { seq: number; payload: LiveEvent }[] = await this.db.query('SELECT seq, payload FROM events WHERE seq > $1::bigint ORDER BY seq LIMIT $2::int', [last, WATCH_BATCH]);
            for (const row of rows) {
              if (stopped) return;
              last = Number(row.seq);
              try {
                onEvent({ ...row.payload, seq: last });
              } catch (error) {
                console.error('[majlis] A live event listener failed.', error);
              }
            }
            if (rows.length < WATCH_BATCH) break;
          }
        } while (again && !stopped);
      } catch (error) {
        // The database is away: try again shortly (a reconnect also calls back).
        console.error('[majlis] Could not read new live events:', (error as Error).message);
        clearTimeout(retry);
        retry = setTimeout(() => void catchUp(), 1000);
      } finally {
        running = false;
      }
    };
    // Out of any transaction's async context: the callback may run while a commit is being processed.
    const wake = () => this.#als.exit(() => setImmediate(() => void catchUp()));
    const unlisten = await this.db.listen(this.channel, wake, { onReconnect: wake });
    // Listening first, then reading where the log stands: nothing committed in between is lost.
    const [row] = await this.db.query<{ seq: number }>('SELECT seq FROM event_counter');
    last = Number(row?.seq ?? 0);
    if (again) wake();
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(retry);
      this.#watchers.delete(stop);
      await unlisten();
    };
    this.#watchers.add(stop);
    return stop;
  }

  /** Empties every data table (tests: between contract tests against a running server). Sequence numbers keep counting up. */
  async reset(): Promise<void> {
    await this.transaction(() => this.#sql(`TRUNCATE ${DATA_TABLES.join(', ')}`));
  }
}
