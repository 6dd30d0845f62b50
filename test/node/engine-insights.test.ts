import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { InsightsFigures } from '../../src/core/types.js';
import { AMAL, BILAL, MOD, ADMIN, refused } from './support/engine.js';
import { INSIGHTS_NOW, insightsCommunity } from './support/insights.js';

const HOUR = 3_600_000;
/** 2 h and 24.5 h: the mean of the two middle values. */
const MEDIAN = (2 * HOUR + 24.5 * HOUR) / 2;

const NO_REPORTS = { reports: 0, reportsUpheld: 0, reportsDismissed: 0, reportsOpen: 0, decisions: 0, medianDecisionMs: null };

describe('engine insights', () => {
  it('the last 7 days beside the 7 before, with every figure worked out by hand', async () => {
    const { engine, pollId } = await insightsCommunity();
    const report = await engine.insights(MOD, { days: 7 });
    assert.equal(report.since, '2026-03-14T00:00:00.000Z', 'seven UTC days, today included');
    assert.equal(report.until, INSIGHTS_NOW);
    assert.equal(report.previousSince, '2026-03-07T00:00:00.000Z');
    assert.equal(report.previousUntil, '2026-03-13T12:00:00.000Z', 'the previous period is cut at the same time of day');
    assert.equal(report.thread, null);
    assert.deepEqual(report.current, {
      // Dina, Amal, Chen, Bilal and the moderator (who reported); the guest voter is not a member.
      activeMembers: 5,
      newMembers: 1,
      comments: 4,
      replies: 1,
      reactions: 2,
      pollVotes: 2,
      reports: 3,
      reportsUpheld: 1,
      reportsDismissed: 1,
      reportsOpen: 1,
      hiddenOrRemoved: 1,
      hiddenOrRemovedShare: 0.25,
      decisions: 2,
      medianDecisionMs: MEDIAN,
      // Active Mar 7–13: Amal, Chen, Eli, Bilal. Back within 7 days: Amal (2 days), Chen (exactly 7), Bilal (5); Eli never.
      returningCohort: 4,
      returningMembers: 3,
      returningShare: 0.75,
    } satisfies InsightsFigures);
    assert.deepEqual(report.previous, {
      activeMembers: 4,
      // Chen, the moderator (who created the poll) and Eli joined Mar 7–13.
      newMembers: 3,
      comments: 3,
      replies: 0,
      reactions: 1,
      pollVotes: 1,
      ...NO_REPORTS,
      hiddenOrRemoved: 0,
      hiddenOrRemovedShare: 0,
      // Active Feb 28 – Mar 6: Amal (back after 6 days) and Bilal (back only after 9).
      returningCohort: 2,
      returningMembers: 1,
      returningShare: 0.5,
    } satisfies InsightsFigures);
    assert.deepEqual(report.daily, [
      { date: '2026-03-14', comments: 2, reactions: 0, pollVotes: 0, activeMembers: 2 },
      { date: '2026-03-15', comments: 0, reactions: 1, pollVotes: 0, activeMembers: 1 },
      { date: '2026-03-16', comments: 0, reactions: 1, pollVotes: 0, activeMembers: 2 },
      { date: '2026-03-17', comments: 0, reactions: 0, pollVotes: 0, activeMembers: 0 },
      { date: '2026-03-18', comments: 0, reactions: 0, pollVotes: 2, activeMembers: 1 },
      { date: '2026-03-19', comments: 1, reactions: 0, pollVotes: 0, activeMembers: 1 },
      { date: '2026-03-20', comments: 1, reactions: 0, pollVotes: 0, activeMembers: 2 },
    ]);
    // Ties by kind, then id: the poll before the "news" thread.
    assert.deepEqual(report.topics, [
      { kind: 'thread', id: 'talk', title: null, comments: 2, reactions: 2, pollVotes: 0, engagement: 4 },
      { kind: 'poll', id: pollId, title: 'Best day to meet?', comments: 0, reactions: 0, pollVotes: 2, engagement: 2 },
      { kind: 'thread', id: 'news', title: null, comments: 2, reactions: 0, pollVotes: 0, engagement: 2 },
    ]);
    // Reports are not contributions: the moderator, who only reported, is not listed.
    assert.deepEqual(report.members, [
      { memberId: 'a', comments: 2, reactions: 0, pollVotes: 0, actions: 2 },
      { memberId: 'b', comments: 0, reactions: 1, pollVotes: 1, actions: 2 },
      { memberId: 'c', comments: 1, reactions: 1, pollVotes: 0, actions: 2 },
      { memberId: 'd', comments: 1, reactions: 0, pollVotes: 0, actions: 1 },
    ]);
    assert.deepEqual(report.reasons, [
      { reason: 'harassment', count: 1 },
      { reason: 'off-topic', count: 1 },
      { reason: 'spam', count: 1 },
    ]);
  });

  it('one thread: only what happened in it, and no poll votes (polls belong to no thread)', async () => {
    const { engine } = await insightsCommunity();
    const report = await engine.insights(ADMIN, { days: 7, thread: 'talk' });
    assert.equal(report.thread, 'talk');
    assert.deepEqual(report.current, {
      activeMembers: 5,
      newMembers: 1,
      comments: 2,
      replies: 1,
      reactions: 2,
      pollVotes: 0,
      // Dina's report on Chen's post in "news" is not this thread's.
      reports: 2,
      reportsUpheld: 1,
      reportsDismissed: 1,
      reportsOpen: 0,
      hiddenOrRemoved: 1,
      hiddenOrRemovedShare: 0.5,
      decisions: 2,
      medianDecisionMs: MEDIAN,
      returningCohort: 1,
      returningMembers: 1,
      returningShare: 1,
    } satisfies InsightsFigures);
    assert.deepEqual(report.previous, {
      activeMembers: 1,
      // Chen, the moderator and Eli joined, but took no part in "talk".
      newMembers: 0,
      comments: 1,
      replies: 0,
      reactions: 0,
      pollVotes: 0,
      ...NO_REPORTS,
      hiddenOrRemoved: 0,
      hiddenOrRemovedShare: 0,
      // Bilal's next post in "talk" comes after the previous period ended.
      returningCohort: 2,
      returningMembers: 1,
      returningShare: 0.5,
    } satisfies InsightsFigures);
    assert.deepEqual(
      report.daily.map((d) => [d.comments, d.reactions, d.pollVotes, d.activeMembers]),
      [[2, 0, 0, 2], [0, 1, 0, 1], [0, 1, 0, 2], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
    );
    assert.deepEqual(report.topics, [{ kind: 'thread', id: 'talk', title: null, comments: 2, reactions: 2, pollVotes: 0, engagement: 4 }]);
    assert.deepEqual(report.members.map((m) => [m.memberId, m.actions]), [['a', 1], ['b', 1], ['c', 1], ['d', 1]]);
    assert.deepEqual(report.reasons, [
      { reason: 'harassment', count: 1 },
      { reason: 'spam', count: 1 },
    ]);
  });

  it('30 days hold the whole history; with nothing before it, the shares of the previous period are null', async () => {
    const { engine } = await insightsCommunity();
    const report = await engine.insights(MOD, { days: 30 });
    assert.equal(report.since, '2026-02-19T00:00:00.000Z');
    assert.equal(report.daily.length, 30);
    assert.equal(report.daily[0]!.date, '2026-02-19');
    assert.equal(report.daily[29]!.date, '2026-03-20');
    assert.equal(report.daily.reduce((sum, d) => sum + d.comments, 0), 9);
    const { current, previous } = report;
    assert.deepEqual(
      [current.comments, current.replies, current.reactions, current.pollVotes, current.activeMembers, current.newMembers, current.reports],
      [9, 1, 3, 3, 6, 6, 3],
    );
    assert.equal(current.hiddenOrRemovedShare, 1 / 9);
    assert.equal(previous.comments, 0);
    assert.equal(previous.activeMembers, 0);
    assert.equal(previous.hiddenOrRemovedShare, null, 'no comments: no share');
    assert.equal(previous.returningShare, null, 'nobody to return: no share');
    assert.equal(previous.medianDecisionMs, null);
    assert.equal((await engine.insights(MOD, { days: 90 })).daily.length, 90);
  });

  it('moderators and admins only: members are refused as forbidden, guests as unauthorized', async () => {
    const { engine } = await insightsCommunity();
    await refused(engine.insights(AMAL, { days: 7 }), 'forbidden');
    await refused(engine.insights({ ...BILAL, roles: ['not an admin' as 'admin'] }, { days: 7 }), 'forbidden');
    await refused(engine.insights(null, { days: 7 }), 'unauthorized');
  });

  it('refuses a period other than 7, 30 or 90 days, and a thread id that is not one', async () => {
    const { engine } = await insightsCommunity();
    for (const days of [0, 14, 365, '7', null, undefined]) {
      const error = await refused(engine.insights(MOD, { days } as never), 'invalid');
      assert.equal(error.field, 'days');
    }
    assert.equal((await refused(engine.insights(MOD, { days: 7, thread: '' }), 'invalid')).field, 'thread');
    assert.equal((await refused(engine.insights(MOD, { days: 7, thread: 'x'.repeat(201) }), 'invalid')).field, 'thread');
    await refused(engine.insights(MOD, null as never), 'invalid');
  });
});
