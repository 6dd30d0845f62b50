import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore } from '../../src/engine/index.js';
import { MINUTE, HOUR, DAY, AMAL, BILAL, key, community } from './support/engine.js';

/** Counts the sweeps the engine asks for. */
class CountingStore extends MemoryStore {
  prunes: number[] = [];
  override async pruneIdempotency(before: number): Promise<void> {
    this.prunes.push(before);
    return super.pruneIdempotency(before);
  }
}

const idempotencyRecords = (store: MemoryStore) => store.snapshot().tables.idempotency.map(([scope]) => scope);

describe('engine store: the idempotency records do not grow forever', () => {
  it('records older than the idempotency TTL are pruned as writes go on; live ones still replay', async () => {
    const c = community();
    const store = c.engine.store as MemoryStore;
    const k1 = key('post');
    const first = await c.engine.postComment(AMAL, { thread: 'talk', body: 'one' }, k1);
    c.clock.advance(HOUR);
    await c.engine.postComment(BILAL, { thread: 'talk', body: 'two' }, key('post'));
    assert.equal(idempotencyRecords(store).length, 2, 'nothing expired yet');
    assert.deepEqual(await c.engine.postComment(AMAL, { thread: 'talk', body: 'one' }, k1), first, 'a live key still replays');

    c.clock.advance(DAY + HOUR);
    const k3 = key('post');
    await c.engine.postComment(BILAL, { thread: 'talk', body: 'three' }, k3);
    assert.deepEqual(idempotencyRecords(store), [`b\u001f${k3}`], 'the records older than a day are gone; the new one is kept');
  });

  it('the engine sweeps at most once a minute, with the TTL as the cut-off', async () => {
    const store = new CountingStore();
    const c = community({ idempotencyTtlMs: HOUR }, store);
    await c.post(AMAL, 'one');
    await c.post(AMAL, 'two');
    await c.post(AMAL, 'three');
    assert.equal(store.prunes.length, 1, 'one sweep for writes within a minute');
    c.clock.advance(MINUTE);
    await c.post(AMAL, 'four');
    assert.equal(store.prunes.length, 2);
    assert.equal(store.prunes[1], c.clock.now() - 4000 - HOUR, 'records stored more than the TTL ago');
  });

  it('a sweep inside a failed transaction is undone with it', async () => {
    const store = new MemoryStore();
    await store.putIdempotency('x\u001fold-key-1', { fingerprint: 'f', result: null, at: 0 });
    await assert.rejects(
      store.transaction(async () => {
        await store.pruneIdempotency(1);
        assert.deepEqual(idempotencyRecords(store), [], 'swept inside the transaction');
        throw new Error('abort');
      }),
      /abort/,
    );
    assert.deepEqual(idempotencyRecords(store), ['x\u001fold-key-1']);
  });
});

describe('engine store: the event log is part of the transaction', () => {
  it('an event appended in a transaction that fails leaves the log, and its sequence number is free again', async () => {
    const store = new MemoryStore();
    await assert.rejects(
      store.transaction(async () => {
        await store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' });
        throw new Error('abort');
      }),
    );
    assert.deepEqual(await store.eventsSince('leaderboard', 0), []);
    const kept = await store.transaction(() => store.appendEvent({ type: 'leaderboard.updated', topic: 'leaderboard' }));
    assert.equal(kept.seq, 1);
    assert.equal(store.snapshot().seq, 1);
  });
});
