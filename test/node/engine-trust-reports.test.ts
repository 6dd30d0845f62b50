import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ViewerClaims } from '../../src/core/types.js';
import { DEFAULT_RULES } from '../../src/engine/index.js';
import { SECOND, DAY, START, key, person, AMAL, BILAL, CHEN, MOD, ADMIN, community, refused } from './support/engine.js';


type Community = ReturnType<typeof community>;

/** Three comments: enough to leave `new` once the member is a day old. */
async function threeComments(c: Community, actor: ViewerClaims) {
  for (let i = 1; i <= 3; i++) await c.post(actor, `warm-up ${actor.id} ${i}`, { thread: `warmup-${actor.id}` });
}

/** Ten featured comments: 20 + 100 = 120 points. Trusted once a day old. */
async function tenFeatured(c: Community, actor: ViewerClaims) {
  for (let i = 1; i <= 10; i++) {
    const comment = await c.post(actor, `insightful ${actor.id} ${i}`, { thread: `featured-${actor.id}` });
    await c.engine.featureComment(MOD, comment.id, true, key('feature'));
  }
}

const trust = async (c: Community, actor: ViewerClaims) => (await c.engine.viewer(actor))?.trustLevel;
const newcomer = (i: number) => person(`new${i}`, `Newcomer ${i}`);
const regular = (i: number) => person(`reg${i}`, `Regular ${i}`);
const veteran = (i: number) => person(`vet${i}`, `Veteran ${i}`);

describe('engine trust levels', () => {
  it('the default rules hold the trust and report numbers the design names', () => {
    assert.deepEqual(DEFAULT_RULES.trust, { newMaxComments: 3, newMaxAgeMs: DAY, trustedMinPoints: 100 });
    assert.deepEqual(DEFAULT_RULES.reports.weights, { new: 0.5, member: 1, trusted: 1.5 });
    assert.equal(DEFAULT_RULES.reports.hideThreshold, 3);
  });

  it('a member with fewer than 3 comments stays new, however long ago they joined', async () => {
    const c = community();
    assert.equal(await trust(c, AMAL), 'new');
    await c.post(AMAL, 'one');
    await c.post(AMAL, 'two');
    c.clock.advance(30 * DAY);
    assert.equal(await trust(c, AMAL), 'new', 'two comments, a month old');
    await c.post(AMAL, 'three');
    assert.equal(await trust(c, AMAL), 'member');
  });

  it('a member younger than a day stays new, however many comments they wrote', async () => {
    const c = community();
    await c.engine.viewer(AMAL); // joins now
    for (let i = 1; i <= 5; i++) await c.post(AMAL, `eager comment ${i}`);
    c.clock.set(Date.parse(START) + DAY - 1);
    assert.equal(await trust(c, AMAL), 'new', 'one millisecond short of a day');
    c.clock.set(Date.parse(START) + DAY);
    assert.equal(await trust(c, AMAL), 'member', 'a day old with 5 comments');
  });

  it('a member with 100 points and no upheld reports against them is trusted; 99 points is not enough', async () => {
    const c = community();
    for (let i = 1; i <= 9; i++) {
      const comment = await c.post(AMAL, `answer ${i}`);
      if (i <= 8) await c.engine.featureComment(MOD, comment.id, true, key('feature'));
    }
    const last = (await c.listed(null)).at(-1)!;
    c.clock.advance(DAY);
    assert.equal(await c.points('a'), 98);
    await c.engine.react(BILAL, last.id, '👍', true, key('react'));
    assert.equal(await c.points('a'), 99);
    assert.equal(await trust(c, AMAL), 'member');
    await c.engine.react(CHEN, last.id, '👍', true, key('react'));
    assert.equal(await c.points('a'), 100);
    assert.equal(await trust(c, AMAL), 'trusted');
  });

  it('a trusted member loses trust after an upheld report against them, but not after a dismissed one', async () => {
    const c = community();
    await tenFeatured(c, AMAL);
    const comments = await c.listed(null, 'featured-a');
    c.clock.advance(DAY);
    assert.equal(await trust(c, AMAL), 'trusted');
    await c.report(BILAL, comments[0]!.id);
    await c.decide(`comment:${comments[0]!.id}`, 'approve');
    assert.equal(await trust(c, AMAL), 'trusted', 'a dismissed report changes nothing');
    await c.report(CHEN, comments[1]!.id);
    await c.decide(`comment:${comments[1]!.id}`, 'remove');
    assert.equal(await c.points('a'), 110, 'still over 100 points after the removal');
    assert.equal(await trust(c, AMAL), 'member', 'no longer trusted');
  });

  it('moderators and admins have their own trust levels, from the roles the host signs', async () => {
    const c = community();
    assert.equal(await trust(c, MOD), 'moderator');
    assert.equal(await trust(c, ADMIN), 'admin');
    assert.equal(await trust(c, person('both', 'Both', ['moderator', 'admin'])), 'admin');
  });

  it('a role counts only while the claims carry it: a former moderator is a plain member again', async () => {
    const c = community();
    const comment = await c.post(AMAL, 'Feature me');
    assert.equal(await trust(c, MOD), 'moderator');
    const formerMod = person('m', 'Mod');
    assert.equal(await trust(c, formerMod), 'new');
    await refused(c.engine.featureComment(formerMod, comment.id, true, key('feature')), 'forbidden');
    const report = await c.report(formerMod, comment.id);
    assert.equal(report.weight, 0.5, 'reports weigh as a new member');
    assert.equal((await c.listed(null))[0]?.status, 'visible', 'and do not hide at once');
    const forged = { id: 'x', name: 'Forger', roles: ['superuser'] } as unknown as ViewerClaims;
    assert.equal(await trust(c, forged), 'new', 'unknown roles are ignored');
  });

  it('a malformed role claim grants nothing: roles must be a list naming the role', async () => {
    const c = community();
    const comment = await c.post(AMAL, 'Feature me');
    for (const roles of ['not an admin', 'moderators only', 'admin']) {
      const sly = { id: 'sly', name: 'Sly', roles } as unknown as ViewerClaims;
      assert.equal(await trust(c, sly), 'new');
      await refused(c.engine.createPoll(sly, { question: 'Who is in charge?', options: ['Me', 'You'] }, key('poll')), 'forbidden');
      await refused(c.engine.featureComment(sly, comment.id, true, key('feature')), 'forbidden');
      await refused(c.engine.ban(sly, 'a', new Date(c.clock.now() + DAY).toISOString(), 'Because', key('ban')), 'forbidden');
      await refused(c.engine.audit(sly), 'forbidden');
    }
  });
});

