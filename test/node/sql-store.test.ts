import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SequencedEvent } from '../../src/core/adapter.js';
import type { ViewerClaims } from '../../src/core/types.js';
import { Engine, ManualClock, MemoryStore, newMemberRecord, type Store } from '../../src/engine/index.js';
import type { AuditRecord, CommentRecord, MemberRecord, ModerationRecord, PollRecord, ReportRecord, Slice } from '../../src/engine/store.js';
import { openDatabase, type Database } from '../../src/server/database.js';
import { MIGRATIONS, migrate } from '../../src/server/migrations.js';
import { SqlStore } from '../../src/server/sql-store.js';

/**
 * SqlStore against MemoryStore: the same calls on the same data give the same answers. Then what only
 * a SQL store has to prove: transactions that roll back and never interleave, LISTEN/NOTIFY fan-out,
 * migrations under a lock, and text that looks like SQL staying text.
 *
 * PGlite always; PostgreSQL too when MAJLIS_TEST_DATABASE_URL is set (each run in a schema of its own).
 */

const url = process.env.MAJLIS_TEST_DATABASE_URL;
const NO_POSTGRES = 'MAJLIS_TEST_DATABASE_URL is not set: no PostgreSQL server to test against';
const schemaName = (label: string) => `majlis_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

const T0 = Date.UTC(2026, 2, 4, 12);
const SEC = 1000;
const SQL_TEXT = "'); DROP TABLE comments; --";
/** Text that breaks naive quoting, array literals, JSON or LIKE: it must come back as it went in. */
const AWKWARD = [SQL_TEXT, 'O\'Brien "quoted" \\ back\\slash', '{a,b}', 'NULL', '$1 $2', '%_ like', 'ضيف — مرحبا 👋🏽', 'e\u0301 combining', 'tab\there'];

async function closeDb(db: Database | undefined): Promise<void> {
  if (!db) return;
  if (db.schema) await db.exec(`DROP SCHEMA IF EXISTS ${db.schema} CASCADE`);
  await db.close();
}

/** Every page of a listing through the store's own cursors; `next` as a yes/no, since each store has its own cursor format. */
async function pages<T>(fetch: (after: string | null) => Promise<Slice<T>>): Promise<{ items: T[]; total: number; more: boolean }[]> {
  const out: { items: T[]; total: number; more: boolean }[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 200; i++) {
    const slice: Slice<T> = await fetch(cursor);
    out.push({ items: slice.items, total: slice.total, more: slice.next !== null });
    if (!slice.next) return out;
    cursor = slice.next;
  }
  throw new Error('paging did not end');
}

// ───────── fixtures

const comment = (id: string, over: Partial<CommentRecord> = {}): CommentRecord => ({
  id,
  thread: 't',
  parentId: null,
  depth: 0,
  authorId: 'amal',
  body: `body of ${id}`,
  status: 'visible',
  createdAt: T0,
  editedAt: null,
  history: [],
  featured: false,
  shown: true,
  replyCount: 0,
  reactionCount: 0,
  replyToAuthorId: null,
  credited: true,
  ...over,
});

const member = (id: string, over: Partial<MemberRecord> = {}): MemberRecord => ({ ...newMemberRecord({ id, name: `Name of ${id}`, avatarUrl: null, roles: [], joinedAt: T0 }), ...over });

const report = (id: string, over: Partial<ReportRecord> = {}): ReportRecord => ({
  id,
  target: 'comment:c-a',
  reason: 'spam',
  note: '',
  reporterId: 'amal',
  weight: 1,
  status: 'open',
  createdAt: T0,
  decidedAt: null,
  ...over,
});

/** A thread with ties everywhere: same millisecond, same reaction count, ids whose order is not insertion order (and differs between collations). */
function threadFixture(): CommentRecord[] {
  const list: CommentRecord[] = [
    comment('c-b', { reactionCount: 2 }),
    comment('c-a', { reactionCount: 2 }),
    comment('c-B', { createdAt: T0 + SEC, reactionCount: 5, featured: true, everFeatured: true, replyCount: 2 }),
    comment('c-Z', { createdAt: T0 + SEC }),
    comment('c-é', { createdAt: T0 + 2 * SEC, reactionCount: 2, everFeatured: true }),
    comment('c-10', { createdAt: T0 + 3 * SEC, status: 'pending', shown: false, authorId: 'bilal', credited: false }),
    comment('c-9', { createdAt: T0 + 3 * SEC, status: 'hidden', shown: false }),
    comment('c-del', { createdAt: T0 + 4 * SEC, status: 'deleted', body: '', replyCount: 1 }),
    comment('c-rem', { createdAt: T0 + 5 * SEC, status: 'removed', shown: false, removalReason: 'spam' }),
    comment('c-new', { createdAt: T0 + 6 * SEC, featured: true, reactionCount: 1, editedAt: T0 + 7 * SEC, history: [{ body: 'old', replacedAt: new Date(T0).toISOString() }] }),
    comment('r-2', { parentId: 'c-B', depth: 1, createdAt: T0 + 7 * SEC, replyToAuthorId: 'amal', authorId: 'bilal' }),
    comment('r-1', { parentId: 'c-B', depth: 1, createdAt: T0 + 7 * SEC, replyToAuthorId: 'amal' }),
    comment('r-3', { parentId: 'c-del', depth: 1, createdAt: T0 + 8 * SEC }),
    comment('r-hidden', { parentId: 'c-B', depth: 1, createdAt: T0 + 9 * SEC, status: 'hidden', shown: false, authorId: 'bilal' }),
    comment('x-1', { thread: 'other' }),
    comment('sql-1', { thread: SQL_TEXT, body: SQL_TEXT }),
  ];
  // And a crowd for paging: times and reaction counts from small sets, so ties are many.
  for (let i = 0; i < 24; i++) {
    list.push(comment(`p-${String((i * 7) % 24).padStart(2, '0')}`, { createdAt: T0 + ((i * 5) % 7) * SEC, reactionCount: (i * 3) % 4, authorId: i % 3 ? 'amal' : 'bilal', featured: i % 9 === 0 }));
  }
  return list;
}

// ───────── the suites, once per database engine

const engines: { name: string; open: () => Promise<Database>; skip?: string }[] = [
  { name: 'PGlite', open: () => openDatabase({}) },
  { name: 'PostgreSQL', open: () => openDatabase({ url: url!, schema: schemaName('store') }), ...(!url && { skip: NO_POSTGRES }) },
];

for (const engine of engines) {
  describe(`SqlStore on ${engine.name}`, { ...(engine.skip && { skip: engine.skip }) }, () => {
    let db: Database;
    before(async () => {
      db = await engine.open();
    });
    after(() => closeDb(db));

    /** A SqlStore over the emptied database. */
    const fresh = async () => {
      const store = new SqlStore(db);
      await store.reset();
      return store;
    };
    /** Runs `script` on a new MemoryStore and on the emptied SqlStore, and expects the same answers. */
    const parity = async <T>(script: (store: Store) => Promise<T>): Promise<T> => {
      const expected = await script(new MemoryStore());
      const actual = await script(await fresh());
      assert.deepStrictEqual(actual, expected);
      return actual;
    };

    describe('answers as MemoryStore does', () => {
      it('comments: every sort, featured first or not, each viewer, top level and replies, in pages of several sizes', async () => {
        const answers = await parity(async (store) => {
          for (const c of threadFixture()) await store.putComment(c);
          const out: unknown[] = [];
          for (const sort of ['oldest', 'newest', 'top'] as const)
            for (const featuredFirst of [false, true])
              for (const viewerId of [null, 'amal', 'bilal'])
                for (const parentId of [null, 'c-B', 'c-del', 'missing'])
                  for (const limit of parentId === null ? [1, 7, 100] : [1, 100]) {
                    if (limit === 1 && viewerId === 'amal' && parentId === null && featuredFirst) continue; // enough single-item paging
                    out.push({ sort, featuredFirst, viewerId, parentId, limit, pages: await pages((after) => store.listComments({ thread: 't', parentId, sort, featuredFirst, viewerId, after, limit })) });
                  }
          out.push(await pages((after) => store.listComments({ thread: SQL_TEXT, parentId: null, sort: 'oldest', featuredFirst: false, viewerId: null, after, limit: 5 })));
          out.push(await store.listComments({ thread: 'nobody', parentId: null, sort: 'top', featuredFirst: true, viewerId: null, after: null, limit: 5 }));
          return out;
        });
        assert.ok(answers.length > 100);
      });

      it('a cursor stays a position: comments added and counts changed between pages', async () => {
        await parity(async (store) => {
          for (const c of threadFixture()) await store.putComment(c);
          const out: unknown[] = [];
          for (const sort of ['oldest', 'newest', 'top'] as const) {
            const query = { thread: 't', parentId: null, sort, featuredFirst: sort === 'top', viewerId: null, limit: 5 };
            const first = await store.listComments({ ...query, after: null });
            // New comments before and after the cursor, and the last item of the page moves.
            await store.putComment(comment(`late-${sort}-early`, { createdAt: T0 - SEC, reactionCount: 9 }));
            await store.putComment(comment(`late-${sort}-later`, { createdAt: T0 + 60 * SEC }));
            const moved = first.items[first.items.length - 1]!;
            await store.putComment({ ...moved, reactionCount: moved.reactionCount + 3, createdAt: moved.createdAt });
            out.push(first.items.map((c) => c.id), await pages((after) => store.listComments({ ...query, after: after ?? first.next })));
          }
          return out;
        });
      });

      it('comments: counts per thread, get, recent posts of a member (newest first, ties in insertion order)', async () => {
        await parity(async (store) => {
          for (const c of threadFixture()) await store.putComment(c);
          await store.putComment({ ...comment('c-a', { reactionCount: 2 }), body: 'edited, same row' });
          return [
            await store.countComments(['t', 'other', SQL_TEXT, 'none', 't']),
            await store.countComments([]),
            await store.getComment('c-rem'),
            await store.getComment('c-new'),
            await store.getComment('missing'),
            await store.recentCommentsBy('amal', 't', T0 + SEC),
            await store.recentCommentsBy('bilal', 't', 0),
            await store.recentCommentsBy('amal', 'other', T0 + 1),
          ];
        });
      });

      it('reactions: in the order given, reactors newest first in pages, a removed one gone', async () => {
        await parity(async (store) => {
          const out: unknown[] = [];
          const members = ['m5', 'm1', 'Z9', 'm3', 'é2', 'm2', 'm4'];
          for (const [i, memberId] of members.entries()) await store.putReaction({ commentId: 'c-a', emoji: '👍', memberId, at: T0 + (i % 3) * SEC });
          await store.putReaction({ commentId: 'c-b', emoji: '❤️', memberId: 'm1', at: T0 });
          await store.putReaction({ commentId: 'c-a', emoji: '❤️', memberId: 'm1', at: T0 + 5 * SEC });
          out.push(await store.deleteReaction('c-a', '👍', 'm1'), await store.deleteReaction('c-a', '👍', 'm1'));
          await store.putReaction({ commentId: 'c-a', emoji: '👍', memberId: 'm1', at: T0 + 9 * SEC });
          await store.putReaction({ commentId: 'c-a', emoji: '👍', memberId: 'm3', at: T0 + 9 * SEC }); // again: a replace, not a second row
          out.push(await store.getReactions(['c-a', 'c-b', 'missing', 'c-a']), await store.getReactions([]));
          for (const limit of [1, 2, 3, 50]) out.push(await pages((after) => store.listReactors('c-a', '👍', after, limit)));
          out.push(await store.listReactors('c-a', '🙈', null, 5));
          return out;
        });
      });

      it('polls and votes: optional fields kept as they were, tallies per option, a changed vote replaces the first', async () => {
        await parity(async (store) => {
          const poll: PollRecord = {
            id: 'p1',
            question: SQL_TEXT,
            kind: 'multiple',
            minChoices: 1,
            maxChoices: 2,
            options: [
              { id: 'o1', label: 'One' },
              { id: 'o2', label: '{a,b}' },
              { id: 'o3', label: 'ثلاثة' },
            ],
            results: 'after-vote',
            allowChange: true,
            allowAnonymous: false,
            closesAt: T0 + 60 * SEC,
            closedAt: null,
            createdAt: T0,
            createdBy: 'mod',
          };
          await store.putPoll(poll);
          await store.putPoll({ ...poll, id: 'p2', removed: true, closedAt: T0 + SEC });
          const { allowAnonymous: _gone, ...p3 } = { ...poll, id: 'p3' };
          await store.putPoll(p3);
          await store.putVote({ pollId: 'p1', memberId: 'a', optionIds: ['o1', 'o2'], at: T0 });
          await store.putVote({ pollId: 'p1', memberId: 'b', optionIds: ['o2'], at: T0 });
          await store.putVote({ pollId: 'p1', memberId: 'anon:x', optionIds: ['o3'], at: T0 });
          await store.putVote({ pollId: 'p1', memberId: 'a', optionIds: ['o3'], at: T0 + SEC });
          await store.putVote({ pollId: 'p2', memberId: 'a', optionIds: ['o1'], at: T0 });
          return [
            await store.getPoll('p1'),
            await store.getPoll('p2'),
            await store.getPoll('p3'),
            await store.getPoll('nope'),
            await store.getVote('p1', 'a'),
            await store.getVote('p1', 'zed'),
            await store.tallyVotes('p1'),
            await store.tallyVotes('p2'),
            await store.tallyVotes('none'),
          ];
        });
      });

      it('points and leaderboards: sums over a time range, positive totals only, ties by member id', async () => {
        await parity(async (store) => {
          const add = (memberId: string, amount: number, reason: string, at: number) => store.addPoints({ memberId, amount, reason, at });
          await add('amal', 2, 'comment', T0);
          await add('amal', 2, 'comment', T0 + SEC);
          await add('bilal', 4, 'comment', T0 + 2 * SEC);
          await add('Zed', 4, 'vote', T0 + 3 * SEC);
          await add('émile', 4, 'vote', T0 + 3 * SEC);
          await add('chen', 3, 'reaction', T0 - 10 * SEC);
          await add('chen', -3, 'reaction', T0 + 4 * SEC);
          await add('dina', 1, 'reaction', T0 + 4 * SEC);
          await add('dina', -10, 'removed', T0 + 5 * SEC);
          await add('eve', 0.5, 'report', T0 + 6 * SEC);
          await add('eve', 1.5, 'report', T0 + 6 * SEC);
          return [
            await store.leaderboard(null, null),
            await store.leaderboard(T0, null),
            await store.leaderboard(T0, T0 + 3 * SEC),
            await store.leaderboard(T0 + 3 * SEC, T0 + 4 * SEC),
            await store.leaderboard(null, T0),
            await store.leaderboard(T0 + 100 * SEC, null),
            await store.pointsSince('amal', 'comment', T0),
            await store.pointsSince('amal', 'comment', T0 + 1),
            await store.pointsSince('amal', 'vote', 0),
            await store.pointsSince('chen', 'reaction', 0),
            await store.pointsSince('eve', 'report', T0),
          ];
        });
      });

      it('members and awards: optional fields, getMembers in the order asked with repeats, awards in the order earned', async () => {
        await parity(async (store) => {
          await store.putMember(member('b'));
          await store.putMember(member('a', { points: 12.5, roles: ['moderator'], banReason: SQL_TEXT, bannedUntil: T0 + 9 * SEC, topBadge: { id: 'first-comment', tier: 'bronze' }, avatarUrl: 'https://example.com/a.png' }));
          await store.putMember(member('a', { points: 13, name: 'Renamed', lastCommentAt: T0, counters: { comments: 3, reactionsReceived: 1, pollVotes: 0, reportsUpheld: 0, featured: 1 } }));
          await store.putAward({ memberId: 'a', badgeId: 'commenter', tier: 'silver', at: T0 + SEC });
          await store.putAward({ memberId: 'a', badgeId: 'commenter', tier: 'bronze', at: T0 });
          await store.putAward({ memberId: 'a', badgeId: 'first-comment', tier: 'bronze', at: T0 });
          await store.putAward({ memberId: 'b', badgeId: 'voter', tier: 'bronze', at: T0 });
          await store.putAward({ memberId: 'a', badgeId: 'commenter', tier: 'silver', at: T0 + 2 * SEC });
          return [await store.getMember('a'), await store.getMember('zz'), await store.getMembers(['b', 'zz', 'a', 'b']), await store.getMembers([]), await store.getAwards('a'), await store.getAwards('nobody')];
        });
      });

      it('reports: the first one found, on a target oldest first, by a reporter newest first in pages, counted since a time', async () => {
        await parity(async (store) => {
          await store.putReport(report('r3', { createdAt: T0 + SEC }));
          await store.putReport(report('r1', { reporterId: 'bilal', note: SQL_TEXT, weight: 0.5 }));
          await store.putReport(report('r2', { target: 'member:x', createdAt: T0 + SEC }));
          await store.putReport(report('r0', { target: 'poll:p1', createdAt: T0 + SEC }));
          await store.putReport(report('r9', { target: 'comment:c-b', createdAt: T0 + 2 * SEC }));
          await store.putReport(report('r1', { reporterId: 'bilal', note: SQL_TEXT, weight: 0.5, status: 'upheld', decidedAt: T0 + 5 * SEC, decisionReason: 'rude' }));
          const out: unknown[] = [await store.getReport('r1'), await store.getReport('r3'), await store.getReport('nope')];
          out.push(await store.findReport('amal', 'comment:c-a'), await store.findReport('bilal', 'comment:c-a'), await store.findReport('amal', 'member:nobody'));
          out.push(await store.reportsOn('comment:c-a'), await store.reportsOn('poll:p1'), await store.reportsOn('member:nobody'));
          for (const limit of [1, 2, 10]) out.push(await pages((after) => store.reportsBy('amal', null, after, limit)));
          out.push(await pages((after) => store.reportsBy('amal', 'comment:c-a', after, 1)));
          out.push(await store.countReportsBy('amal', T0 + SEC), await store.countReportsBy('amal', 0), await store.countReportsBy('zed', 0));
          return out;
        });
      });

      it('moderation: each queue oldest first, decided ones latest first, in pages', async () => {
        await parity(async (store) => {
          const put = (target: string, over: Partial<ModerationRecord>) =>
            store.putModeration({ target: target as ModerationRecord['target'], state: 'reported', heldBecause: null, createdAt: T0, decidedAt: null, ...over });
          await put('comment:b', {});
          await put('comment:a', {});
          await put('member:Z', { createdAt: T0 - SEC });
          await put('comment:held', { state: 'pending', heldBecause: 'new-member' });
          await put('comment:hidden', { state: 'pending', heldBecause: 'reports', createdAt: T0 - SEC });
          await put('poll:p', { state: 'decided', decidedAt: T0 + SEC });
          await put('comment:d1', { state: 'decided', decidedAt: T0 + 2 * SEC });
          await put('comment:d0', { state: 'decided', decidedAt: T0 + 2 * SEC });
          await put('comment:old', { state: 'decided', decidedAt: null });
          await put('comment:a', { state: 'pending', heldBecause: 'reports' });
          const out: unknown[] = [await store.getModeration('comment:a'), await store.getModeration('comment:none')];
          for (const state of ['reported', 'pending', 'decided'] as const) for (const limit of [1, 2, 10]) out.push(await pages((after) => store.listModeration(state, after, limit)));
          return out;
        });
      });

      it('audit: newest first, and within one millisecond the later entry first', async () => {
        await parity(async (store) => {
          const entry = (id: string, at: number, over: Partial<AuditRecord> = {}): AuditRecord => ({ id, action: 'remove', actorId: 'mod', target: 'comment:c', reason: '', at, ...over });
          await store.addAudit(entry('a-3', T0));
          await store.addAudit(entry('a-1', T0 + SEC, { reason: SQL_TEXT }));
          await store.addAudit(entry('a-2', T0));
          await store.addAudit(entry('a-0', T0 + SEC, { action: 'auto-hide', actorId: 'system' }));
          await store.addAudit(entry('a-9', T0 - SEC));
          await store.addAudit(entry('a-5', T0));
          const out: unknown[] = [];
          for (const limit of [1, 2, 4, 10]) out.push(await pages((after) => store.listAudit(after, limit)));
          return out;
        });
      });

      it('idempotency: any JSON result kept as it was, replaced by a later put, pruned by age', async () => {
        await parity(async (store) => {
          const results: unknown[] = [{ id: 'c1', body: SQL_TEXT, nested: { list: [1, 'two', null, { x: true }] } }, null, 'text', 42, [1, 2], true, 0.25];
          for (const [i, result] of results.entries()) await store.putIdempotency(`m\u001fkey-${i}`, { fingerprint: `f${i}`, result, at: T0 + i * SEC });
          await store.putIdempotency('m\u001fkey-1', { fingerprint: 'again', result: { replaced: true }, at: T0 + 10 * SEC });
          const read = async () => Promise.all([...results.keys(), 99].map((i) => store.getIdempotency(`m\u001fkey-${i}`)));
          const before = await read();
          await store.pruneIdempotency!(T0 + 3 * SEC);
          return [before, await read()];
        });
      });

      it('idempotency: a replayed result is the same JSON text, key order included', async () => {
        const store = await fresh();
        const result = { zeta: 1, alpha: { yak: [3, { b: 1, a: 2 }], ant: null }, id: 'c1', aVeryLongKeyName: true };
        await store.putIdempotency('m\u001fkey', { fingerprint: 'f', result, at: T0 });
        assert.equal(JSON.stringify((await store.getIdempotency('m\u001fkey'))?.result), JSON.stringify(result));
      });

      it('events: appended with increasing sequence numbers, read back per topic after a sequence number', async () => {
        await parity(async (store) => {
          const first = await store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' });
          const base = first.seq - 1;
          await store.appendEvent({ type: 'comment.deleted', topic: 'thread:t', commentId: 'c1', thread: 't' });
          await store.appendEvent({ type: 'count.updated', topic: `thread:${SQL_TEXT}`, thread: SQL_TEXT, count: 3 });
          const third = await store.appendEvent({ type: 'comment.deleted', topic: 'thread:t', commentId: 'c2', thread: 't' });
          const relative = (events: SequencedEvent[]) => events.map((e) => ({ ...e, seq: e.seq - base }));
          return [
            relative([third]),
            relative(await store.eventsSince('thread:t', base)),
            relative(await store.eventsSince('thread:t', base + 2)),
            relative(await store.eventsSince(`thread:${SQL_TEXT}`, base)),
            relative(await store.eventsSince('leaderboard', base + 1)),
            await store.eventsSince('nothing', 0),
          ];
        });
      });

      it('insights: the same aggregates over ranges, cohorts, ties, guests, thread scope and missing records', async () => {
        const DAY = 86_400_000;
        const D0 = Date.UTC(2026, 2, 4);
        const current = { from: D0, to: D0 + 2.5 * DAY };
        const previous = { from: D0 - 3 * DAY, to: D0 - 0.5 * DAY };
        await parity(async (store) => {
          for (const [id, joinedAt] of [['amal', D0 + 3600 * SEC], ['bilal', D0 - 2 * DAY], ['anon:xyz', D0 + 7200 * SEC], ['Zed', D0 - 10 * DAY], ['é', current.to - 1], ['late', current.to]] as const)
            await store.putMember(member(id, { joinedAt }));
          const put = (id: string, at: number, over: Partial<CommentRecord> = {}) => store.putComment(comment(id, { createdAt: at, ...over }));
          // Range edges: the first and last millisecond in, the first one after out; the cohort's start (a week before) in, one before it out.
          await put('k-from', current.from, { authorId: 'amal' });
          await put('k-last', current.to - 1, { authorId: 'é', parentId: 'k-from', status: 'hidden' });
          await put('k-to', current.to, { authorId: 'late' });
          await put('k-prev', previous.to - 1, { authorId: 'bilal', status: 'removed' });
          await put('k-base', current.from - 7 * DAY, { authorId: 'Zed' });
          await put('k-before', previous.from - 7 * DAY - 1, { authorId: 'Zed' });
          await put('k-pend', D0 + DAY, { authorId: 'bilal', status: 'pending', parentId: 'k-from' });
          await put('k-del', D0 + DAY, { authorId: 'Zed', status: 'deleted', thread: 'T' });
          await put('k-sql', D0 + 2 * DAY, { authorId: 'bilal', thread: SQL_TEXT, body: SQL_TEXT });
          await put('k-é', D0 + 2 * DAY, { authorId: 'amal', thread: 'é' });
          for (const [commentId, memberId, at] of [['k-from', 'bilal', D0 + DAY], ['k-from', 'Zed', D0 - DAY], ['k-sql', 'amal', D0 + 2 * DAY], ['gone', 'amal', D0 + DAY], ['k-é', 'bilal', D0 + DAY + 1]] as const)
            await store.putReaction({ commentId, emoji: '👍', memberId, at });
          await store.putPoll({ id: 'p1', question: SQL_TEXT, kind: 'single', minChoices: 1, maxChoices: 1, options: [{ id: 'o1', label: 'One' }], results: 'always', allowChange: true, closesAt: null, closedAt: null, createdAt: D0 - 9 * DAY, createdBy: 'mod' });
          for (const [pollId, memberId, at] of [['p1', 'amal', D0 + 5], ['p1', 'anon:xyz', D0 + 6], ['p1', 'anon:abc', D0 - DAY], ['ghost', 'Zed', D0 + DAY], ['ghost', 'bilal', previous.from]] as const)
            await store.putVote({ pollId, memberId, optionIds: ['o1'], at });
          await store.putReport(report('q1', { target: 'comment:k-from', reporterId: 'bilal', createdAt: D0 + 10 * SEC, status: 'upheld' }));
          await store.putReport(report('q2', { target: 'comment:k-last', reporterId: 'Zed', createdAt: D0 + 20 * SEC, reason: 'hate', status: 'dismissed' }));
          await store.putReport(report('q3', { target: 'member:amal', reporterId: 'é', createdAt: D0 + 30 * SEC, reason: 'other', note: SQL_TEXT }));
          await store.putReport(report('q4', { target: 'poll:p1', reporterId: 'bilal', createdAt: D0 - 2 * DAY, reason: 'scam' }));
          await store.putReport(report('q5', { target: 'comment:k-sql', reporterId: 'amal', createdAt: D0 + 40 * SEC, reason: 'hate' }));
          const decided = (target: string, createdAt: number, decidedAt: number | null, state: ModerationRecord['state'] = 'decided') =>
            store.putModeration({ target: target as ModerationRecord['target'], state, heldBecause: null, createdAt, decidedAt });
          await decided('comment:k-from', D0, D0 + 5 * SEC);
          await decided('comment:k-last', D0, D0 + 11 * SEC);
          await decided('member:amal', D0 - DAY, D0 + 3 * SEC);
          await decided('poll:p1', previous.from, previous.from + 7 * SEC);
          await decided('comment:k-prev', previous.from, previous.from + 8 * SEC);
          await decided('comment:k-sql', D0, null);
          await decided('comment:k-pend', D0, null, 'pending');
          const out: unknown[] = [];
          for (const thread of [null, 't', SQL_TEXT, 'é', 'nobody']) for (const top of [1, 2, 10]) out.push(await store.insights({ thread, current, previous, top }));
          out.push(await store.insights({ thread: null, current: { from: D0 + 100 * DAY, to: D0 + 101 * DAY }, previous: { from: D0 + 99 * DAY, to: D0 + 100 * DAY }, top: 10 }));
          return out;
        });
      });

      it('insights through the engine: the hand-worked community gives the same report on both stores', async () => {
        const { insightsCommunity } = await import('./support/insights.js');
        const reports = async (store: Store) => {
          const { engine, pollId } = await insightsCommunity(store);
          const out: unknown[] = [];
          for (const days of [7, 30, 90] as const) for (const thread of [null, 'talk', 'news', 'nobody']) out.push(await engine.insights({ id: 'm', name: 'Mod', roles: ['moderator'] }, { days, thread }));
          // Poll ids are each store's own.
          return JSON.parse(JSON.stringify(out).replaceAll(pollId, 'the-poll')) as unknown;
        };
        assert.deepStrictEqual(await reports(await fresh()), await reports(new MemoryStore()));
      });

      it('through the engine: a community’s morning gives the same answers on both stores', async () => {
        const morning = async (store: Store) => {
          const clock = new ManualClock('2026-03-04T09:00:00Z');
          const engine = new Engine({ clock, store });
          const heard: SequencedEvent[] = [];
          engine.subscribeAll((event) => heard.push(event));
          const amal: ViewerClaims = { id: 'amal', name: 'Amal' };
          const bilal: ViewerClaims = { id: 'bilal', name: 'Bilal' };
          const chen: ViewerClaims = { id: 'chen', name: SQL_TEXT };
          const mod: ViewerClaims = { id: 'mod', name: 'Mod', roles: ['moderator'] };
          let n = 0;
          const key = () => `morning-key-${++n}`;
          const out: unknown[] = [];
          const first = await engine.postComment(amal, { thread: 'talk', body: 'Good morning' }, key());
          const second = await engine.postComment(bilal, { thread: 'talk', body: SQL_TEXT }, key());
          clock.advance(4 * SEC);
          const reply = await engine.postComment(bilal, { thread: 'talk', body: 'and to you', parentId: first.id }, key());
          await engine.postComment(chen, { thread: 'talk', body: 'hello from Chen' }, key());
          clock.advance(4 * SEC);
          out.push(await engine.react(bilal, first.id, '👍', true, key()), await engine.react(chen, first.id, '👍', true, key()), await engine.react(chen, second.id, '❤️', true, key()));
          const editKey = key();
          out.push(await engine.editComment(amal, first.id, 'Good morning, all', editKey), await engine.editComment(amal, first.id, 'Good morning, all', editKey));
          out.push(await engine.featureComment(mod, second.id, true, key()));
          out.push(await engine.submitReport(amal, { target: `comment:${second.id}`, reason: 'spam' }, key()));
          out.push(await engine.submitReport(chen, { target: `member:bilal`, reason: 'other', note: SQL_TEXT }, key()));
          const poll = await engine.createPoll(mod, { question: 'Tea or coffee?', options: ['Tea', 'Coffee', 'Both'], kind: 'multiple', maxChoices: 2 }, key());
          out.push(poll, await engine.vote(amal, poll.id, ['o1', 'o3'], key()), await engine.vote(bilal, poll.id, ['o2'], key()), await engine.vote(amal, poll.id, ['o2'], key()));
          clock.advance(20 * 60 * SEC);
          await engine.deleteComment(bilal, reply.id, key()).catch((error: Error) => out.push(error.message));
          out.push(await engine.decide(mod, { target: `comment:${second.id}`, action: 'remove', reason: 'spam' }, key()));
          out.push(await engine.decide(mod, { target: 'member:bilal', action: 'approve' }, key()));
          for (const sort of ['oldest', 'newest', 'top'] as const) out.push(await engine.listComments(bilal, { thread: 'talk', sort, featuredFirst: true, limit: 2 }));
          out.push(await engine.listComments(null, { thread: 'talk', parentId: first.id }));
          out.push(await engine.reactors(null, first.id, '👍', { limit: 1 }));
          out.push(await engine.leaderboard(amal, { period: 'week' }), await engine.leaderboard(null, { period: 'all' }));
          out.push(await engine.getMembers(null, ['amal', 'bilal', 'chen', 'mod']), await engine.badges(null, 'amal'));
          out.push(await engine.myReports(amal), await engine.queue(mod, { state: 'reported' }), await engine.audit(mod, { limit: 10 }));
          out.push(await engine.countComments(null, ['talk', 'elsewhere']));
          out.push(heard.map((e) => ({ ...e, seq: e.seq - heard[0]!.seq })));
          // Cursors are each store's own: say only whether there is one. Ids: numbered by first appearance.
          const ids = new Map<string, string>();
          return JSON.parse(JSON.stringify(out, (k, v) => (k === 'nextCursor' ? v !== null : v)).replace(/\b([a-z])_[0-9a-z]{7}(?:[0-9a-z]{13})?\b/g, (id: string, prefix: string) => {
            if (!ids.has(id)) ids.set(id, `${prefix}#${ids.size + 1}`);
            return ids.get(id)!;
          })) as unknown;
        };
        const expected = await morning(new MemoryStore());
        const actual = await morning(await fresh());
        assert.deepStrictEqual(actual, expected);
      });
    });

    describe('transactions', () => {
      it('a throw rolls back every write, the event log and its sequence numbers included', async () => {
        const store = await fresh();
        const kept = await store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' });
        await assert.rejects(
          store.transaction(async () => {
            await store.putComment(comment('gone'));
            await store.putMember(member('gone'));
            await store.addPoints({ memberId: 'gone', amount: 5, reason: 'comment', at: T0 });
            await store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' });
            assert.ok(await store.getComment('gone'), 'visible inside its own transaction');
            throw new Error('abort');
          }),
          /abort/,
        );
        assert.equal(await store.getComment('gone'), null);
        assert.equal(await store.getMember('gone'), null);
        assert.deepEqual(await store.leaderboard(null, null), []);
        assert.deepEqual(await store.eventsSince('leaderboard', 0), [kept]);
        const next = await store.transaction(() => store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' }));
        assert.equal(next.seq, kept.seq + 1, 'the rolled-back sequence number is free again');
      });

      it('a transaction inside a transaction is a savepoint: its throw undoes only its own writes', async () => {
        const store = await fresh();
        await store.transaction(async () => {
          await store.putComment(comment('outer'));
          await store.transaction(async () => store.putComment(comment('inner-kept')));
          await assert.rejects(
            store.transaction(async () => {
              await store.putComment(comment('inner-gone'));
              throw new Error('inner abort');
            }),
          );
        });
        assert.ok(await store.getComment('outer'));
        assert.ok(await store.getComment('inner-kept'));
        assert.equal(await store.getComment('inner-gone'), null);
      });

      it('concurrent transactions never interleave, within a store and between two stores on one database', async () => {
        const one = await fresh();
        const two = new SqlStore(db);
        const steps: string[] = [];
        const bump = (store: SqlStore, name: string) =>
          store.transaction(async () => {
            const m = (await store.getMember('counter')) ?? member('counter');
            steps.push(`${name} read ${m.points}`);
            await new Promise((resolve) => setTimeout(resolve, 5));
            await store.putMember({ ...m, points: m.points + 1 });
            steps.push(`${name} wrote ${m.points + 1}`);
          });
        await Promise.all(Array.from({ length: 12 }, (_, i) => bump(i % 2 ? one : two, `t${i}`)));
        assert.equal((await one.getMember('counter'))?.points, 12, 'no lost update');
        for (let i = 0; i < steps.length; i += 2) {
          const name = steps[i]!.split(' ')[0];
          assert.equal(steps[i + 1]!.split(' ')[0], name, `each read is followed by its own write: ${steps.join(', ')}`);
        }
      });

      it('a lone write outside any transaction is still serialized and committed', async () => {
        const store = await fresh();
        await Promise.all(Array.from({ length: 10 }, (_, i) => store.putComment(comment(`lone-${i}`))));
        assert.equal((await store.countComments(['t'])).t, 10);
      });
    });

    describe('live events through LISTEN/NOTIFY', () => {
      it('watchEvents delivers each committed event once, in order, its own writes included; rolled-back ones never', async () => {
        const store = await fresh();
        await store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' }); // before watching: not delivered
        const heard: SequencedEvent[] = [];
        const stop = await store.watchEvents((event) => heard.push(event));
        const written: SequencedEvent[] = [];
        written.push(await store.appendEvent({ type: 'comment.deleted', topic: 'thread:t', commentId: 'c1', thread: 't' }));
        await assert.rejects(
          store.transaction(async () => {
            await store.appendEvent({ type: 'comment.deleted', topic: 'thread:t', commentId: 'never', thread: 't' });
            throw new Error('abort');
          }),
        );
        written.push(
          ...(await store.transaction(async () => [
            await store.appendEvent({ type: 'count.updated', topic: 'thread:t', thread: 't', count: 1 }),
            await store.appendEvent({ type: 'member.updated', topic: 'member:a', memberId: 'a' }),
          ])),
        );
        await Promise.all(Array.from({ length: 8 }, (_, i) => store.appendEvent({ type: 'count.updated', topic: 'thread:t', thread: 't', count: i + 2 }).then((e) => written.push(e))));
        await waitFor(() => heard.length >= written.length);
        await new Promise((resolve) => setTimeout(resolve, 50)); // nothing more arrives late
        written.sort((a, b) => a.seq - b.seq);
        assert.deepStrictEqual(heard, written);
        await stop();
        await store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' });
        await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(heard.length, written.length, 'nothing after stop');
      });

      it('a listener that throws is logged, and the next events still come', async (t) => {
        const store = await fresh();
        const logged = t.mock.method(console, 'error', () => {});
        const heard: number[] = [];
        const stop = await store.watchEvents((event) => {
          heard.push(event.seq);
          if (heard.length === 1) throw new Error('a buggy listener');
        });
        const a = await store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' });
        const b = await store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' });
        await waitFor(() => heard.length >= 2);
        await stop();
        assert.deepEqual(heard, [a.seq, b.seq]);
        assert.ok(logged.mock.callCount() >= 1);
      });

      it('the event log keeps the latest events only', async () => {
        const store = new SqlStore(db, { eventLogSize: 3 });
        await store.reset();
        const all: SequencedEvent[] = [];
        for (let i = 0; i < 5; i++) all.push(await store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' }));
        assert.deepEqual(await store.eventsSince('leaderboard', 0), all.slice(2));
      });
    });

    describe('ids and text', () => {
      it('newId: the prefix, unique, in creation order, across two stores', () => {
        const one = new SqlStore(db);
        const two = new SqlStore(db);
        const ids = Array.from({ length: 2000 }, (_, i) => (i % 2 ? one : two).newId('c'));
        assert.equal(new Set(ids).size, ids.length);
        assert.ok(ids.every((id) => /^c_[0-9a-z]{20}$/.test(id)), ids[0]);
        const mine = ids.filter((_, i) => i % 2);
        assert.deepEqual([...mine].sort(), mine, 'one store’s ids sort in creation order');
      });

      it('text that looks like SQL, and every awkward character, is stored and returned unchanged', async () => {
        const store = await fresh();
        for (const [i, text] of AWKWARD.entries()) {
          await store.putMember(member(text, { name: text, avatarUrl: text, banReason: text }));
          await store.putComment(comment(`awk-${i}`, { thread: text, body: text, authorId: text, history: [{ body: text, replacedAt: text }] }));
          await store.putReaction({ commentId: `awk-${i}`, emoji: text, memberId: text, at: T0 });
          await store.putIdempotency(text, { fingerprint: text, result: { text }, at: T0 });
        }
        for (const [i, text] of AWKWARD.entries()) {
          assert.deepEqual(await store.getMember(text), member(text, { name: text, avatarUrl: text, banReason: text }));
          const [c] = (await store.listComments({ thread: text, parentId: null, sort: 'oldest', featuredFirst: false, viewerId: text, after: null, limit: 5 })).items;
          assert.deepEqual(c, comment(`awk-${i}`, { thread: text, body: text, authorId: text, history: [{ body: text, replacedAt: text }] }));
          assert.deepEqual((await store.listReactors(`awk-${i}`, text, null, 5)).items, [text]);
          assert.deepEqual((await store.getIdempotency(text))?.result, { text });
        }
        assert.deepEqual(
          (await store.getMembers(AWKWARD)).map((m) => m.id),
          AWKWARD,
          'array parameters too',
        );
        assert.deepEqual(await store.countComments(AWKWARD), Object.fromEntries(AWKWARD.map((t) => [t, 1])));
        assert.equal((await store.getReactions(AWKWARD.map((_, i) => `awk-${i}`))).length, AWKWARD.length);
        const [tables] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'comments' AND table_schema = current_schema()`);
        assert.equal(tables?.n, 1, 'the comments table is still there');
      });

      it('a NUL byte, which PostgreSQL cannot store, is refused as invalid input, not a server error', async () => {
        const store = await fresh();
        await assert.rejects(store.putMember(member('nul', { avatarUrl: 'a\u0000b' })), (error: { code?: string }) => error.code === 'invalid');
        await assert.rejects(store.putComment(comment('nul', { history: [{ body: 'a\u0000b', replacedAt: '' }] })), (error: { code?: string }) => error.code === 'invalid');
      });

      it('a forged or foreign cursor is refused as invalid', async () => {
        const store = await fresh();
        const memory = new MemoryStore();
        for (const c of threadFixture()) await memory.putComment(c);
        const foreign = (await memory.listComments({ thread: 't', parentId: null, sort: 'oldest', featuredFirst: false, viewerId: null, after: null, limit: 2 })).next!;
        for (const cursor of ['not a cursor!', 'e30', foreign, Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('["x",1]').toString('base64url'), Buffer.from('[1e400,"a"]').toString('base64url')])
          await assert.rejects(store.listComments({ thread: 't', parentId: null, sort: 'newest', featuredFirst: false, viewerId: null, after: cursor, limit: 2 }), (error: { code?: string }) => error.code === 'invalid', cursor);
      });
    });

    describe('migrations', () => {
      it('run once when two migrations of one schema race', async () => {
        const schema = schemaName('race');
        const target = { schema, transaction: db.transaction.bind(db) };
        try {
          const results = await Promise.all([migrate(target), migrate(target), migrate(target)]);
          assert.deepEqual(results.flat().sort(), MIGRATIONS.map((m) => m.version), 'each version applied by exactly one of them');
          const rows = await db.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
          assert.deepEqual(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
          assert.deepEqual(await migrate(target), [], 'nothing left to apply');
        } finally {
          await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        }
      });
    });
  });
}

describe('SqlStore on PGlite in a data folder', () => {
  it('keeps the community across a restart, and does not migrate twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'majlis-pglite-'));
    try {
      const dataDir = join(dir, 'nested', 'data'); // created if missing
      const first = await SqlStore.open({ dataDir });
      await first.putComment(comment('kept', { body: SQL_TEXT }));
      const event = await first.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' });
      await first.close();
      const again = await SqlStore.open({ dataDir });
      try {
        assert.deepEqual(await again.getComment('kept'), comment('kept', { body: SQL_TEXT }));
        assert.deepEqual(await again.eventsSince('leaderboard', 0), [event]);
        assert.equal((await again.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' })).seq, event.seq + 1, 'sequence numbers go on');
        const rows = await again.db.query<{ version: number }>('SELECT version FROM schema_migrations');
        assert.deepEqual(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
      } finally {
        await again.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a folder that cannot be used is a clear error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'majlis-pglite-'));
    try {
      await writeFile(join(dir, 'a-file'), 'not a folder');
      await assert.rejects(openDatabase({ dataDir: join(dir, 'a-file', 'data') }), /Could not open the PGlite data folder .*a-file.*choose another data folder/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('SqlStore: two server instances on one PostgreSQL', { skip: url ? false : NO_POSTGRES }, () => {
  const schema = schemaName('instances');
  const opened: Database[] = [];
  const open = async () => {
    const db = await openDatabase({ url: url!, schema });
    opened.push(db);
    return db;
  };
  after(async () => {
    const [first, ...rest] = opened;
    for (const db of rest) await db.close();
    await closeDb(first);
  });

  it('migrations run once when two servers open the database at the same moment', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const rows = await a!.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    assert.deepEqual(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
    assert.ok(b);
  });

  it('each instance hears the events the other writes, once and in order, through NOTIFY', async () => {
    const [dbA, dbB] = opened.length >= 2 ? opened : [await open(), await open()];
    const a = new SqlStore(dbA!);
    const b = new SqlStore(dbB!);
    await a.reset();
    const heardA: SequencedEvent[] = [];
    const heardB: SequencedEvent[] = [];
    const stopA = await a.watchEvents((event) => heardA.push(event));
    const stopB = await b.watchEvents((event) => heardB.push(event));
    const written: SequencedEvent[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).transaction(async () => (i % 2 ? a : b).appendEvent({ type: 'count.updated', topic: 'thread:t', thread: 't', count: i })).then((e) => written.push(e))),
    );
    await waitFor(() => heardA.length >= 10 && heardB.length >= 10);
    written.sort((x, y) => x.seq - y.seq);
    assert.deepStrictEqual(heardA, written);
    assert.deepStrictEqual(heardB, written);
    assert.deepEqual(written.map((e) => e.seq - written[0]!.seq), [...Array(10).keys()], 'sequence numbers without gaps');
    await stopA();
    await stopB();
  });

  it('a LISTEN connection that drops is reconnected, and the events written meanwhile still come, once', async () => {
    const errors: Error[] = [];
    const db = await openDatabase({ url: url!, schema: schemaName('reconnect'), onError: (error) => errors.push(error) });
    try {
      const store = new SqlStore(db);
      const heard: number[] = [];
      const stop = await store.watchEvents((event) => heard.push(event.seq));
      const before = await store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' });
      await waitFor(() => heard.length === 1);
      const killed = await db.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query = $1`,
        [`LISTEN "${store.channel}"`],
      );
      assert.equal(killed[0]?.n, 1, 'the LISTEN connection was found and ended');
      await waitFor(() => errors.some((e) => /LISTEN connection .* was lost/.test(e.message)));
      const during = await store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' });
      await waitFor(() => heard.length >= 2);
      const after = await store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' });
      await waitFor(() => heard.length >= 3);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(heard, [before.seq, during.seq, after.seq]);
      await stop();
    } finally {
      await closeDb(db);
    }
  });

  it('a wrong password or an unknown server is a clear error that never shows the password', async () => {
    const bad = new URL(url!);
    bad.password = 'not-the-password-s3cret';
    await assert.rejects(openDatabase({ url: bad.toString() }), (error: Error) => /Could not connect to PostgreSQL at .*127\.0\.0\.1|localhost/.test(error.message) && /DATABASE_URL/.test(error.message) && !error.message.includes('s3cret'));
    await assert.rejects(openDatabase({ url: 'postgres://someone:s3cret@127.0.0.1:1/none' }), (error: Error) => /Could not connect to PostgreSQL at someone@127\.0\.0\.1:1\/none/.test(error.message) && !error.message.includes('s3cret'));
  });
});

async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
