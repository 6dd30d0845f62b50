import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PollInput, ViewerClaims } from '../../src/core/types.js';
import { rankWithTies } from '../../src/engine/index.js';
import { MINUTE, HOUR, key, AMAL, BILAL, CHEN, DINA, MOD, ADMIN, community, refused } from './support/engine.js';


type Community = ReturnType<typeof community>;
const createPoll = (c: Community, input: Partial<PollInput> = {}) =>
  c.engine.createPoll(MOD, { question: 'Tea or coffee?', options: ['Tea', 'Coffee'], ...input }, key('poll'));
/** What a viewer is told about the counts. */
const counts = async (c: Community, viewer: ViewerClaims | null, pollId: string) => {
  const poll = await c.engine.getPoll(viewer, pollId);
  return { visible: poll.resultsVisible, votes: poll.options.map((o) => o.votes), voters: poll.totalVoters };
};
const HIDDEN = { visible: false, votes: [null, null], voters: null };

describe('engine polls: who sees the results', () => {
  it('"always": everyone sees the counts', async () => {
    const c = community();
    const poll = await createPoll(c, { results: 'always' });
    await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
    assert.deepEqual(await counts(c, null, poll.id), { visible: true, votes: [1, 0], voters: 1 });
  });

  it('"after-vote": counts are hidden until the viewer votes, or the poll closes', async () => {
    const c = community();
    const poll = await createPoll(c, { results: 'after-vote' });
    assert.deepEqual(await counts(c, AMAL, poll.id), HIDDEN);
    const afterVote = await c.engine.vote(AMAL, poll.id, ['o2'], key('vote'));
    assert.deepEqual(afterVote.options.map((o) => o.votes), [0, 1], 'the vote itself returns the counts');
    assert.deepEqual(await counts(c, AMAL, poll.id), { visible: true, votes: [0, 1], voters: 1 });
    assert.deepEqual(await counts(c, BILAL, poll.id), HIDDEN, 'a member who has not voted');
    assert.deepEqual(await counts(c, null, poll.id), HIDDEN, 'a guest');
    assert.deepEqual(await counts(c, MOD, poll.id), { visible: true, votes: [0, 1], voters: 1 }, 'moderators');
    await c.engine.closePoll(MOD, poll.id, key('close'));
    assert.deepEqual(await counts(c, BILAL, poll.id), { visible: true, votes: [0, 1], voters: 1 }, 'everyone once closed');
  });

  it('"after-close": counts are hidden, even from voters, until the poll closes', async () => {
    const c = community();
    const poll = await createPoll(c, { results: 'after-close' });
    const afterVote = await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
    assert.equal(afterVote.resultsVisible, false);
    assert.deepEqual(afterVote.options.map((o) => o.votes), [null, null]);
    assert.deepEqual(await counts(c, AMAL, poll.id), HIDDEN);
    await c.engine.closePoll(MOD, poll.id, key('close'));
    assert.deepEqual(await counts(c, AMAL, poll.id), { visible: true, votes: [1, 0], voters: 1 });
    assert.deepEqual(await counts(c, null, poll.id), { visible: true, votes: [1, 0], voters: 1 });
  });

  it('"moderators": only moderators and admins see the counts, even after the poll closes', async () => {
    const c = community();
    const poll = await createPoll(c, { results: 'moderators' });
    await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
    assert.deepEqual(await counts(c, AMAL, poll.id), HIDDEN);
    assert.deepEqual(await counts(c, MOD, poll.id), { visible: true, votes: [1, 0], voters: 1 });
    assert.deepEqual(await counts(c, ADMIN, poll.id), { visible: true, votes: [1, 0], voters: 1 });
    await c.engine.closePoll(MOD, poll.id, key('close'));
    assert.deepEqual(await counts(c, AMAL, poll.id), HIDDEN);
    assert.deepEqual(await counts(c, null, poll.id), HIDDEN);
  });
});