describe('engine reports', () => {
  it('the report reasons are those of the design, and "other" needs a note', async () => {
    const c = community();
    const comment = await c.post(AMAL, 'Something');
    const reasons = ['spam', 'harassment', 'hate', 'violence', 'sexual', 'misinformation', 'scam', 'off-topic', 'other'] as const;
    for (const [i, reason] of reasons.entries()) {
      const reporter = person(`r${i}`, `Reporter ${i}`);
      if (reason === 'other') {
        await refused(c.engine.submitReport(reporter, { target: `comment:${comment.id}`, reason }, key('report')), 'invalid', 'note_required');
        await c.engine.submitReport(reporter, { target: `comment:${comment.id}`, reason, note: 'It is an advert' }, key('report'));
      } else {
        await c.engine.submitReport(reporter, { target: `comment:${comment.id}`, reason }, key('report'));
      }
    }
    await refused(c.engine.submitReport(BILAL, { target: `comment:${comment.id}`, reason: 'rude' as never }, key('report')), 'invalid');
  });

  it('a report weighs 0.5 from a new member, 1 from a member and 1.5 from a trusted member', async () => {
    const c = community();
    await threeComments(c, regular(1));
    await tenFeatured(c, veteran(1));
    c.clock.advance(DAY);
    assert.equal(await trust(c, newcomer(1)), 'new');
    assert.equal(await trust(c, regular(1)), 'member');
    assert.equal(await trust(c, veteran(1)), 'trusted');
    const comment = await c.post(AMAL, 'Questionable');
    assert.equal((await c.report(newcomer(1), comment.id)).weight, 0.5);
    assert.equal((await c.report(regular(1), comment.id)).weight, 1);
    const [item] = (await c.engine.queue(MOD, { state: 'reported' })).items;
    assert.equal(item?.score, 1.5, 'the queue sums the weights');
    const other = await c.post(AMAL, 'Questionable too');
    assert.equal((await c.report(veteran(1), other.id)).weight, 1.5);
  });

  it('reports from new members hide a comment when their weights reach 3: five do not, six do', async () => {
    const c = community();
    const comment = await c.post(AMAL, 'Spammy');
    for (let i = 1; i <= 5; i++) await c.report(newcomer(i), comment.id);
    assert.equal((await c.engine.getComment(null, comment.id)).status, 'visible', 'a weight of 2.5');
    await c.report(newcomer(6), comment.id);
    assert.equal((await c.engine.getComment(AMAL, comment.id)).status, 'hidden', 'a weight of 3');
    const [item] = (await c.engine.queue(MOD, { state: 'pending' })).items;
    assert.equal(item?.target, `comment:${comment.id}`);
    assert.equal(item?.heldBecause, 'reports');
  });

  it('reports from members hide a comment at the third; trusted members at the second', async () => {
    const c = community();
    for (let i = 1; i <= 3; i++) await threeComments(c, regular(i));
    for (let i = 1; i <= 2; i++) await tenFeatured(c, veteran(i));
    c.clock.advance(DAY);
    const byMembers = await c.post(AMAL, 'First questionable comment');
    await c.report(regular(1), byMembers.id);
    await c.report(regular(2), byMembers.id);
    assert.equal((await c.engine.getComment(null, byMembers.id)).status, 'visible', 'a weight of 2');
    await c.report(regular(3), byMembers.id);
    assert.equal((await c.engine.getComment(AMAL, byMembers.id)).status, 'hidden', 'a weight of 3');

    const byTrusted = await c.post(AMAL, 'Second questionable comment');
    await c.report(veteran(1), byTrusted.id);
    await c.report(regular(1), byTrusted.id);
    assert.equal((await c.engine.getComment(null, byTrusted.id)).status, 'visible', 'a weight of 2.5');
    await c.report(veteran(2), byTrusted.id);
    assert.equal((await c.engine.getComment(AMAL, byTrusted.id)).status, 'hidden', 'a weight of 4');

    const byTwoTrusted = await c.post(AMAL, 'Third questionable comment');
    await c.report(veteran(1), byTwoTrusted.id);
    await c.report(veteran(2), byTwoTrusted.id);
    assert.equal((await c.engine.getComment(AMAL, byTwoTrusted.id)).status, 'hidden', 'two trusted members weigh 3');
  });

  it("a moderator's or admin's report hides the comment at once", async () => {
    const c = community();
    const first = await c.post(AMAL, 'Nasty');
    const second = await c.post(AMAL, 'Also nasty');
    await c.report(MOD, first.id);
    await c.report(ADMIN, second.id);
    assert.equal((await c.engine.getComment(AMAL, first.id)).status, 'hidden');
    assert.equal((await c.engine.getComment(AMAL, second.id)).status, 'hidden');
  });

  it('a hidden comment leaves listings and counts for others, while its author still sees it', async () => {
    const c = community();
    const kept = await c.post(BILAL, 'A fine comment');
    const comment = await c.post(AMAL, 'Hide me');
    assert.equal(await c.count(), 2);
    await c.report(MOD, comment.id);
    assert.deepEqual((await c.listed(null)).map((x) => x.id), [kept.id], 'guests no longer see it');
    assert.deepEqual((await c.listed(BILAL)).map((x) => x.id), [kept.id], 'other members no longer see it');
    assert.equal(await c.count(), 1, 'not counted');
    const own = await c.listed(AMAL);
    assert.deepEqual(own.map((x) => [x.id, x.status]), [[kept.id, 'visible'], [comment.id, 'hidden']], 'its author sees it, marked hidden');
    await refused(c.engine.getComment(BILAL, comment.id), 'not_found');
  });

  it('a hidden comment that has replies stays only as an empty placeholder: no text and no author for others', async () => {
    const c = community();
    const comment = await c.post(AMAL, 'Something nasty with an answer');
    await c.post(BILAL, 'Please do not say that', { parentId: comment.id });
    await c.engine.editComment(AMAL, comment.id, 'Something nastier with an answer', key('edit'));
    await c.report(MOD, comment.id);
    const [placeholder] = await c.listed(CHEN);
    assert.equal(placeholder?.id, comment.id, 'kept so the reply can still be reached');
    assert.equal(placeholder?.status, 'hidden');
    assert.equal(placeholder?.body, '', 'no text');
    assert.equal(placeholder?.authorId, '', 'no author');
    assert.equal((await c.engine.getComment(null, comment.id)).body, '', 'not through getComment either');
    assert.deepEqual(await c.engine.history(CHEN, comment.id), [], 'nor through the edit history');
    assert.equal(await c.count(), 1, 'only the reply is counted');
    assert.equal((await c.engine.getComment(AMAL, comment.id)).body, 'Something nastier with an answer', 'its author still sees the text');
    assert.equal((await c.engine.getComment(MOD, comment.id)).body, 'Something nastier with an answer', 'a moderator reading it sees the text');
    const [item] = (await c.engine.queue(MOD, { state: 'pending' })).items;
    assert.equal(item?.comment?.body, 'Something nastier with an answer', 'moderators see the text in the queue');
  });

  it('reporters see whether their report was upheld or dismissed', async () => {
    const c = community();
    const outcomes: string[] = [];
    c.engine.subscribe('member:b', (e) => {
      if (e.type === 'report.decided') outcomes.push(e.status);
    });
    const bad = await c.post(AMAL, 'Scam link');
    const fine = await c.post(AMAL, 'Just an opinion');
    await c.report(BILAL, bad.id);
    await c.report(BILAL, fine.id);
    const before = await c.engine.myReports(BILAL);
    assert.deepEqual(before.items.map((r) => r.status), ['open', 'open']);
    await c.decide(`comment:${bad.id}`, 'remove');
    await c.decide(`comment:${fine.id}`, 'approve');
    const after = await c.engine.myReports(BILAL);
    const status = Object.fromEntries(after.items.map((r) => [r.target, r.status]));
    assert.deepEqual(status, { [`comment:${bad.id}`]: 'upheld', [`comment:${fine.id}`]: 'dismissed' });
    assert.ok(after.items.every((r) => r.decidedAt !== null), 'with the time of the decision');
    assert.deepEqual(outcomes, ['upheld', 'dismissed'], 'and hear it live');
  });

  it('a retried report with the same key makes one report', async () => {
    const c = community();
    const comment = await c.post(AMAL, 'Report me once');
    const k = key('report');
    const first = await c.engine.submitReport(BILAL, { target: `comment:${comment.id}`, reason: 'spam' }, k);
    const again = await c.engine.submitReport(BILAL, { target: `comment:${comment.id}`, reason: 'spam' }, k);
    assert.deepEqual(again, first);
    assert.equal((await c.engine.myReports(BILAL)).items.length, 1);
    const [item] = (await c.engine.queue(MOD, { state: 'reported' })).items;
    assert.equal(item?.reports.length, 1);
    assert.equal(item?.score, 0.5);
  });

  it('every moderator action is kept in the audit log, and an automatic hide is logged as the system', async () => {
    const c = community();
    const tick = () => c.clock.advance(SECOND); // one action a second, so the log's newest-first order is clear
    const poll = await c.engine.createPoll(MOD, { question: 'Open the forum on Fridays?', options: ['Yes', 'No'] }, key('poll'));
    tick();
    await c.engine.closePoll(ADMIN, poll.id, key('close'));
    const star = await c.post(AMAL, 'A comment to feature');
    await c.engine.featureComment(MOD, star.id, true, key('feature'));
    tick();
    await c.engine.featureComment(MOD, star.id, false, key('feature'));
    const hiddenByReports = await c.post(AMAL, 'A comment many report');
    for (let i = 1; i <= 6; i++) await c.report(newcomer(i), hiddenByReports.id);
    tick();
    await c.decide(`comment:${hiddenByReports.id}`, 'approve');
    const removed = await c.post(AMAL, 'A comment to remove');
    await c.report(BILAL, removed.id);
    await c.decide(`comment:${removed.id}`, 'remove', ADMIN);
    tick();
    await c.engine.ban(MOD, 'b', new Date(c.clock.now() + DAY).toISOString(), 'Spamming', key('ban'));
    tick();
    await c.engine.unban(MOD, 'b', key('unban'));

    const log = (await c.engine.audit(MOD, { limit: 100 })).items;
    const seen = log.map((e) => `${e.action} by ${e.actorId} on ${e.target}`).reverse();
    assert.deepEqual(seen, [
      `create-poll by m on poll:${poll.id}`,
      `close-poll by adm on poll:${poll.id}`,
      `feature by m on comment:${star.id}`,
      `unfeature by m on comment:${star.id}`,
      `auto-hide by system on comment:${hiddenByReports.id}`,
      `approve by m on comment:${hiddenByReports.id}`,
      `remove by adm on comment:${removed.id}`,
      'ban by m on member:b',
      'unban by m on member:b',
    ]);
    assert.equal(log.find((e) => e.action === 'remove')?.reason, 'breaks the rules');
    assert.equal(log.find((e) => e.action === 'ban')?.reason, 'Spamming');
    await refused(c.engine.audit(AMAL), 'forbidden');
  });
});

