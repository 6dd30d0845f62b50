import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Badge } from '../../src/core/types.js';
import { DEFAULT_RULES } from '../../src/engine/index.js';
import { MINUTE, key, person, AMAL, BILAL, CHEN, DINA, MOD, ADMIN, community } from './support/engine.js';


/** Collects the badges announced on a member's live topic. */
function awards(c: ReturnType<typeof community>, memberId: string) {
  const heard: string[] = [];
  c.engine.subscribe(`member:${memberId}`, (event) => {
    if (event.type === 'badge.awarded') heard.push(`${event.badgeId}:${event.tier}`);
  });
  return heard;
}

/** Checks tier, progress and the next threshold of one badge. */
async function expectBadge(c: ReturnType<typeof community>, memberId: string, badgeId: string, want: Pick<Badge, 'tier' | 'progress' | 'nextTier' | 'nextThreshold'>) {
  const b = await c.badge(memberId, badgeId);
  assert.deepEqual({ tier: b.tier, progress: b.progress, nextTier: b.nextTier, nextThreshold: b.nextThreshold }, want, `${badgeId} at ${want.progress}`);
}

describe('engine badges', () => {
  it('the default rules hold the badges and tier thresholds the design names', () => {
    const byId = Object.fromEntries(DEFAULT_RULES.badges.map((b) => [b.id, b]));
    assert.deepEqual(byId['first-comment'], { id: 'first-comment', kind: 'single', counter: 'comments', thresholds: { bronze: 1 } });
    assert.deepEqual(byId['commenter']?.thresholds, { bronze: 10, silver: 50, gold: 250 });
    assert.equal(byId['commenter']?.counter, 'comments');
    assert.deepEqual(byId['appreciated']?.thresholds, { bronze: 10, silver: 100, gold: 1000 });
    assert.equal(byId['appreciated']?.counter, 'reactionsReceived');
    assert.deepEqual(byId['voter']?.thresholds, { bronze: 5, silver: 25, gold: 100 });
    assert.equal(byId['voter']?.counter, 'pollVotes');
    assert.deepEqual(byId['guardian']?.thresholds, { bronze: 3, silver: 25, gold: 100 });
    assert.equal(byId['guardian']?.counter, 'reportsUpheld');
    assert.equal(byId['featured']?.kind, 'single');
    assert.equal(byId['featured']?.counter, 'featured');
    assert.deepEqual(byId['featured']?.thresholds, { gold: 1 });
    assert.equal(DEFAULT_RULES.badges.length, 6);
  });

  it('a first comment earns the first-comment badge, shown on the member and announced live', async () => {
    const c = community();
    const heard = awards(c, 'a');
    await c.engine.viewer(AMAL);
    await expectBadge(c, 'a', 'first-comment', { tier: null, progress: 0, nextTier: 'bronze', nextThreshold: 1 });
    await c.post(AMAL, 'Hello, first time here');
    await expectBadge(c, 'a', 'first-comment', { tier: 'bronze', progress: 1, nextTier: null, nextThreshold: null });
    assert.deepEqual(heard, ['first-comment:bronze']);
    assert.deepEqual((await c.member('a')).topBadge, { id: 'first-comment', tier: 'bronze' });
    assert.ok((await c.badge('a', 'first-comment')).awarded.bronze, 'the award time is kept');
  });

  it('comments earn the commenter badge: bronze at 10, silver at 50, gold at 250 (default rules)', async () => {
    const c = community();
    const heard = awards(c, 'a');
    const postUpTo = async (n: number, from: number) => {
      for (let i = from; i <= n; i++) await c.post(AMAL, `comment ${i}`);
    };
    await postUpTo(9, 1);
    await expectBadge(c, 'a', 'commenter', { tier: null, progress: 9, nextTier: 'bronze', nextThreshold: 10 });
    await postUpTo(10, 10);
    await expectBadge(c, 'a', 'commenter', { tier: 'bronze', progress: 10, nextTier: 'silver', nextThreshold: 50 });
    await postUpTo(49, 11);
    await expectBadge(c, 'a', 'commenter', { tier: 'bronze', progress: 49, nextTier: 'silver', nextThreshold: 50 });
    await postUpTo(50, 50);
    await expectBadge(c, 'a', 'commenter', { tier: 'silver', progress: 50, nextTier: 'gold', nextThreshold: 250 });
    await postUpTo(249, 51);
    await expectBadge(c, 'a', 'commenter', { tier: 'silver', progress: 249, nextTier: 'gold', nextThreshold: 250 });
    await postUpTo(250, 250);
    await expectBadge(c, 'a', 'commenter', { tier: 'gold', progress: 250, nextTier: null, nextThreshold: null });
    assert.deepEqual(heard, ['first-comment:bronze', 'commenter:bronze', 'commenter:silver', 'commenter:gold']);
    assert.deepEqual((await c.member('a')).topBadge, { id: 'commenter', tier: 'gold' });
  });

  it('reactions received earn the appreciated badge: bronze at 10, silver at 100, gold at 1000 (default rules)', async () => {
    const c = community();
    const heard = awards(c, 'a');
    const comments: { id: string }[] = [];
    for (let i = 0; i < 10; i++) comments.push(await c.post(AMAL, `post worth reacting to ${i}`));
    const emoji = DEFAULT_RULES.reactions.allowed;
    assert.equal(emoji.length, 10);
    let given = 0;
    const reactUntil = async (n: number) => {
      while (given < n) {
        // 1000 distinct reactions: 10 comments × 10 emoji × 10 members.
        const comment = comments[given % 10]!;
        const e = emoji[Math.floor(given / 10) % 10]!;
        const reactor = person(`fan${Math.floor(given / 100)}`, `Fan ${Math.floor(given / 100)}`);
        await c.engine.react(reactor, comment.id, e, true, key('react'));
        given++;
      }
    };
    await reactUntil(9);
    await expectBadge(c, 'a', 'appreciated', { tier: null, progress: 9, nextTier: 'bronze', nextThreshold: 10 });
    await reactUntil(10);
    await expectBadge(c, 'a', 'appreciated', { tier: 'bronze', progress: 10, nextTier: 'silver', nextThreshold: 100 });
    await reactUntil(99);
    await expectBadge(c, 'a', 'appreciated', { tier: 'bronze', progress: 99, nextTier: 'silver', nextThreshold: 100 });
    await reactUntil(100);
    await expectBadge(c, 'a', 'appreciated', { tier: 'silver', progress: 100, nextTier: 'gold', nextThreshold: 1000 });
    await reactUntil(999);
    await expectBadge(c, 'a', 'appreciated', { tier: 'silver', progress: 999, nextTier: 'gold', nextThreshold: 1000 });
    await reactUntil(1000);
    await expectBadge(c, 'a', 'appreciated', { tier: 'gold', progress: 1000, nextTier: null, nextThreshold: null });
    assert.deepEqual(heard.filter((h) => h.startsWith('appreciated')), ['appreciated:bronze', 'appreciated:silver', 'appreciated:gold']);
    assert.deepEqual((await c.member('a')).topBadge, { id: 'appreciated', tier: 'gold' });
  });

  it('smaller thresholds passed through the rules are used instead of the defaults', async () => {
    const c = community({
      badges: [{ id: 'appreciated', kind: 'tiered', counter: 'reactionsReceived', thresholds: { bronze: 1, silver: 2, gold: 3 } }],
    });
    const comment = await c.post(AMAL, 'Small community');
    await c.engine.react(BILAL, comment.id, '👍', true, key('react'));
    await expectBadge(c, 'a', 'appreciated', { tier: 'bronze', progress: 1, nextTier: 'silver', nextThreshold: 2 });
    await c.engine.react(CHEN, comment.id, '👍', true, key('react'));
    await c.engine.react(DINA, comment.id, '👍', true, key('react'));
    await expectBadge(c, 'a', 'appreciated', { tier: 'gold', progress: 3, nextTier: null, nextThreshold: null });
  });

  it('voting earns the voter badge: bronze at 5 polls, silver at 25, gold at 100 (default rules)', async () => {
    const c = community();
    const heard = awards(c, 'a');
    let voted = 0;
    const voteUntil = async (n: number) => {
      while (voted < n) {
        const poll = await c.engine.createPoll(MOD, { question: `Poll number ${voted}?`, options: ['Yes', 'No'] }, key('poll'));
        await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
        voted++;
      }
    };
    await voteUntil(4);
    await expectBadge(c, 'a', 'voter', { tier: null, progress: 4, nextTier: 'bronze', nextThreshold: 5 });
    await voteUntil(5);
    await expectBadge(c, 'a', 'voter', { tier: 'bronze', progress: 5, nextTier: 'silver', nextThreshold: 25 });
    await voteUntil(24);
    await expectBadge(c, 'a', 'voter', { tier: 'bronze', progress: 24, nextTier: 'silver', nextThreshold: 25 });
    await voteUntil(25);
    await expectBadge(c, 'a', 'voter', { tier: 'silver', progress: 25, nextTier: 'gold', nextThreshold: 100 });
    await voteUntil(99);
    await expectBadge(c, 'a', 'voter', { tier: 'silver', progress: 99, nextTier: 'gold', nextThreshold: 100 });
    await voteUntil(100);
    await expectBadge(c, 'a', 'voter', { tier: 'gold', progress: 100, nextTier: null, nextThreshold: null });
    assert.deepEqual(heard, ['voter:bronze', 'voter:silver', 'voter:gold']);
  });

  it('a changed vote does not count as another poll voted in', async () => {
    const c = community({ badges: [{ id: 'voter', kind: 'tiered', counter: 'pollVotes', thresholds: { bronze: 2 } }] });
    const poll = await c.engine.createPoll(MOD, { question: 'Tea or coffee?', options: ['Tea', 'Coffee'] }, key('poll'));
    await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
    await c.engine.vote(AMAL, poll.id, ['o2'], key('vote'));
    await expectBadge(c, 'a', 'voter', { tier: null, progress: 1, nextTier: 'bronze', nextThreshold: 2 });
  });

  it('upheld reports earn the guardian badge: bronze at 3, silver at 25, gold at 100 (default rules)', async () => {
    const c = community();
    const heard = awards(c, 'a');
    let upheld = 0;
    const upholdUntil = async (n: number) => {
      while (upheld < n) {
        const spam = await c.post(BILAL, `spam message ${upheld}`);
        await c.report(AMAL, spam.id);
        await c.decide(`comment:${spam.id}`, 'remove');
        c.clock.advance(7 * MINUTE); // stay under the limit of 10 reports an hour
        upheld++;
      }
    };
    await upholdUntil(2);
    await expectBadge(c, 'a', 'guardian', { tier: null, progress: 2, nextTier: 'bronze', nextThreshold: 3 });
    await upholdUntil(3);
    await expectBadge(c, 'a', 'guardian', { tier: 'bronze', progress: 3, nextTier: 'silver', nextThreshold: 25 });
    await upholdUntil(24);
    await expectBadge(c, 'a', 'guardian', { tier: 'bronze', progress: 24, nextTier: 'silver', nextThreshold: 25 });
    await upholdUntil(25);
    await expectBadge(c, 'a', 'guardian', { tier: 'silver', progress: 25, nextTier: 'gold', nextThreshold: 100 });
    await upholdUntil(99);
    await expectBadge(c, 'a', 'guardian', { tier: 'silver', progress: 99, nextTier: 'gold', nextThreshold: 100 });
    await upholdUntil(100);
    await expectBadge(c, 'a', 'guardian', { tier: 'gold', progress: 100, nextTier: null, nextThreshold: null });
    assert.deepEqual(heard, ['guardian:bronze', 'guardian:silver', 'guardian:gold']);
  });

  it('a dismissed report does not count toward the guardian badge', async () => {
    const c = community();
    const fine = await c.post(BILAL, 'A perfectly fine remark');
    await c.report(AMAL, fine.id);
    await c.decide(`comment:${fine.id}`, 'approve');
    await expectBadge(c, 'a', 'guardian', { tier: null, progress: 0, nextTier: 'bronze', nextThreshold: 3 });
  });

  it('a featured comment earns the featured badge once, and it becomes the top badge', async () => {
    const c = community();
    const heard = awards(c, 'a');
    const first = await c.post(AMAL, 'A good answer');
    const second = await c.post(AMAL, 'Another good answer');
    await expectBadge(c, 'a', 'featured', { tier: null, progress: 0, nextTier: 'gold', nextThreshold: 1 });
    await c.engine.featureComment(MOD, first.id, true, key('feature'));
    await c.engine.featureComment(MOD, second.id, true, key('feature'));
    const featured = await c.badge('a', 'featured');
    assert.equal(featured.kind, 'single');
    assert.equal(featured.tier, 'gold');
    assert.equal(featured.nextThreshold, null);
    assert.deepEqual(heard, ['first-comment:bronze', 'featured:gold'], 'awarded once');
    assert.deepEqual((await c.member('a')).topBadge, { id: 'featured', tier: 'gold' });
  });

  it('the top badge on a member is the highest tier earned, not the latest', async () => {
    const c = community({
      badges: [
        { id: 'first-comment', kind: 'single', counter: 'comments', thresholds: { bronze: 1 } },
        { id: 'commenter', kind: 'tiered', counter: 'comments', thresholds: { bronze: 2, silver: 3, gold: 10 } },
        { id: 'voter', kind: 'tiered', counter: 'pollVotes', thresholds: { bronze: 1 } },
      ],
    });
    await c.post(AMAL, 'one');
    assert.deepEqual((await c.member('a')).topBadge, { id: 'first-comment', tier: 'bronze' });
    await c.post(AMAL, 'two');
    await c.post(AMAL, 'three');
    assert.deepEqual((await c.member('a')).topBadge, { id: 'commenter', tier: 'silver' });
    const poll = await c.engine.createPoll(MOD, { question: 'Yes?', options: ['Yes', 'No'] }, key('poll'));
    await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
    assert.deepEqual((await c.member('a')).topBadge, { id: 'commenter', tier: 'silver' }, 'a later bronze does not replace a silver');
  });

  it('badges are announced as badge.awarded on the member:<id> topic only', async () => {
    const c = community();
    const events: { type: string; topic: string }[] = [];
    c.engine.subscribe('member:b', (e) => events.push(e));
    const mine = awards(c, 'a');
    await c.post(AMAL, 'Hello');
    assert.deepEqual(mine, ['first-comment:bronze']);
    assert.equal(events.filter((e) => e.type === 'badge.awarded').length, 0, "another member's topic hears nothing");
    const all: { type: string; topic: string }[] = [];
    c.engine.subscribeAll((e) => all.push(e));
    await c.post(BILAL, 'Hi');
    const awarded = all.filter((e) => e.type === 'badge.awarded');
    assert.deepEqual(awarded.map((e) => e.topic), ['member:b']);
  });

  it('moderators and admins have role badges; members do not', async () => {
    const c = community();
    for (const actor of [AMAL, MOD, ADMIN]) await c.engine.viewer(actor);
    const roleBadges = async (id: string) => (await c.engine.badges(null, id)).filter((b) => b.kind === 'role').map((b) => b.id);
    assert.deepEqual(await roleBadges('a'), []);
    assert.deepEqual(await roleBadges('m'), ['moderator']);
    assert.deepEqual(await roleBadges('adm'), ['admin']);
    const role = (await c.engine.badges(null, 'm')).find((b) => b.id === 'moderator');
    assert.equal(role?.tier, 'gold');
    assert.equal(role?.nextThreshold, null);
  });

  it('a role badge follows the claims: it goes when the host no longer signs the role', async () => {
    const c = community();
    await c.engine.viewer(MOD);
    assert.ok((await c.engine.badges(null, 'm')).some((b) => b.id === 'moderator'));
    await c.engine.viewer(person('m', 'Mod'));
    assert.ok(!(await c.engine.badges(null, 'm')).some((b) => b.id === 'moderator'));
  });

  it('an awarded badge is kept when its count falls again', async () => {
    const c = community();
    const heard = awards(c, 'a');
    const comment = await c.post(AMAL, 'Oops, wrong thread');
    await c.engine.deleteComment(AMAL, comment.id, key('delete'));
    const first = await c.badge('a', 'first-comment');
    assert.equal(first.progress, 0);
    assert.equal(first.tier, 'bronze', 'kept');
    await c.post(AMAL, 'Right thread now');
    assert.deepEqual(heard, ['first-comment:bronze'], 'not awarded twice');
  });
});
