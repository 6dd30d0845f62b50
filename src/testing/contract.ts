import type { CommunityAdapter, SequencedEvent } from '../core/adapter.js';
import { isAdapterError } from '../core/errors.js';
import type { Comment, ViewerClaims } from '../core/types.js';
import { ContractFailure, deepEqual, equal, ok, rejects } from './assert.js';

/** A fresh community for one test. */
export interface ContractCommunity {
  /** An adapter acting as this viewer (null: a guest). */
  connect(viewer: ViewerClaims | null): CommunityAdapter | Promise<CommunityAdapter>;
  /** Move the community's clock forward (edit windows, rate limits, closing dates). */
  advance(ms: number): void | Promise<void>;
  teardown?(): void | Promise<void>;
}

export interface ContractHarness {
  name: string;
  setup(): Promise<ContractCommunity>;
}

/** The test functions of whichever runner you use: mocha's globals, or `node:test`'s. */
export interface TestRunnerApi {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}

const MOD: ViewerClaims = { id: 'contract-mod', name: 'Moderator Mona', roles: ['moderator'] };
const ADMIN: ViewerClaims = { id: 'contract-admin', name: 'Admin Ali', roles: ['admin'] };
const A: ViewerClaims = { id: 'contract-a', name: 'Member Amal' };
const B: ViewerClaims = { id: 'contract-b', name: 'Member Bilal' };
const SECOND = 1000;
const MINUTE = 60 * SECOND;

let keyCounter = 0;
const key = (label = 'k') => ({ idempotencyKey: `contract-${label}-${Date.now().toString(36)}-${++keyCounter}` });

/**
 * The adapter contract: every assertion an adapter must pass to back the Majlis elements.
 * Call it inside your test file; it registers its tests with your runner.
 *
 * ```ts
 * import { describe, it } from 'node:test';
 * adapterContract({ name: 'my adapter', setup: async () => ({ connect, advance }) }, { describe, it });
 * ```
 */