describe('engine moderation: a removed comment stays removed', () => {
  it('a removed comment cannot be reported again, so it cannot come back to the queue', async () => {
    const c = community();
    const bad = await c.post(AMAL, 'Buy followers here');
    await c.report(BILAL, bad.id);
    await c.decide(`comment:${bad.id}`, 'remove');
    const points = await c.points('a');
    await refused(c.report(CHEN, bad.id), 'not_found');
    assert.deepEqual((await c.engine.queue(MOD, { state: 'reported' })).items, [], 'nothing back in the queue');
    assert.equal(await c.points('a'), points, 'the author is not penalised again');
  });

  it('a decision on an already removed comment changes neither its status nor its author’s points', async () => {
    const c = community();
    const bad = await c.post(AMAL, 'Buy followers here');
    await c.report(BILAL, bad.id);
    await c.decide(`comment:${bad.id}`, 'remove');
    const points = await c.points('a');
    const comments = (await c.member('a')).commentCount;
    // A stale queue entry, e.g. from an older copy of the store, offers it for a decision again.
    const reopen = () => c.engine.store.putModeration({ target: `comment:${bad.id}`, state: 'reported', heldBecause: null, createdAt: c.clock.now(), decidedAt: null });
    await reopen();
    await c.decide(`comment:${bad.id}`, 'approve');
    assert.equal((await c.engine.getComment(MOD, bad.id)).status, 'removed', '"approve" does not bring it back');
    assert.deepEqual(await c.listed(null), []);
    assert.equal(await c.count(), 0);
    await reopen();
    await c.decide(`comment:${bad.id}`, 'remove');
    assert.equal(await c.points('a'), points, 'no second penalty');
    assert.equal((await c.member('a')).commentCount, comments, 'not uncounted twice');
  });
});