describe('engine polls: voting', () => {
  it('a vote can be changed when the poll allows it; the count follows', async () => {
    const c = community();
    const poll = await createPoll(c, { allowChange: true });
    await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
    const changed = await c.engine.vote(AMAL, poll.id, ['o2'], key('vote'));
    assert.deepEqual(changed.myVote, ['o2']);
    assert.deepEqual(changed.options.map((o) => o.votes), [0, 1]);
    assert.equal(changed.totalVoters, 1);
  });

  it('a changed vote is refused when the poll does not allow changes; the same vote again is fine', async () => {
    const c = community();
    const poll = await createPoll(c, { allowChange: false });
    await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
    await refused(c.engine.vote(AMAL, poll.id, ['o2'], key('vote')), 'conflict', 'already_voted');
    const same = await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
    assert.deepEqual(same.myVote, ['o1']);
    assert.deepEqual(same.options.map((o) => o.votes), [1, 0]);
  });

  it('a poll closes by itself when the clock reaches its closing time', async () => {
    const c = community();
    const closesAt = c.clock.now() + HOUR;
    const poll = await createPoll(c, { closesAt: new Date(closesAt).toISOString(), results: 'after-close' });
    c.clock.set(closesAt - 1);
    assert.equal((await c.engine.getPoll(AMAL, poll.id)).closed, false);
    await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
    c.clock.set(closesAt);
    const closed = await c.engine.getPoll(BILAL, poll.id);
    assert.equal(closed.closed, true);
    assert.deepEqual(closed.options.map((o) => o.votes), [1, 0], 'after-close results show');
    await refused(c.engine.vote(BILAL, poll.id, ['o2'], key('vote')), 'conflict', 'closed');
  });

  it('a closing time already past is refused when creating a poll', async () => {
    const c = community();
    await refused(createPoll(c, { closesAt: new Date(c.clock.now() - MINUTE).toISOString() }), 'invalid');
  });

  it('a closed poll takes no votes', async () => {
    const c = community();
    const poll = await createPoll(c);
    await c.engine.closePoll(MOD, poll.id, key('close'));
    await refused(c.engine.vote(AMAL, poll.id, ['o1'], key('vote')), 'conflict', 'closed');
  });

  it('100 parallel votes by one member, with different keys, count once', async () => {
    const c = community();
    const poll = await createPoll(c);
    await Promise.all(Array.from({ length: 100 }, () => c.engine.vote(AMAL, poll.id, ['o1'], key('vote'))));
    const result = await c.engine.getPoll(MOD, poll.id);
    assert.equal(result.totalVoters, 1);
    assert.deepEqual(result.options.map((o) => o.votes), [1, 0]);
    assert.equal(await c.points('a'), 1);
    assert.equal((await c.badge('a', 'voter')).progress, 1);
  });

  it('100 parallel votes by one member, with the same key, count once and return the same result', async () => {
    const c = community();
    const poll = await createPoll(c);
    const k = key('vote');
    const results = await Promise.all(Array.from({ length: 100 }, () => c.engine.vote(AMAL, poll.id, ['o1'], k)));
    assert.ok(results.every((r) => JSON.stringify(r) === JSON.stringify(results[0])));
    const result = await c.engine.getPoll(MOD, poll.id);
    assert.equal(result.totalVoters, 1);
    assert.deepEqual(result.options.map((o) => o.votes), [1, 0]);
    assert.equal(await c.points('a'), 1);
    assert.equal((await c.badge('a', 'voter')).progress, 1);
  });

  it('a vote key reused for another choice is refused as a conflict', async () => {
    const c = community();
    const poll = await createPoll(c);
    const k = key('vote');
    await c.engine.vote(AMAL, poll.id, ['o1'], k);
    await refused(c.engine.vote(AMAL, poll.id, ['o2'], k), 'conflict', 'idempotency_key_reused');
    assert.deepEqual((await c.engine.getPoll(AMAL, poll.id)).myVote, ['o1']);
  });

  it('only moderators and admins create and close polls', async () => {
    const c = community();
    await refused(c.engine.createPoll(AMAL, { question: 'Mine?', options: ['Yes', 'No'] }, key('poll')), 'forbidden');
    const poll = await createPoll(c);
    await refused(c.engine.closePoll(AMAL, poll.id, key('close')), 'forbidden');
    await c.engine.createPoll(ADMIN, { question: 'Admin poll?', options: ['Yes', 'No'] }, key('poll'));
  });
});

