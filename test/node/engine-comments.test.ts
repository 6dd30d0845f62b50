import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RULES } from '../../src/engine/index.js';
import { SECOND, MINUTE, HOUR, DAY, key, AMAL, BILAL, CHEN, DINA, MOD, community, refused } from './support/engine.js';


describe('engine comments: editing', () => {
  it('the default rules hold the comment limits the design names', () => {
    assert.equal(DEFAULT_RULES.comments.editWindowMs, 15 * MINUTE);
    assert.equal(DEFAULT_RULES.comments.minIntervalMs, 3 * SECOND);
  });

  it('an author can edit for 15 minutes, and every earlier text is kept in order', async () => {
    const c = community();
    const posted = await c.engine.postComment(AMAL, { thread: 'talk', body: 'first text' }, key('post'));
    const at = Date.parse(posted.createdAt);
    c.clock.set(at + MINUTE);
    await c.engine.editComment(AMAL, posted.id, 'second text', key('edit'));
    c.clock.set(at + 15 * MINUTE);
    const last = await c.engine.editComment(AMAL, posted.id, 'third text', key('edit'));
    assert.equal(last.body, 'third text', 'still editable at exactly 15 minutes');
    assert.equal(last.editCount, 2);
    assert.equal(last.editedAt, new Date(at + 15 * MINUTE).toISOString());
    const history = await c.engine.history(BILAL, posted.id);
    assert.deepEqual(history, [
      { body: 'first text', replacedAt: new Date(at + MINUTE).toISOString() },
      { body: 'second text', replacedAt: new Date(at + 15 * MINUTE).toISOString() },
    ]);
  });

  it('an edit after the 15-minute window is refused and changes nothing', async () => {
    const c = community();
    const posted = await c.engine.postComment(AMAL, { thread: 'talk', body: 'final words' }, key('post'));
    c.clock.set(Date.parse(posted.createdAt) + 15 * MINUTE + 1);
    await refused(c.engine.editComment(AMAL, posted.id, 'changed my mind', key('edit')), 'forbidden', 'edit_window');
    const now = await c.engine.getComment(null, posted.id);
    assert.equal(now.body, 'final words');
    assert.equal(now.editCount, 0);
    assert.deepEqual(await c.engine.history(null, posted.id), []);
  });

  it('only the author can edit a comment', async () => {
    const c = community();
    const posted = await c.post(AMAL, 'my words');
    await refused(c.engine.editComment(BILAL, posted.id, 'your words', key('edit')), 'forbidden');
    await refused(c.engine.editComment(MOD, posted.id, 'moderated words', key('edit')), 'forbidden');
    assert.equal((await c.engine.getComment(null, posted.id)).body, 'my words');
  });
});