describe('engine moderation: decisions that do two things at once', () => {
  it('a removal with a ban does both or neither, and the ban ends on time', async () => {
    const c = community();
    const spam = await c.post(AMAL, 'Cheap watches here');
    await c.report(BILAL, spam.id);
    const own = await c.post(MOD, 'A moderator’s own post');
    await c.report(BILAL, own.id);
    const until = new Date(c.clock.now() + DAY).toISOString();
    // Banning oneself is refused, and so the removal it came with is undone too.
    await refused(c.engine.decide(MOD, { target: `comment:${own.id}`, action: 'remove', reason: 'Test', banUntil: until }, key('d')), 'invalid');
    assert.equal((await c.engine.getComment(BILAL, own.id)).status, 'visible', 'the refused removal changed nothing');
    assert.equal((await c.engine.queue(MOD, { state: 'reported' })).items.length, 2, 'both items still wait');

    await c.engine.decide(MOD, { target: `comment:${spam.id}`, action: 'remove', reason: 'Selling watches', banUntil: until }, key('d'));
    await refused(c.post(AMAL, 'During the ban'), 'forbidden', 'banned');
    c.clock.advance(DAY);
    await c.post(AMAL, 'After the ban');
    const [item] = (await c.engine.queue(MOD, { state: 'reported' })).items;
    assert.equal(item?.target, `comment:${own.id}`);
    assert.equal((await c.engine.viewer(AMAL))?.bannedUntil, null);
  });

  it('the queue shows the author’s record: an upheld report against them counts from then on', async () => {
    const c = community();
    const first = await c.post(AMAL, 'First offence');
    const second = await c.post(AMAL, 'Second offence');
    await c.report(BILAL, first.id);
    await c.report(BILAL, second.id);
    const before = (await c.engine.queue(MOD, { state: 'reported' })).items.map((i) => i.author?.upheldReports);
    assert.deepEqual(before, [0, 0]);
    await c.decide(`comment:${first.id}`, 'remove');
    const [left] = (await c.engine.queue(MOD, { state: 'reported' })).items;
    assert.equal(left?.author?.upheldReports, 1);
    assert.equal(left?.author?.name, AMAL.name);
  });
});