export function adapterContract(harness: ContractHarness, { describe, it }: TestRunnerApi): void {
  /** Runs a test body against a fresh community and always tears it down. */
  const test = (name: string, body: (c: ContractCommunity, as: (v: ViewerClaims | null) => Promise<CommunityAdapter>) => Promise<void>) =>
    it(name, async () => {
      const community = await harness.setup();
      try {
        await body(community, async (viewer) => community.connect(viewer));
      } finally {
        await community.teardown?.();
      }
    });

  const comments = (adapter: CommunityAdapter) => {
    ok(adapter.comments, 'the adapter has the comments capability');
    return adapter.comments;
  };
  const postAs = async (c: ContractCommunity, adapter: CommunityAdapter, thread: string, body: string, parentId: string | null = null): Promise<Comment> => {
    const comment = await comments(adapter).post({ thread, body, parentId }, key('post'));
    await c.advance(4 * SECOND);
    return comment;
  };
  const total = async (adapter: CommunityAdapter, thread: string) => (await comments(adapter).count([thread]))[thread];

  describe(`adapter contract: ${harness.name}`, () => {
    describe('session', () => {
      test('a guest has no viewer; a member is known by the claims the host signed', async (_c, as) => {
        equal(await (await as(null)).session.viewer(), null, 'guest viewer');
        const me = await (await as(A)).session.viewer();
        ok(me, 'member viewer');
        equal(me.id, A.id, 'viewer id');
        equal(me.name, A.name, 'viewer name');
        deepEqual(me.roles, [], 'a member claims no roles');
        equal(me.trustLevel, 'new', 'a new member starts as new');
        const mod = await (await as(MOD)).session.viewer();
        equal(mod?.trustLevel, 'moderator', 'moderator trust level');
      });
    });

    describe('comments', () => {
      test('post, read back, count, and the author is credited', async (c, as) => {
        const a = await as(A);
        const posted = await postAs(c, a, 't1', 'Hello **world**');
        equal(posted.body, 'Hello **world**', 'body stored unchanged');
        equal(posted.status, 'visible', 'status');
        equal(posted.authorId, A.id, 'author');
        const page = await comments(await as(null)).list({ thread: 't1' });
        equal(page.items.length, 1, 'a guest reads the comment');
        equal(page.items[0]?.id, posted.id, 'same comment');
        equal(await total(a, 't1'), 1, 'count');
        const [member] = await a.members!.getMany([A.id]);
        equal(member?.points, 2, 'a comment earns 2 points');
      });

      test('pages with cursors: every comment once, in order, for each sort', async (c, as) => {
        const a = await as(A);
        const b = await as(B);
        const ids: string[] = [];
        for (let i = 0; i < 25; i++) ids.push((await postAs(c, i % 2 ? b : a, 'paged', `comment number ${i}`)).id);
        for (const [sort, expected] of [['oldest', ids], ['newest', [...ids].reverse()]] as const) {
          const seen: string[] = [];
          let cursor: string | null = null;
          let pages = 0;
          do {
            const page: Awaited<ReturnType<ReturnType<typeof comments>['list']>> = await comments(a).list({ thread: 'paged', sort, limit: 10, cursor });
            ok(page.items.length <= 10, 'page size respected');
            seen.push(...page.items.map((x) => x.id));
            cursor = page.nextCursor;
            pages++;
          } while (cursor && pages < 10);
          equal(pages, 3, `${sort}: 25 comments in pages of 10`);
          deepEqual(seen, expected, `${sort}: order and no duplicates`);
        }
        await rejects(comments(a).list({ thread: 'paged', cursor: 'not a cursor!' }), 'invalid', 'a forged cursor');
        await rejects(comments(a).list({ thread: 'paged', limit: 1000 }), 'invalid', 'a page size over the maximum');
      });

      test('replies are listed under their parent, counted, and keep who they answer', async (c, as) => {
        const a = await as(A);
        const b = await as(B);
        const parent = await postAs(c, a, 't', 'parent');
        const reply = await postAs(c, b, 't', 'reply', parent.id);
        equal(reply.depth, 1, 'reply depth');
        equal(reply.replyToAuthorId, A.id, 'reply keeps the author it answers');
        const top = await comments(a).list({ thread: 't' });
        equal(top.items.length, 1, 'only top-level comments at the top');
        equal(top.items[0]?.replyCount, 1, 'reply count');
        const replies = await comments(a).list({ thread: 't', parentId: parent.id });
        equal(replies.items[0]?.id, reply.id, 'replies listed under the parent');
        // A page may carry the members it names (the elements then make no members request); when it does, all of them.
        if (replies.members) equal(replies.members.map((m) => m.id).sort().join(','), [A.id, B.id].sort().join(','), 'a page carries its authors and whom they answer');
        await rejects(comments(a).post({ thread: 't', body: 'x', parentId: 'no-such-comment' }, key()), 'not_found', 'reply to an unknown comment');
      });

      test('top sort orders by reactions; featured-first puts featured comments first', async (c, as) => {
        const a = await as(A);
        const b = await as(B);
        const first = await postAs(c, a, 's', 'first');
        const second = await postAs(c, a, 's', 'second');
        const third = await postAs(c, a, 's', 'third');
        await b.reactions!.react(second.id, '👍', true, key());
        const top = await comments(a).list({ thread: 's', sort: 'top' });
        equal(top.items[0]?.id, second.id, 'most reacted first');
        await comments(await as(MOD)).feature(third.id, true, key());
        const featured = await comments(a).list({ thread: 's', featuredFirst: true });
        deepEqual(featured.items.map((x) => x.id), [third.id, first.id, second.id], 'featured first, then oldest');
        equal(featured.items[0]?.featured, true, 'marked featured');
        await rejects(comments(a).feature(first.id, true, key()), 'forbidden', 'a member featuring');
      });

      test('edit within the window keeps history; after it, or by others, is refused', async (c, as) => {
        const a = await as(A);
        const posted = await postAs(c, a, 'e', 'first text');
        const edited = await comments(a).edit(posted.id, 'second text', key());
        equal(edited.body, 'second text', 'edited body');
        equal(edited.editCount, 1, 'edit count');
        ok(edited.editedAt, 'edited time');
        const history = await comments(a).history(posted.id);
        equal(history[0]?.body, 'first text', 'history keeps the earlier text');
        await rejects(comments(await as(B)).edit(posted.id, 'hijack', key()), 'forbidden', 'editing another member’s comment');
        await c.advance(16 * MINUTE);
        const late = await rejects(comments(a).edit(posted.id, 'too late', key()), 'forbidden', 'editing after 15 minutes');
        equal(late.reason, 'edit_window', 'edit window reason');
        equal((await comments(a).get(posted.id)).body, 'second text', 'the refused edit changed nothing');
      });

      test('deleting a comment with replies leaves a placeholder; without replies it goes', async (c, as) => {
        const a = await as(A);
        const b = await as(B);
        const parent = await postAs(c, a, 'd', 'parent');
        await postAs(c, b, 'd', 'child', parent.id);
        const lonely = await postAs(c, a, 'd', 'lonely');
        await comments(a).delete(parent.id, key());
        await comments(a).delete(lonely.id, key());
        const page = await comments(b).list({ thread: 'd' });
        equal(page.items.length, 1, 'only the placeholder remains at the top');
        equal(page.items[0]?.status, 'deleted', 'placeholder status');
        equal(page.items[0]?.body, '', 'placeholder has no text');
        equal(page.items[0]?.replyCount, 1, 'its reply still shows');
        equal(await total(a, 'd'), 1, 'count excludes deleted comments');
        await rejects(comments(b).delete(page.items[0]!.id, key()), 'not_found', 'deleting it again');
      });

      test('bad input is refused with the right code and changes nothing', async (c, as) => {
        const guest = await as(null);
        const a = await as(A);
        await rejects(comments(guest).post({ thread: 'b', body: 'hi' }, key()), 'unauthorized', 'a guest writing');
        await rejects(comments(a).post({ thread: 'b', body: '   ' }, key()), 'invalid', 'an empty body');
        await rejects(comments(a).post({ thread: 'b', body: 'x'.repeat(1_000_000) }, key()), 'invalid', 'a 1 MB body');
        await rejects(comments(a).post({ thread: 'b', body: 'nul \u0000 byte' }, key()), 'invalid', 'a NUL byte');
        await rejects(comments(a).post({ thread: 'b', body: 42 as unknown as string }, key()), 'invalid', 'a number as the body');
        await rejects(comments(a).post({ thread: '', body: 'hi' }, key()), 'invalid', 'an empty thread id');
        await rejects(comments(a).post({ thread: 'b', body: 'hi' }, { idempotencyKey: '' }), 'invalid', 'no idempotency key');
        await rejects(comments(a).get('unknown-id'), 'not_found', 'an unknown comment');
        await rejects(comments(a).edit('unknown-id', 'x', key()), 'not_found', 'editing an unknown comment');
        equal(await total(a, 'b'), 0, 'nothing was posted');
      });

      test('a retried write with the same idempotency key makes one comment', async (c, as) => {
        const a = await as(A);
        const k = key('retry');
        const [one, two] = await Promise.all([comments(a).post({ thread: 'i', body: 'once' }, k), comments(a).post({ thread: 'i', body: 'once' }, k)]);
        const three = await comments(a).post({ thread: 'i', body: 'once' }, k);
        equal(one.id, two.id, 'parallel retries');
        equal(one.id, three.id, 'a later retry');
        equal(await total(a, 'i'), 1, 'one comment');
        await c.advance(4 * SECOND);
        await rejects(comments(a).post({ thread: 'i', body: 'different' }, k), 'conflict', 'the same key for a different request');
      });

      test('a burst of posts is rate limited, and an identical repeat is refused', async (c, as) => {
        const a = await as(A);
        await comments(a).post({ thread: 'r', body: 'one' }, key());
        const limited = await rejects(comments(a).post({ thread: 'r', body: 'two' }, key()), 'rate_limited', 'a second post within 3 s');
        ok(typeof limited.retryAfter === 'number' && limited.retryAfter > 0, 'rate_limited says when to retry');
        await c.advance(4 * SECOND);
        await rejects(comments(a).post({ thread: 'r', body: 'one' }, key()), 'conflict', 'the same text again');
        await comments(a).post({ thread: 'r', body: 'two' }, key());
        equal(await total(a, 'r'), 2, 'two comments');
      });

      test('counts for many threads come in one call', async (c, as) => {
        const a = await as(A);
        await postAs(c, a, 'x1', 'a');
        await postAs(c, a, 'x2', 'b');
        await postAs(c, a, 'x2', 'c');
        deepEqual(await comments(a).count(['x1', 'x2', 'x3']), { x1: 1, x2: 2, x3: 0 }, 'counts');
      });
    });

    describe('reactions', () => {
      test('toggle on and off, counted once per member, with who reacted', async (c, as) => {
        const a = await as(A);
        const b = await as(B);
        const posted = await postAs(c, a, 'rx', 'react to me');
        let reactions = await b.reactions!.react(posted.id, '👍', true, key());
        deepEqual(reactions, [{ emoji: '👍', count: 1, mine: true }], 'after reacting');
        reactions = await b.reactions!.react(posted.id, '👍', true, key());
        equal(reactions[0]?.count, 1, 'reacting twice counts once');
        const seenByA = await comments(a).get(posted.id);
        deepEqual(seenByA.reactions, [{ emoji: '👍', count: 1, mine: false }], 'others see the count, not as theirs');
        deepEqual((await b.reactions!.reactors(posted.id, '👍')).items, [B.id], 'who reacted');
        equal((await a.members!.getMany([A.id]))[0]?.points, 3, 'a reaction received earns 1 point');
        reactions = await b.reactions!.react(posted.id, '👍', false, key());
        deepEqual(reactions, [], 'after taking it back');
        await rejects(b.reactions!.react(posted.id, '<script>', true, key()), 'invalid', 'an unknown reaction');
        await rejects(b.reactions!.react('unknown', '👍', true, key()), 'not_found', 'reacting to an unknown comment');
      });
    });

    describe('members and badges', () => {
      test('many members in one call; unknown ids left out', async (_c, as) => {
        await (await as(A)).session.viewer();
        await (await as(B)).session.viewer();
        const members = await (await as(null)).members!.getMany([A.id, B.id, 'nobody']);
        deepEqual(members.map((m) => m.id).sort(), [A.id, B.id].sort(), 'known members only');
        await rejects((await as(null)).members!.getMany(Array.from({ length: 101 }, (_, i) => `m${i}`)), 'invalid', 'more than 100 ids');
      });

      test('badges show tiers earned and progress to the next', async (c, as) => {
        const a = await as(A);
        await postAs(c, a, 'bd', 'my first comment');
        const badges = await a.members!.badges(A.id);
        const first = badges.find((b) => b.id === 'first-comment');
        const commenter = badges.find((b) => b.id === 'commenter');
        equal(first?.tier, 'bronze', 'first comment badge');
        equal(commenter?.tier, null, 'no commenter tier yet');
        equal(commenter?.progress, 1, 'progress counts comments');
        equal(commenter?.nextThreshold, 10, 'next threshold');
        await rejects(a.members!.badges('nobody'), 'not_found', 'badges of an unknown member');
      });
    });

    describe('polls', () => {
      const input = { question: 'Best season?', options: ['Spring', 'Summer', 'Autumn'] };

      test('moderators create polls; members vote once; results follow the rule', async (c, as) => {
        const mod = await as(MOD);
        const a = await as(A);
        await rejects(a.polls!.create(input, key()), 'forbidden', 'a member creating a poll');
        const poll = await mod.polls!.create({ ...input, results: 'after-vote' }, key());
        const before = await a.polls!.get(poll.id);
        equal(before.resultsVisible, false, 'results hidden before voting');
        ok(before.options.every((o) => o.votes === null), 'the adapter returns no counts before voting');
        const after = await a.polls!.vote(poll.id, ['o2'], key());
        equal(after.resultsVisible, true, 'results visible after voting');
        equal(after.options[1]?.votes, 1, 'vote counted');
        deepEqual(after.myVote, ['o2'], 'own vote marked');
        await rejects(a.polls!.vote(poll.id, ['o9'], key()), 'invalid', 'an unknown option');
        await rejects(a.polls!.vote(poll.id, ['o1', 'o2'], key()), 'invalid', 'two options in a single-choice poll');
        await rejects((await as(null)).polls!.vote(poll.id, ['o1'], key()), 'unauthorized', 'a guest voting');
        await rejects(a.polls!.get('no-such-poll'), 'not_found', 'an unknown poll');
      });

      test('parallel votes by one member count once', async (_c, as) => {
        const poll = await (await as(MOD)).polls!.create(input, key());
        const a = await as(A);
        await Promise.all(Array.from({ length: 30 }, (_, i) => a.polls!.vote(poll.id, [i % 2 ? 'o1' : 'o3'], key()).catch(() => null)));
        const result = await a.polls!.get(poll.id);
        equal(result.totalVoters, 1, 'one voter');
        equal(result.options.reduce((sum, o) => sum + (o.votes ?? 0), 0), 1, 'one vote');
      });

      test('bad polls are refused; a closed poll takes no votes', async (c, as) => {
        const mod = await as(MOD);
        await rejects(mod.polls!.create({ question: '', options: ['a', 'b'] }, key()), 'invalid', 'an empty question');
        await rejects(mod.polls!.create({ question: 'q', options: ['only'] }, key()), 'invalid', 'one option');
        await rejects(mod.polls!.create({ question: 'q', options: Array.from({ length: 21 }, (_, i) => `o${i}`) }, key()), 'invalid', '21 options');
        await rejects(mod.polls!.create({ question: 'q', options: ['Same', 'same'] }, key()), 'invalid', 'duplicate options');
        const poll = await mod.polls!.create({ ...input, closesAt: new Date(Date.now() + 3_650 * 86_400_000).toISOString() }, key());
        const closed = await mod.polls!.close(poll.id, key());
        equal(closed.closed, true, 'closed');
        const refusal = await rejects((await as(A)).polls!.vote(poll.id, ['o1'], key()), 'conflict', 'a vote after close');
        equal(refusal.reason, 'closed', 'closed reason');
      });
    });

    describe('leaderboard', () => {
      test('ranks by points with shared ranks for ties, and the viewer’s own row', async (c, as) => {
        const a = await as(A);
        const b = await as(B);
        const mod = await as(MOD);
        await postAs(c, a, 'lb', 'a1');
        await postAs(c, b, 'lb', 'b1');
        await postAs(c, mod, 'lb', 'm1');
        await postAs(c, mod, 'lb', 'm2');
        const board = await a.leaderboard!.get({ period: 'all', limit: 1 });
        equal(board.entries.length, 1, 'limit');
        deepEqual(board.entries[0], { rank: 1, memberId: MOD.id, points: 4, previousRank: null }, 'leader');
        deepEqual(board.viewer, { rank: 2, memberId: A.id, points: 2, previousRank: null }, 'viewer row outside the top N');
        const full = await b.leaderboard!.get({ period: 'all', limit: 10 });
        deepEqual(full.entries.map((e) => e.rank), [1, 2, 2], 'ties share a rank');
        // Which of these points fall in "this week" depends on the adapter's clock; the ranking rule does not.
        const week = await b.leaderboard!.get({ period: 'week', limit: 10 });
        ok(
          week.entries.every((e, i) => e.rank === 1 + week.entries.filter((o) => o.points > e.points).length && (i === 0 || e.points <= week.entries[i - 1]!.points)),
          `this week's ranks follow the points, ties sharing a rank: ${JSON.stringify(week.entries)}`,
        );
        await rejects(b.leaderboard!.get({ period: 'decade' as 'week' }), 'invalid', 'an unknown period');
      });
    });

    describe('reports and moderation', () => {
      test('a report needs a reason, a note for "other", a real target; one per member', async (c, as) => {
        const a = await as(A);
        const b = await as(B);
        const posted = await postAs(c, a, 'rp', 'reported text');
        const target = `comment:${posted.id}` as const;
        await rejects(b.reports!.submit({ target, reason: 'nonsense' as 'spam' }, key()), 'invalid', 'an unknown reason');
        await rejects(b.reports!.submit({ target, reason: 'other' }, key()), 'invalid', '"other" without a note');
        await rejects(b.reports!.submit({ target, reason: 'spam', note: 'n'.repeat(10_000) }, key()), 'invalid', 'a 10,000-character note');
        await rejects(b.reports!.submit({ target: 'comment:nope', reason: 'spam' }, key()), 'not_found', 'an unknown target');
        await rejects(a.reports!.submit({ target, reason: 'spam' }, key()), 'invalid', 'reporting your own comment');
        await rejects((await as(null)).reports!.submit({ target, reason: 'spam' }, key()), 'unauthorized', 'a guest reporting');
        equal((await b.reports!.mine()).items.length, 0, 'no report was stored');
        const report = await b.reports!.submit({ target, reason: 'spam', note: 'buy now links' }, key());
        equal(report.status, 'open', 'open report');
        equal(report.weight, 0.5, 'a new member’s report weighs 0.5');
        await rejects(b.reports!.submit({ target, reason: 'scam' }, key()), 'conflict', 'a second report on the same target');
        equal((await b.reports!.mine({ target })).items.length, 1, 'one report');
      });

      test('weighted reports hide at 3; a moderator’s report hides at once', async (c, as) => {
        const author = await as(A);
        const posted = await postAs(c, author, 'w', 'borderline');
        for (let i = 0; i < 6; i++) {
          equal(await total(author, 'w'), 1, `visible after ${i} reports of weight 0.5`);
          await (await as({ id: `reporter-${i}`, name: `Reporter ${i}` })).reports!.submit({ target: `comment:${posted.id}`, reason: 'spam' }, key());
        }
        equal(await total(author, 'w'), 0, 'hidden at a weight of 3');
        const other = await postAs(c, author, 'w', 'second');
        await (await as(MOD)).reports!.submit({ target: `comment:${other.id}`, reason: 'hate' }, key());
        equal((await comments(await as(B)).list({ thread: 'w' })).items.length, 0, 'a moderator’s report hides at once');
        const pending = await (await as(MOD)).moderation!.queue({ state: 'pending' });
        equal(pending.items.length, 2, 'both wait in the pending queue');
        equal(pending.items.find((i) => i.target === `comment:${posted.id}`)?.score, 3, 'weighted score');
      });

      test('moderators decide; reporters see the outcome; every action is audited', async (c, as) => {
        const a = await as(A);
        const b = await as(B);
        const mod = await as(MOD);
        const bad = await postAs(c, a, 'm', 'bad comment');
        const fine = await postAs(c, a, 'm', 'fine comment');
        await b.reports!.submit({ target: `comment:${bad.id}`, reason: 'spam' }, key());
        await b.reports!.submit({ target: `comment:${fine.id}`, reason: 'off-topic' }, key());
        await rejects(b.moderation!.queue({ state: 'reported' }), 'forbidden', 'a member reading the queue');
        await rejects(b.moderation!.decide({ target: `comment:${bad.id}`, action: 'remove', reason: 'spam' }, key()), 'forbidden', 'a member moderating');
        await rejects((await as(null)).moderation!.queue({ state: 'reported' }), 'unauthorized', 'a guest reading the queue');
        equal((await mod.moderation!.queue({ state: 'reported' })).items.length, 2, 'two reported items');
        await rejects(mod.moderation!.decide({ target: `comment:${bad.id}`, action: 'remove' }, key()), 'invalid', 'removing without a reason');
        await mod.moderation!.decide({ target: `comment:${bad.id}`, action: 'remove', reason: 'Spam links' }, key());
        await mod.moderation!.decide({ target: `comment:${fine.id}`, action: 'approve' }, key());
        await rejects(mod.moderation!.decide({ target: `comment:${fine.id}`, action: 'remove', reason: 'x' }, key()), 'conflict', 'deciding twice');
        // Neither list promises an order: look each one up.
        const outcomes = (await b.reports!.mine()).items;
        equal(outcomes.length, 2, 'two reports');
        equal(outcomes.find((r) => r.target === `comment:${bad.id}`)?.status, 'upheld', 'the reporter sees the upheld report');
        equal(outcomes.find((r) => r.target === `comment:${fine.id}`)?.status, 'dismissed', 'the reporter sees the dismissed report');
        equal(await total(a, 'm'), 1, 'the removed comment is gone');
        const members = await mod.members!.getMany([A.id, B.id]);
        const author = members.find((m) => m.id === A.id);
        const reporter = members.find((m) => m.id === B.id);
        equal(author?.points, 4 - 10, 'removal costs the author 10 points');
        equal(reporter?.points, 3, 'an upheld report earns the reporter 3 points');
        const audit = await mod.moderation!.audit();
        deepEqual(audit.items.map((e) => e.action).sort(), ['approve', 'remove'], 'audit trail');
        equal(audit.items.find((e) => e.action === 'remove')?.reason, 'Spam links', 'audit keeps the reason');
        equal(audit.items[0]?.actorId, MOD.id, 'audit keeps the moderator');
      });

      test('the queue gives context; removal can ban the author; reasons reach author and reporters; a decision can feature', async (c, as) => {
        const a = await as(A);
        const b = await as(B);
        const mod = await as(MOD);
        const question = await postAs(c, b, 'ctx', 'what do you think?');
        const reply = await postAs(c, a, 'ctx', 'buy cheap watches', question.id);
        const good = await postAs(c, a, 'ctx', 'a useful answer');
        await b.reports!.submit({ target: `comment:${reply.id}`, reason: 'spam' }, key());
        await b.reports!.submit({ target: `comment:${good.id}`, reason: 'off-topic' }, key());
        const queued = (await mod.moderation!.queue({ state: 'reported' })).items.find((i) => i.target === `comment:${reply.id}`);
        equal(queued?.parent?.id, question.id, 'the reply comes with the comment it answers');
        equal(queued?.author?.id, A.id, 'and with its author');
        equal(queued?.author?.upheldReports, 0, 'whose record has no upheld reports yet');
        equal(queued?.author?.trustLevel, 'new', 'and whose trust level is given');

        const until = new Date(Date.parse(reply.createdAt) + 7 * 86_400_000).toISOString();
        await rejects(mod.moderation!.decide({ target: `comment:${good.id}`, action: 'approve', banUntil: until }, key()), 'invalid', 'a ban with an approval');
        await rejects(mod.moderation!.decide({ target: `comment:${reply.id}`, action: 'remove', reason: 'Spam', banUntil: 'soon' }, key()), 'invalid', 'a ban without a date');
        equal((await mod.moderation!.queue({ state: 'reported' })).items.length, 2, 'the refused decisions changed nothing');
        await mod.moderation!.decide({ target: `comment:${reply.id}`, action: 'remove', reason: 'Selling watches', banUntil: until }, key());
        const refused = await rejects(comments(a).post({ thread: 'ctx', body: 'again' }, key()), 'forbidden', 'the author is banned at once');
        equal(refused.reason, 'banned', 'banned reason');
        ok(refused.message.includes('Selling watches'), `the refusal tells the author why: "${refused.message}"`);
        equal((await comments(a).get(reply.id)).removalReason, 'Selling watches', 'the author sees why the comment was removed');
        equal((await comments(b).get(question.id)).removalReason, undefined, 'nobody else is told anything');
        const outcome = (await b.reports!.mine({ target: `comment:${reply.id}` })).items[0];
        equal(outcome?.decisionReason, 'Selling watches', 'the reporter sees the reason');
        deepEqual(
          (await mod.moderation!.audit()).items.map((e) => e.action).sort(),
          ['ban', 'remove'],
          'the removal and the ban are both audited',
        );

        await rejects(mod.moderation!.decide({ target: `member:${B.id}`, action: 'feature' }, key()), 'invalid', 'featuring what is not a comment');
        const featured = await mod.moderation!.decide({ target: `comment:${good.id}`, action: 'feature' }, key());
        equal(featured.state, 'decided', 'featuring decides the item');
        equal((await comments(b).get(good.id)).featured, true, 'the comment is featured');
        equal((await b.reports!.mine({ target: `comment:${good.id}` })).items[0]?.status, 'dismissed', 'and the report is dismissed');
      });

      test('a banned member cannot write until the ban ends', async (c, as) => {
        const a = await as(A);
        await a.session.viewer();
        const until = new Date(Date.now() + 3_650 * 86_400_000).toISOString();
        await rejects(a.moderation!.ban(B.id, until, 'no', key()), 'forbidden', 'a member banning');
        await (await as(ADMIN)).moderation!.ban(A.id, until, 'Repeated spam', key());
        const refused = await rejects(comments(a).post({ thread: 'ban', body: 'hello' }, key()), 'forbidden', 'a banned member posting');
        equal(refused.reason, 'banned', 'banned reason');
        await (await as(ADMIN)).moderation!.unban(A.id, key());
        await comments(a).post({ thread: 'ban', body: 'hello' }, key());
        equal(await total(a, 'ban'), 1, 'writes again after the ban is lifted');
      });
    });

    describe('insights', () => {
      const NOTHING = {
        activeMembers: 0, newMembers: 0, comments: 0, replies: 0, reactions: 0, pollVotes: 0, reports: 0, reportsUpheld: 0, reportsDismissed: 0, reportsOpen: 0,
        hiddenOrRemoved: 0, hiddenOrRemovedShare: null, decisions: 0, medianDecisionMs: null, returningCohort: 0, returningMembers: 0, returningShare: null,
      };

      test('(when the adapter offers them) moderators get the figures of what happened; members and guests are refused', async (c, as) => {
        const a = await as(A);
        const b = await as(B);
        const mod = await as(MOD);
        if (!mod.insights) return;
        const first = await postAs(c, a, 'ins', 'Worth counting');
        await postAs(c, b, 'ins', 'Counted too', first.id);
        await b.reactions!.react(first.id, '👍', true, key());
        const poll = await mod.polls!.create({ question: 'Counted?', options: ['Yes', 'No'] }, key());
        await a.polls!.vote(poll.id, ['o1'], key());
        await b.reports!.submit({ target: `comment:${first.id}`, reason: 'spam' }, key());
        await c.advance(30 * MINUTE);
        await mod.moderation!.decide({ target: `comment:${first.id}`, action: 'remove', reason: 'Spam' }, key());

        const report = await mod.insights.report({ days: 7 });
        equal(report.since, '2026-02-26T00:00:00.000Z', 'the period starts 6 UTC days before today');
        equal(report.until, '2026-03-04T12:30:08.000Z', 'and runs until now');
        equal(report.previousSince, '2026-02-19T00:00:00.000Z', 'the previous period has the same length');
        deepEqual(
          report.current,
          {
            ...NOTHING,
            // Amal and Bilal; the moderator only created a poll and decided, which is not taking part.
            activeMembers: 2,
            newMembers: 3,
            comments: 2,
            replies: 1,
            reactions: 1,
            pollVotes: 1,
            reports: 1,
            reportsUpheld: 1,
            hiddenOrRemoved: 1,
            hiddenOrRemovedShare: 0.5,
            decisions: 1,
            medianDecisionMs: 30 * MINUTE,
          },
          'the figures of the period',
        );
        deepEqual(report.previous, NOTHING, 'nothing happened before');
        equal(report.daily.length, 7, 'one entry per day');
        deepEqual(report.daily[6], { date: '2026-03-04', comments: 2, reactions: 1, pollVotes: 1, activeMembers: 2 }, 'today');
        deepEqual(
          report.topics,
          [
            { kind: 'thread', id: 'ins', title: null, comments: 2, reactions: 1, pollVotes: 0, engagement: 3 },
            { kind: 'poll', id: poll.id, title: 'Counted?', comments: 0, reactions: 0, pollVotes: 1, engagement: 1 },
          ],
          'the most engaging threads and polls',
        );
        deepEqual(
          report.members,
          [
            { memberId: A.id, comments: 1, reactions: 0, pollVotes: 1, actions: 2 },
            { memberId: B.id, comments: 1, reactions: 1, pollVotes: 0, actions: 2 },
          ],
          'the most active members, ties by id',
        );
        deepEqual(report.reasons, [{ reason: 'spam', count: 1 }], 'report reasons');

        const thread = await mod.insights.report({ days: 30, thread: 'ins' });
        equal(thread.thread, 'ins', 'one thread');
        equal(thread.daily.length, 30, 'thirty days');
        equal(thread.current.comments, 2, 'its comments');
        equal(thread.current.pollVotes, 0, 'polls belong to no thread');
        equal(thread.topics.length, 1, 'only this thread');
        equal((await mod.insights.report({ days: 7, thread: 'elsewhere' })).current.comments, 0, 'another thread');

        await rejects(b.insights!.report({ days: 7 }), 'forbidden', 'a member reading insights');
        await rejects((await as(null)).insights!.report({ days: 7 }), 'unauthorized', 'a guest reading insights');
        await rejects(mod.insights.report({ days: 14 as 7 }), 'invalid', 'a period of 14 days');
      });
    });

    describe('privacy', () => {
      /** A hidden comment, read by someone who may not see it: not found, or a placeholder that says nothing. */
      const withheld = async (read: Promise<Comment>, message: string) => {
        let comment: Comment;
        try {
          comment = await read;
        } catch (error) {
          if (isAdapterError(error) && error.code === 'not_found') return;
          throw new ContractFailure(`${message}: expected not_found or an empty placeholder, got ${String(error)}`);
        }
        equal(comment.body, '', `${message}: a placeholder has no text`);
        ok(comment.authorId !== A.id, `${message}: a placeholder does not name its author`);
      };

      test('a hidden comment shows nothing to other members and guests: not through get, list, history or reactors', async (c, as) => {
        const a = await as(A);
        const b = await as(B);
        const mod = await as(MOD);
        const alone = await postAs(c, a, 'pv', 'hidden, no replies');
        const parent = await postAs(c, a, 'pv', 'hidden, with a reply');
        await comments(a).edit(parent.id, 'hidden, with a reply, edited', key());
        const reply = await postAs(c, b, 'pv', 'a reply', parent.id);
        await b.reactions!.react(parent.id, '👍', true, key());
        await mod.reports!.submit({ target: `comment:${alone.id}`, reason: 'spam' }, key());
        await mod.reports!.submit({ target: `comment:${parent.id}`, reason: 'spam' }, key());
        for (const [who, viewer] of [['another member', B], ['a guest', null]] as const) {
          const adapter = await as(viewer);
          for (const hidden of [alone, parent]) {
            const what = `${who} reading a hidden comment${hidden === parent ? ' with replies' : ''}`;
            await withheld(comments(adapter).get(hidden.id), `${what} (get)`);
            const history = await comments(adapter).history(hidden.id).catch((error: unknown) => {
              if (isAdapterError(error) && error.code === 'not_found') return [];
              throw error;
            });
            deepEqual(history, [], `${what} (history): no earlier text`);
            await rejects(adapter.reactions!.reactors(hidden.id, '👍'), 'not_found', `${what} (reactors)`);
          }
          for (const listed of (await comments(adapter).list({ thread: 'pv' })).items) await withheld(Promise.resolve(listed), `${who} listing a thread with hidden comments`);
          const replies = (await comments(adapter).list({ thread: 'pv', parentId: parent.id })).items;
          equal(replies[0]?.id, reply.id, `${who} still reaches the reply`);
          ok(replies[0]?.replyToAuthorId !== A.id, `${who}: a reply does not name the author of its hidden parent`);
        }
      });

      test('roles come from the claims of each connection, never from what the backend stored', async (c, as) => {
        const posted = await postAs(c, await as(A), 'roles', 'report me');
        await (await as(B)).reports!.submit({ target: `comment:${posted.id}`, reason: 'spam' }, key());
        const mod = await as(MOD);
        // The backend now knows this member as a moderator.
        await mod.session.viewer();
        await comments(mod).feature(posted.id, true, key());
        equal((await mod.moderation!.queue({ state: 'reported' })).items.length, 1, 'a moderator reads the queue');
        const former = await as({ ...MOD, roles: [] });
        await rejects(former.moderation!.queue({ state: 'reported' }), 'forbidden', 'a former moderator reading the queue');
        await rejects(former.moderation!.decide({ target: `comment:${posted.id}`, action: 'remove', reason: 'spam' }, key()), 'forbidden', 'a former moderator deciding');
        await rejects(comments(former).feature(posted.id, false, key()), 'forbidden', 'a former moderator unfeaturing');
        equal((await comments(former).get(posted.id)).featured, true, 'the refused unfeature changed nothing');
        deepEqual((await former.session.viewer())?.roles, [], 'the former moderator is known without the role');
        equal((await mod.moderation!.queue({ state: 'reported' })).items.length, 1, 'the item is still waiting');
      });
    });

    describe('live events', () => {
      test('a thread subscriber hears each new comment once, with a sequence number', async (c, as) => {
        const a = await as(A);
        const listener = await as(B);
        ok(listener.live, 'the adapter has live events');
        const heard: SequencedEvent[] = [];
        const stop = listener.live.subscribe('thread:live', (event) => heard.push(event));
        try {
          // An adapter that connects asynchronously (SSE) says when it hears events.
          await stop.ready;
          const k = key('live');
          const posted = await comments(a).post({ thread: 'live', body: 'are you there?' }, k);
          await comments(a).post({ thread: 'live', body: 'are you there?' }, k);
          await waitFor(() => heard.some((e) => e.type === 'comment.created'));
          const created = heard.filter((e) => e.type === 'comment.created');
          equal(created.length, 1, 'one event for one comment, even when the write was retried');
          equal(created[0]?.type === 'comment.created' && created[0].comment.id, posted.id, 'the event carries the comment');
          ok(heard.every((e, i) => i === 0 || e.seq > heard[i - 1]!.seq), 'sequence numbers increase');
          await waitFor(() => heard.some((e) => e.type === 'count.updated'));
          await new Promise((r) => setTimeout(r, 50));
          equal(heard.filter((e) => e.type === 'comment.created').length, 1, 'still one event a moment later: no late duplicate');
        } finally {
          stop();
        }
        const before = heard.length;
        await c.advance(4 * SECOND);
        await comments(a).post({ thread: 'live', body: 'after unsubscribe' }, key());
        await new Promise((r) => setTimeout(r, 50));
        equal(heard.length, before, 'nothing after unsubscribing');
      });
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('Timed out waiting for a live event.');
    await new Promise((r) => setTimeout(r, 10));
  }
}