describe('engine comments: deleting', () => {
  it('a deleted comment without replies is gone', async () => {
    const c = community();
    const posted = await c.post(AMAL, 'never mind');
    await c.engine.deleteComment(AMAL, posted.id, key('delete'));
    assert.deepEqual(await c.listed(null), []);
    assert.equal(await c.count(), 0);
    await refused(c.engine.getComment(null, posted.id), 'not_found');
  });

  it('a deleted comment with replies leaves an empty placeholder, and its replies stay', async () => {
    const c = community();
    const parent = await c.post(AMAL, 'a question');
    const reply = await c.post(BILAL, 'an answer', { parentId: parent.id });
    await c.engine.deleteComment(AMAL, parent.id, key('delete'));
    const [placeholder, ...rest] = await c.listed(null);
    assert.equal(rest.length, 0);
    assert.equal(placeholder?.id, parent.id);
    assert.equal(placeholder?.status, 'deleted');
    assert.equal(placeholder?.body, '');
    assert.equal(placeholder?.authorId, '');
    assert.equal(placeholder?.replyCount, 1);
    assert.deepEqual((await c.listed(null, 'talk', parent.id)).map((x) => x.id), [reply.id]);
    assert.deepEqual(await c.engine.history(null, parent.id), [], 'no earlier text either');
    assert.equal(await c.count(), 1, 'only the reply is counted');
  });

  it('deleting the last reply under a placeholder takes the placeholder away too', async () => {
    const c = community();
    const parent = await c.post(AMAL, 'a question');
    const reply = await c.post(BILAL, 'an answer', { parentId: parent.id });
    await c.engine.deleteComment(AMAL, parent.id, key('delete'));
    await c.engine.deleteComment(BILAL, reply.id, key('delete'));
    assert.deepEqual(await c.listed(null), [], 'nothing left to show');
    assert.equal(await c.count(), 0);
  });

  it('reply counts stay right all the way up the ancestors', async () => {
    const c = community();
    const root = await c.post(AMAL, 'root');
    const middle = await c.post(BILAL, 'middle', { parentId: root.id });
    const sibling = await c.post(CHEN, 'sibling', { parentId: root.id });
    const lower = await c.post(CHEN, 'lower', { parentId: middle.id });
    const leaf = await c.post(DINA, 'leaf', { parentId: lower.id });
    const replyCount = async (id: string) => (await c.engine.getComment(null, id)).replyCount;
    assert.equal(await replyCount(root.id), 2);

    await c.engine.deleteComment(BILAL, middle.id, key('delete'));
    await c.engine.deleteComment(CHEN, lower.id, key('delete'));
    assert.equal(await replyCount(root.id), 2, 'placeholders still count as shown replies');
    assert.deepEqual((await c.listed(null, 'talk', root.id)).map((x) => [x.id, x.status]), [[middle.id, 'deleted'], [sibling.id, 'visible']]);

    await c.engine.deleteComment(DINA, leaf.id, key('delete'));
    assert.deepEqual((await c.listed(null, 'talk', root.id)).map((x) => x.id), [sibling.id], 'both empty placeholders went');
    assert.equal(await replyCount(root.id), 1, 'the root counts only the sibling');
    assert.equal(await c.count(), 2);
  });

  it('a reply hidden by reports is taken off its parent’s reply count', async () => {
    const c = community();
    const parent = await c.post(AMAL, 'parent');
    const reply = await c.post(BILAL, 'rude reply', { parentId: parent.id });
    await c.report(MOD, reply.id);
    assert.equal((await c.engine.getComment(null, parent.id)).replyCount, 0);
    await c.decide(`comment:${reply.id}`, 'approve');
    assert.equal((await c.engine.getComment(null, parent.id)).replyCount, 1, 'back when approved');
  });
});

describe('engine comments: pace and repeats', () => {
  it('a member may post at most one comment every 3 seconds, and is told how long to wait', async () => {
    const c = community();
    await c.engine.postComment(AMAL, { thread: 'talk', body: 'one' }, key('post'));
    const error = await refused(c.engine.postComment(AMAL, { thread: 'talk', body: 'two' }, key('post')), 'rate_limited');
    assert.equal(error.retryAfter, 3);
    c.clock.advance(1 * SECOND);
    assert.equal((await refused(c.engine.postComment(AMAL, { thread: 'elsewhere', body: 'two' }, key('post')), 'rate_limited')).retryAfter, 2, 'in any thread');
    c.clock.advance(1.5 * SECOND);
    assert.equal((await refused(c.engine.postComment(AMAL, { thread: 'talk', body: 'two' }, key('post')), 'rate_limited')).retryAfter, 1);
    c.clock.advance(0.5 * SECOND);
    await c.engine.postComment(AMAL, { thread: 'talk', body: 'two' }, key('post'));
    assert.equal(await c.count(), 2);
  });

  it('the 3-second limit is per member: another member may post at once', async () => {
    const c = community();
    await c.engine.postComment(AMAL, { thread: 'talk', body: 'one' }, key('post'));
    await c.engine.postComment(BILAL, { thread: 'talk', body: 'two' }, key('post'));
    assert.equal(await c.count(), 2);
  });

  it('an identical repeat post in the same thread is refused, even with extra spaces', async () => {
    const c = community();
    await c.post(AMAL, 'Is anyone here?');
    await refused(c.engine.postComment(AMAL, { thread: 'talk', body: 'Is anyone here?' }, key('post')), 'conflict', 'duplicate');
    await refused(c.engine.postComment(AMAL, { thread: 'talk', body: '  Is anyone here?\n' }, key('post')), 'conflict', 'duplicate');
    assert.equal(await c.count(), 1);
  });

  it('the same text is allowed in another thread, and from another member', async () => {
    const c = community();
    await c.post(AMAL, 'Is anyone here?');
    await c.post(AMAL, 'Is anyone here?', { thread: 'other' });
    await c.post(BILAL, 'Is anyone here?');
    assert.equal(await c.count('talk'), 2);
    assert.equal(await c.count('other'), 1);
  });
});

