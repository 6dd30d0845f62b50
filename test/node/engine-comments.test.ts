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

describe('engine comments: what a withheld comment gives away', () => {
  it('a reply does not name the author of a parent that is hidden from the viewer', async () => {
    const c = community();
    const parent = await c.post(AMAL, 'Something rude');
    const reply = await c.post(BILAL, 'Please be kind', { parentId: parent.id });
    await c.report(MOD, parent.id);
    const [listed] = await c.listed(CHEN, 'talk', parent.id);
    assert.equal(listed?.id, reply.id);
    assert.equal(listed?.replyToAuthorId, null, 'not in listings');
    assert.equal((await c.engine.getComment(null, reply.id)).replyToAuthorId, null, 'not to guests');
    assert.equal((await c.engine.getComment(BILAL, reply.id)).replyToAuthorId, null, 'not even to the reply’s author');
    assert.equal((await c.engine.getComment(AMAL, reply.id)).replyToAuthorId, 'a', 'the parent’s author sees their own name');
    assert.equal((await c.engine.getComment(MOD, reply.id)).replyToAuthorId, 'a', 'moderators see it');
    await c.decide(`comment:${parent.id}`, 'approve');
    assert.equal((await c.engine.getComment(CHEN, reply.id)).replyToAuthorId, 'a', 'shown again once the parent is back');
  });

  it('a reply does not name the author of a deleted or removed parent', async () => {
    const c = community();
    const deleted = await c.post(AMAL, 'Oops');
    const removed = await c.post(CHEN, 'Spam');
    const toDeleted = await c.post(BILAL, 'Answer to the deleted one', { parentId: deleted.id });
    const toRemoved = await c.post(BILAL, 'Answer to the removed one', { parentId: removed.id });
    await c.engine.deleteComment(AMAL, deleted.id, key('delete'));
    await c.report(DINA, removed.id);
    await c.decide(`comment:${removed.id}`, 'remove');
    for (const viewer of [null, BILAL, AMAL]) {
      assert.equal((await c.engine.getComment(viewer, toDeleted.id)).replyToAuthorId, null);
      assert.equal((await c.engine.getComment(viewer, toRemoved.id)).replyToAuthorId, null);
    }
  });

  it('who reacted to a comment that is not visible is refused, except to moderators', async () => {
    const c = community();
    const hidden = await c.post(AMAL, 'Reported later');
    await c.post(BILAL, 'A reply keeps it as a placeholder', { parentId: hidden.id });
    await c.engine.react(CHEN, hidden.id, '👍', true, key('react'));
    await c.report(MOD, hidden.id);
    await refused(c.engine.reactors(null, hidden.id, '👍'), 'not_found');
    await refused(c.engine.reactors(BILAL, hidden.id, '👍'), 'not_found');
    await refused(c.engine.reactors(AMAL, hidden.id, '👍'), 'not_found');
    assert.deepEqual((await c.engine.reactors(MOD, hidden.id, '👍')).items, ['c']);

    const deleted = await c.post(AMAL, 'Deleted later');
    await c.post(BILAL, 'Another reply', { parentId: deleted.id });
    await c.engine.react(CHEN, deleted.id, '👍', true, key('react'));
    await c.engine.deleteComment(AMAL, deleted.id, key('delete'));
    await refused(c.engine.reactors(CHEN, deleted.id, '👍'), 'not_found');
  });

  it('an edited comment that is withheld shows no edit count and no edit time', async () => {
    const c = community();
    const hidden = await c.post(AMAL, 'first words');
    await c.post(BILAL, 'a reply', { parentId: hidden.id });
    await c.engine.editComment(AMAL, hidden.id, 'second words', key('edit'));
    await c.report(MOD, hidden.id);
    const placeholder = await c.engine.getComment(CHEN, hidden.id);
    assert.equal(placeholder.editCount, 0);
    assert.equal(placeholder.editedAt, null);
    assert.equal((await c.listed(CHEN))[0]?.editedAt, null, 'nor in listings');
    assert.equal((await c.engine.getComment(AMAL, hidden.id)).editCount, 1, 'its author still sees it');
    assert.equal((await c.engine.getComment(MOD, hidden.id)).editCount, 1, 'and the moderators');

    const deleted = await c.post(AMAL, 'will go');
    await c.post(BILAL, 'an answer', { parentId: deleted.id });
    await c.engine.editComment(AMAL, deleted.id, 'will go soon', key('edit'));
    await c.engine.deleteComment(AMAL, deleted.id, key('delete'));
    assert.equal((await c.engine.getComment(null, deleted.id)).editedAt, null, 'a deleted placeholder');

    const removed = await c.post(AMAL, 'will be removed');
    await c.post(BILAL, 'a third answer', { parentId: removed.id });
    await c.engine.editComment(AMAL, removed.id, 'will be removed soon', key('edit'));
    await c.report(BILAL, removed.id);
    await c.decide(`comment:${removed.id}`, 'remove');
    const gone = await c.engine.getComment(null, removed.id);
    assert.deepEqual([gone.editCount, gone.editedAt], [0, null], 'a removed placeholder');
  });
});

