import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Engine, ManualClock } from '../../src/engine/index.js';
import { MOD, key, refused } from './support/engine.js';

const BROWSER_A = 'browser-key-aaaaaaaaaaaaaaaa';
const BROWSER_B = 'browser-key-bbbbbbbbbbbbbbbb';

async function poll(allowAnonymous: boolean) {
  const engine = new Engine({ clock: new ManualClock('2026-03-04T12:00:00Z') });
  const created = await engine.createPoll(MOD, { question: 'Tea or coffee?', options: ['Tea', 'Coffee'], allowAnonymous }, key('poll'));
  return { engine, id: created.id };
}

describe('anonymous votes', () => {
  it('count once per browser key, are shown as that browser’s own, and earn nothing', async () => {
    const { engine, id } = await poll(true);
    await Promise.all(Array.from({ length: 20 }, () => engine.vote(null, id, ['o1'], key('vote'), BROWSER_A)));
    await engine.vote(null, id, ['o2'], key('vote'), BROWSER_B);
    const seenByA = await engine.getPoll(null, id, BROWSER_A);
    assert.equal(seenByA.totalVoters, 2);
    assert.deepEqual(seenByA.myVote, ['o1']);
    assert.equal((await engine.getPoll(null, id)).myVote, null, 'a guest without the key has no vote');
    assert.deepEqual((await engine.leaderboard(null, { period: 'all' })).entries, [], 'no points for anonymous votes');
  });

  it('are refused where the poll does not allow them, or without a usable key', async () => {
    const closedToGuests = await poll(false);
    await refused(closedToGuests.engine.vote(null, closedToGuests.id, ['o1'], key('vote'), BROWSER_A), 'unauthorized');
    const open = await poll(true);
    await refused(open.engine.vote(null, open.id, ['o1'], key('vote'), 'short'), 'unauthorized');
    await refused(open.engine.vote(null, open.id, ['o1'], key('vote')), 'unauthorized');
    assert.equal((await open.engine.getPoll(MOD, open.id)).totalVoters, 0);
  });

  it('never store the browser key itself', async () => {
    const { engine, id } = await poll(true);
    await engine.vote(null, id, ['o1'], key('vote'), BROWSER_A);
    const snapshot = JSON.stringify((engine.store as unknown as { snapshot(): unknown }).snapshot());
    assert.ok(!snapshot.includes(BROWSER_A));
  });
});