describe('engine comments: idempotency', () => {
  it('a retried post with the same key returns the same comment and makes one comment', async () => {
    const c = community();
    const k = key('post');
    const first = await c.engine.postComment(AMAL, { thread: 'talk', body: 'Hello' }, k);
    const retry = await c.engine.postComment(AMAL, { thread: 'talk', body: 'Hello' }, k);
    assert.deepEqual(retry, first, 'the same result, without waiting out the rate limit');
    c.clock.advance(HOUR);
    assert.deepEqual(await c.engine.postComment(AMAL, { thread: 'talk', body: 'Hello' }, k), first, 'later too');
    assert.equal(await c.count(), 1);
    assert.equal(await c.points('a'), 2, 'credited once');
    assert.equal((await c.member('a')).commentCount, 1);
  });

  it('parallel retries of one post make one comment', async () => {
    const c = community();
    const k = key('post');
    const results = await Promise.all(Array.from({ length: 20 }, () => c.engine.postComment(AMAL, { thread: 'talk', body: 'Hello' }, k)));
    assert.equal(new Set(results.map((r) => r.id)).size, 1);
    assert.equal(await c.count(), 1);
  });

  it('the same key with a different request is refused as a conflict', async () => {
    const c = community();
    const k = key('post');
    await c.engine.postComment(AMAL, { thread: 'talk', body: 'Hello' }, k);
    c.clock.advance(10 * SECOND);
    await refused(c.engine.postComment(AMAL, { thread: 'talk', body: 'Goodbye' }, k), 'conflict', 'idempotency_key_reused');
    assert.equal(await c.count(), 1);
  });

  it("a key belongs to one member: another member's write with the same key is a write of its own", async () => {
    const c = community();
    const k = key('post');
    const mine = await c.engine.postComment(AMAL, { thread: 'talk', body: 'Hello' }, k);
    const theirs = await c.engine.postComment(BILAL, { thread: 'talk', body: 'Hello' }, k);
    assert.notEqual(theirs.id, mine.id);
    assert.equal(await c.count(), 2);
  });

  it('every write needs a key of at least 8 printable characters', async () => {
    const c = community();
    await refused(c.engine.postComment(AMAL, { thread: 'talk', body: 'Hello' }, 'short'), 'invalid');
    await refused(c.engine.postComment(AMAL, { thread: 'talk', body: 'Hello' }, undefined), 'invalid');
    await refused(c.engine.postComment(AMAL, { thread: 'talk', body: 'Hello' }, 'has spaces in it'), 'invalid');
    assert.equal(await c.count(), 0);
  });
});

describe('engine comments: bans', () => {
  it('a banned member cannot write until the ban ends, then can', async () => {
    const c = community();
    const theirs = await c.post(AMAL, 'Before the ban');
    const other = await c.post(BILAL, 'Something to react to');
    const poll = await c.engine.createPoll(MOD, { question: 'Tea or coffee?', options: ['Tea', 'Coffee'] }, key('poll'));
    const until = c.clock.now() + 2 * DAY;
    const banned = await c.engine.ban(MOD, 'a', new Date(until).toISOString(), 'Repeated spam', key('ban'));
    assert.equal(banned.bannedUntil, new Date(until).toISOString());
    c.clock.advance(MINUTE);
    const writes = () => [
      c.engine.postComment(AMAL, { thread: 'talk', body: 'During the ban' }, key('post')),
      c.engine.editComment(AMAL, theirs.id, 'Edited during the ban', key('edit')),
      c.engine.react(AMAL, other.id, '👍', true, key('react')),
      c.engine.vote(AMAL, poll.id, ['o1'], key('vote')),
      c.engine.submitReport(AMAL, { target: `comment:${other.id}`, reason: 'spam' }, key('report')),
    ];
    for (const write of writes()) await refused(write, 'forbidden', 'banned');
    c.clock.set(until - 1);
    await refused(c.engine.postComment(AMAL, { thread: 'talk', body: 'A moment early' }, key('post')), 'forbidden', 'banned');
    c.clock.set(until);
    assert.equal((await c.member('a')).bannedUntil, null, 'the ban is over');
    await c.engine.postComment(AMAL, { thread: 'talk', body: 'After the ban' }, key('post'));
    await c.engine.vote(AMAL, poll.id, ['o1'], key('vote'));
  });

  it('an unban lets the member write again at once', async () => {
    const c = community();
    await c.engine.viewer(AMAL);
    await c.engine.ban(MOD, 'a', new Date(c.clock.now() + DAY).toISOString(), 'Cool down', key('ban'));
    await refused(c.engine.postComment(AMAL, { thread: 'talk', body: 'Let me in' }, key('post')), 'forbidden', 'banned');
    await c.engine.unban(MOD, 'a', key('unban'));
    await c.engine.postComment(AMAL, { thread: 'talk', body: 'Let me in' }, key('post'));
  });

  it('only moderators and admins can ban', async () => {
    const c = community();
    await c.engine.viewer(AMAL);
    await refused(c.engine.ban(BILAL, 'a', new Date(c.clock.now() + DAY).toISOString(), 'I do not like them', key('ban')), 'forbidden');
    await c.engine.postComment(AMAL, { thread: 'talk', body: 'Still here' }, key('post'));
  });
});