describe('engine leaderboard', () => {
  it('ties share a rank: 1, 2, 2, 4', async () => {
    const c = community();
    const postMany = async (actor: ViewerClaims, n: number) => {
      for (let i = 1; i <= n; i++) await c.post(actor, `${actor.name} says ${i}`);
    };
    await postMany(AMAL, 5); // 10 points
    await postMany(BILAL, 3); // 6
    await postMany(CHEN, 3); // 6
    await postMany(DINA, 1); // 2
    const board = await c.engine.leaderboard(DINA, { period: 'all' });
    assert.deepEqual(
      board.entries.map((e) => [e.rank, e.memberId, e.points]),
      [[1, 'a', 10], [2, 'b', 6], [2, 'c', 6], [4, 'd', 2]],
    );
    assert.deepEqual(board.viewer, { rank: 4, memberId: 'd', points: 2, previousRank: null });
    const top = await c.engine.leaderboard(CHEN, { period: 'all', limit: 1 });
    assert.equal(top.entries.length, 1);
    assert.deepEqual(top.viewer, { rank: 2, memberId: 'c', points: 6, previousRank: null }, 'the viewer’s row even outside the top');
  });

  it('ranking with ties gives the next rank after a tie its place in the list', () => {
    const rows = [
      { memberId: 'a', points: 9 },
      { memberId: 'b', points: 5 },
      { memberId: 'c', points: 5 },
      { memberId: 'd', points: 5 },
      { memberId: 'e', points: 1 },
      { memberId: 'f', points: 1 },
    ];
    assert.deepEqual(rankWithTies(rows).map((r) => r.rank), [1, 2, 2, 2, 5, 5]);
  });

  it('the week starts on Monday at 00:00 UTC: points from Sunday night fall out of the new week', async () => {
    const c = community();
    c.clock.set('2026-03-08T23:59:59Z'); // Sunday
    await c.engine.postComment(AMAL, { thread: 'talk', body: 'Sunday night' }, key('post'));
    c.clock.set('2026-03-09T00:00:00Z'); // Monday
    await c.engine.postComment(BILAL, { thread: 'talk', body: 'Monday morning' }, key('post'));
    const week = await c.engine.leaderboard(AMAL, { period: 'week' });
    assert.equal(week.since, '2026-03-09T00:00:00.000Z');
    assert.deepEqual(week.entries.map((e) => e.memberId), ['b']);
    assert.equal(week.viewer, null, 'no points this week yet');
    const month = await c.engine.leaderboard(AMAL, { period: 'month' });
    assert.deepEqual(month.entries.map((e) => e.memberId).sort(), ['a', 'b'], 'both in March');
    c.clock.set('2026-03-11T15:30:00Z'); // Wednesday
    assert.equal((await c.engine.leaderboard(null, { period: 'week' })).since, '2026-03-09T00:00:00.000Z');
    c.clock.set('2026-03-15T23:59:59.999Z'); // the Sunday after
    assert.equal((await c.engine.leaderboard(null, { period: 'week' })).since, '2026-03-09T00:00:00.000Z');
  });

  it('the month starts on the 1st at 00:00 UTC: points from the last evening of the month fall out', async () => {
    const c = community();
    c.clock.set('2026-03-31T23:59:59Z');
    await c.engine.postComment(AMAL, { thread: 'talk', body: 'End of March' }, key('post'));
    c.clock.set('2026-04-01T00:00:00Z'); // a Wednesday: same week as 31 March
    await c.engine.postComment(BILAL, { thread: 'talk', body: 'First of April' }, key('post'));
    const month = await c.engine.leaderboard(null, { period: 'month' });
    assert.equal(month.since, '2026-04-01T00:00:00.000Z');
    assert.deepEqual(month.entries.map((e) => e.memberId), ['b']);
    const week = await c.engine.leaderboard(null, { period: 'week' });
    assert.equal(week.since, '2026-03-30T00:00:00.000Z');
    assert.deepEqual(week.entries.map((e) => e.memberId).sort(), ['a', 'b'], 'the week still holds both');
    const all = await c.engine.leaderboard(null, { period: 'all' });
    assert.equal(all.since, null);
    assert.equal(all.entries.length, 2);
  });
});

describe('engine polls: removed by the moderators', () => {
  it('a poll removed after reports is gone for members and guests, and stays readable for moderators', async () => {
    const c = community();
    const poll = await c.engine.createPoll(MOD, { question: 'Which scam is best?', options: ['This', 'That'] }, key('poll'));
    await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
    await c.engine.submitReport(BILAL, { target: `poll:${poll.id}`, reason: 'scam' }, key('report'));
    await c.engine.decide(ADMIN, { target: `poll:${poll.id}`, action: 'remove', reason: 'A scam' }, key('decide'));
    await refused(c.engine.getPoll(null, poll.id), 'not_found');
    await refused(c.engine.getPoll(AMAL, poll.id), 'not_found');
    await refused(c.engine.vote(BILAL, poll.id, ['o2'], key('vote')), 'not_found');
    await refused(c.engine.submitReport(CHEN, { target: `poll:${poll.id}`, reason: 'spam' }, key('report')), 'not_found');
    const seen = await c.engine.getPoll(MOD, poll.id);
    assert.equal(seen.closed, true, 'moderators see it, closed');
    assert.equal(seen.totalVoters, 1, 'the refused vote changed nothing');
  });
});

describe('engine leaderboard: change since the previous period', () => {
  it('gives each member their rank in the previous week', async () => {
    const { Engine, ManualClock } = await import('../../src/engine/index.js');
    const clock = new ManualClock('2026-03-04T12:00:00Z'); // a Wednesday
    const engine = new Engine({ clock });
    const post = async (who: { id: string; name: string }, n: number) => {
      for (let i = 0; i < n; i++) {
        await engine.postComment(who, { thread: 't', body: `${who.id} ${clock.now()}` }, `prev-${who.id}-${clock.now()}`);
        clock.advance(4000);
      }
    };
    await post({ id: 'a', name: 'A' }, 1);
    await post({ id: 'b', name: 'B' }, 2);
    clock.set('2026-03-11T12:00:00Z'); // the next Wednesday
    await post({ id: 'a', name: 'A' }, 3);
    const board = await engine.leaderboard(null, { period: 'week' });
    const byId = Object.fromEntries(board.entries.map((e) => [e.memberId, e]));
    assert.equal(byId.a?.rank, 1);
    assert.equal(byId.a?.previousRank, 2, 'a was second last week');
    assert.equal((await engine.leaderboard(null, { period: 'all' })).entries.every((e) => e.previousRank === null), true);
  });
});