describe('engine comments: under review', () => {
  const HOLD = { comments: { holdNewMembers: true } };

  it('an author cannot edit or delete a comment hidden by reports', async () => {
    const c = community();
    const hidden = await c.post(AMAL, 'Reported words');
    await c.report(MOD, hidden.id);
    await refused(c.engine.editComment(AMAL, hidden.id, 'Innocent words', key('edit')), 'forbidden', 'under_review');
    await refused(c.engine.deleteComment(AMAL, hidden.id, key('delete')), 'forbidden', 'under_review');
    const [item] = (await c.engine.queue(MOD, { state: 'pending' })).items;
    assert.equal(item?.comment?.body, 'Reported words', 'the moderators decide on what was reported');
    assert.equal(item?.comment?.status, 'hidden');
  });

  it('an author cannot edit or delete a held post', async () => {
    const c = community(HOLD);
    const held = await c.post(AMAL, 'Held words');
    await refused(c.engine.editComment(AMAL, held.id, 'Other words', key('edit')), 'forbidden', 'under_review');
    await refused(c.engine.deleteComment(AMAL, held.id, key('delete')), 'forbidden', 'under_review');
    assert.equal((await c.engine.getComment(AMAL, held.id)).body, 'Held words');
  });

  it('an edit by a member whose posts are held is held again for review', async () => {
    const c = community(HOLD);
    const held = await c.post(AMAL, 'Hello all');
    await c.decide(`comment:${held.id}`, 'approve');
    const reply = await c.post(MOD, 'Welcome!', { parentId: held.id });
    const points = await c.points('a');
    const edited = await c.engine.editComment(AMAL, held.id, 'Hello all, visit my shop', key('edit'));
    assert.equal(edited.status, 'pending');
    assert.equal(edited.body, 'Hello all, visit my shop', 'its author sees the new text');
    const [placeholder] = await c.listed(BILAL);
    assert.deepEqual([placeholder?.id, placeholder?.status, placeholder?.body], [held.id, 'pending', ''], 'others see a placeholder');
    assert.equal((await c.engine.getComment(BILAL, reply.id)).replyToAuthorId, null, 'and the reply does not say whom it answers');
    assert.equal(await c.count(), 1, 'only the reply is counted');
    const [item] = (await c.engine.queue(MOD, { state: 'pending' })).items;
    assert.deepEqual([item?.target, item?.heldBecause], [`comment:${held.id}`, 'new-member']);
    await c.decide(`comment:${held.id}`, 'approve');
    assert.equal((await c.engine.getComment(BILAL, held.id)).body, 'Hello all, visit my shop');
    assert.equal(await c.points('a'), points, 'credited once, not again on the second approval');
  });

  it('an edit by a member who is no longer new stays visible', async () => {
    const c = community(HOLD);
    for (let i = 1; i <= 3; i++) await c.decide(`comment:${(await c.post(AMAL, `introduction ${i}`)).id}`, 'approve');
    c.clock.advance(DAY);
    const posted = await c.post(AMAL, 'Now a member');
    assert.equal((await c.engine.editComment(AMAL, posted.id, 'Now a full member', key('edit'))).status, 'visible');
  });
});

describe('engine input edges found by the SQL store', () => {
  it('counts only the threads asked for, even one named like an Object property', async () => {
    const c = community();
    await c.post(AMAL, 'In an odd thread', { thread: 'constructor' });
    assert.deepEqual(await c.engine.countComments(null, ['talk']), { talk: 0 });
    assert.deepEqual(await c.engine.countComments(null, ['constructor']), { constructor: 1 });
  });

  it('refuses ids with lone surrogates, and drops an avatar address a database could not store', async () => {
    const c = community();
    await refused(c.engine.postComment({ id: 'bad\uD800', name: 'Bad' }, { thread: 'talk', body: 'hi' }, key('post')), 'invalid');
    await refused(c.engine.postComment(AMAL, { thread: 'talk\uDC00', body: 'hi' }, key('post')), 'invalid');
    await c.engine.postComment({ ...AMAL, avatarUrl: 'https://example.com/a\u0000.png' }, { thread: 'talk', body: 'hi' }, key('post'));
    assert.equal((await c.engine.viewer(AMAL))?.avatarUrl, null);
  });
});

describe('engine comments: a page is one request', () => {
  it('a page carries the members it names: authors and whom replies answer, each once, as everyone may see them', async () => {
    const { engine, post } = community();
    const first = await post(AMAL, 'first');
    await post(BILAL, 'second');
    await post(AMAL, 'third');
    const reply = await post(CHEN, 'a reply', { parentId: first.id });
    const top = await engine.listComments(null, { thread: 'talk' });
    assert.deepEqual(top.members?.map((m) => m.id).sort(), [AMAL.id, BILAL.id]);
    assert.equal(top.members?.find((m) => m.id === AMAL.id)?.name, 'Amal');
    const replies = await engine.listComments(null, { thread: 'talk', parentId: first.id });
    assert.deepEqual(replies.items.map((c) => c.id), [reply.id]);
    assert.deepEqual(replies.members?.map((m) => m.id).sort(), [AMAL.id, CHEN.id], 'the reply’s author and the author it answers');
    assert.deepEqual((await engine.listComments(null, { thread: 'empty' })).members, []);
  });
});
