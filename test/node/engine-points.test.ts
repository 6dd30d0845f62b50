import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RULES } from '../../src/engine/index.js';
import { key, AMAL, BILAL, CHEN, DINA, MOD, community } from './support/engine.js';


describe('engine points', () => {
  it('the default rules give the points the design names', () => {
    assert.deepEqual(DEFAULT_RULES.points, {
      comment: 2,
      commentDailyCap: 20,
      reactionReceived: 1,
      replyReceived: 1,
      pollVote: 1,
      commentFeatured: 10,
      reportUpheld: 3,
      postRemoved: -10,
    });
  });

  it('a comment earns its author 2 points', async () => {
    const c = community();
    await c.post(AMAL, 'Salam, everyone');
    assert.equal(await c.points('a'), 2);
    await c.post(AMAL, 'A second thought');
    assert.equal(await c.points('a'), 4);
  });

  it('comments earn at most 20 points a day, though every comment still counts', async () => {
    const c = community();
    for (let i = 1; i <= 12; i++) await c.post(AMAL, `comment number ${i}`);
    assert.equal(await c.points('a'), 20, 'points stop at the daily cap');
    assert.equal((await c.member('a')).commentCount, 12, 'comments past the cap still count');
  });

  it('the comment cap resets at 00:00 UTC the next day, not 24 hours after the first comment', async () => {
    const c = community();
    c.clock.set('2026-03-02T23:50:00Z');
    for (let i = 1; i <= 11; i++) await c.post(AMAL, `late comment ${i}`);
    assert.equal(await c.points('a'), 20, 'capped on Monday');
    c.clock.set('2026-03-03T00:00:00Z');
    await c.post(AMAL, 'first comment on Tuesday');
    assert.equal(await c.points('a'), 22, 'a new UTC day brings new comment points');
  });

  it('a reaction received earns 1 point, and taking the reaction back takes the point away', async () => {
    const c = community();
    const comment = await c.post(AMAL, 'Worth a like');
    await c.engine.react(BILAL, comment.id, '👍', true, key('react'));
    assert.equal(await c.points('a'), 3);
    await c.engine.react(CHEN, comment.id, '❤️', true, key('react'));
    assert.equal(await c.points('a'), 4);
    await c.engine.react(BILAL, comment.id, '👍', false, key('react'));
    assert.equal(await c.points('a'), 3, 'taken back');
    assert.equal((await c.badge('a', 'appreciated')).progress, 1);
    assert.equal(await c.points('b'), 0, 'the one reacting earns nothing');
  });

  it('reacting to your own comment earns nothing', async () => {
    const c = community();
    const comment = await c.post(AMAL, 'I like my own words');
    await c.engine.react(AMAL, comment.id, '👍', true, key('react'));
    await c.engine.react(AMAL, comment.id, '🔥', true, key('react'));
    assert.equal(await c.points('a'), 2, 'only the comment point');
    assert.equal((await c.badge('a', 'appreciated')).progress, 0, 'own reactions are not reactions received');
  });

  it('a reply earns the author of the comment replied to 1 point', async () => {
    const c = community();
    const comment = await c.post(AMAL, 'What do you think?');
    await c.post(BILAL, 'I agree', { parentId: comment.id });
    assert.equal(await c.points('a'), 3, '2 for the comment + 1 for the reply received');
    assert.equal(await c.points('b'), 2, 'the replier earns the comment points only');
  });

  it('replying to yourself earns no reply point', async () => {
    const c = community();
    const comment = await c.post(AMAL, 'A thought');
    await c.post(AMAL, 'And a follow-up', { parentId: comment.id });
    assert.equal(await c.points('a'), 4, 'two comments, no reply point');
  });

  it('a first poll vote earns 1 point; changing the vote or voting the same again earns nothing', async () => {
    const c = community();
    const poll = await c.engine.createPoll(MOD, { question: 'Tea or coffee?', options: ['Tea', 'Coffee'] }, key('poll'));
    await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
    assert.equal(await c.points('a'), 1);
    await c.engine.vote(AMAL, poll.id, ['o2'], key('vote'));
    assert.equal(await c.points('a'), 1, 'a changed vote earns nothing');
    await c.engine.vote(AMAL, poll.id, ['o2'], key('vote'));
    assert.equal(await c.points('a'), 1, 'the same vote again earns nothing');
  });

  it('a featured comment earns 10 points once, even if unfeatured and featured again', async () => {
    const c = community();
    const comment = await c.post(AMAL, 'A thoughtful answer');
    await c.engine.featureComment(MOD, comment.id, true, key('feature'));
    assert.equal(await c.points('a'), 12);
    await c.engine.featureComment(MOD, comment.id, false, key('feature'));
    await c.engine.featureComment(MOD, comment.id, true, key('feature'));
    assert.equal(await c.points('a'), 12, 'no second 10 points');
    assert.equal((await c.badge('a', 'featured')).progress, 1);
  });

  it('an upheld report earns each of its reporters 3 points; a dismissed one earns nothing', async () => {
    const c = community();
    const bad = await c.post(AMAL, 'Buy cheap watches here');
    const fine = await c.post(AMAL, 'A harmless remark');
    await c.report(BILAL, bad.id);
    await c.report(CHEN, bad.id);
    await c.report(DINA, fine.id);
    await c.decide(`comment:${bad.id}`, 'remove');
    await c.decide(`comment:${fine.id}`, 'approve');
    assert.equal(await c.points('b'), 3);
    assert.equal(await c.points('c'), 3);
    assert.equal((await c.member('d')).points, 0, 'a dismissed report earns nothing');
  });

  it('a post removed by moderators costs its author 10 points', async () => {
    const c = community();
    const comment = await c.post(AMAL, 'Something rude');
    await c.post(AMAL, 'Something fine');
    assert.equal(await c.points('a'), 4);
    await c.report(BILAL, comment.id);
    await c.decide(`comment:${comment.id}`, 'remove');
    assert.equal(await c.points('a'), -6);
  });
});