describe('engine comments: held posts of new members', () => {
  const HOLD = { comments: { holdNewMembers: true } };

  it('a new member’s post is held: pending, shown only to its author, and not yet credited', async () => {
    const c = community(HOLD);
    const held = await c.post(AMAL, 'My first post');
    assert.equal(held.status, 'pending');
    assert.deepEqual(await c.listed(null), [], 'guests do not see it');
    assert.deepEqual(await c.listed(BILAL), [], 'other members do not see it');
    await refused(c.engine.getComment(BILAL, held.id), 'not_found');
    assert.equal(await c.count(), 0);
    assert.deepEqual((await c.listed(AMAL)).map((x) => [x.id, x.status, x.body]), [[held.id, 'pending', 'My first post']], 'its author sees it');
    assert.equal(await c.points('a'), 0);
    assert.equal((await c.member('a')).commentCount, 0);
    assert.equal((await c.badge('a', 'first-comment')).tier, null);
    const [item] = (await c.engine.queue(MOD, { state: 'pending' })).items;
    assert.equal(item?.target, `comment:${held.id}`);
    assert.equal(item?.heldBecause, 'new-member');
  });

  it('an approved held post is listed and credited then, with the reply point to the author it answers', async () => {
    const c = community(HOLD);
    const parent = await c.post(MOD, 'Welcome, introduce yourselves');
    assert.equal(parent.status, 'visible', 'moderators are never held');
    const held = await c.post(AMAL, 'Hello, I am Amal', { parentId: parent.id });
    const modPoints = await c.points('m');
    assert.equal((await c.engine.getComment(null, parent.id)).replyCount, 0);
    await c.decide(`comment:${held.id}`, 'approve');
    assert.deepEqual((await c.listed(BILAL, 'talk', parent.id)).map((x) => [x.id, x.status]), [[held.id, 'visible']]);
    assert.equal((await c.engine.getComment(null, parent.id)).replyCount, 1);
    assert.equal(await c.points('a'), 2);
    assert.equal((await c.member('a')).commentCount, 1);
    assert.equal((await c.badge('a', 'first-comment')).tier, 'bronze');
    assert.equal(await c.points('m'), modPoints + 1, 'the reply point comes with the approval');
  });

  it('a member who is no longer new is not held', async () => {
    const c = community(HOLD);
    for (let i = 1; i <= 3; i++) {
      const held = await c.post(AMAL, `introduction ${i}`);
      await c.decide(`comment:${held.id}`, 'approve');
    }
    c.clock.advance(DAY);
    const posted = await c.post(AMAL, 'Now a member');
    assert.equal(posted.status, 'visible');
  });

  it('without the hold rule a new member’s post is visible at once', async () => {
    const c = community();
    assert.equal(DEFAULT_RULES.comments.holdNewMembers, false);
    assert.equal((await c.post(AMAL, 'Straight in')).status, 'visible');
  });
});
