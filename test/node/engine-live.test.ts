import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LiveEvent, SequencedEvent } from '../../src/core/adapter.js';
import { MemoryStore } from '../../src/engine/index.js';
import { AMAL, BILAL, key, community } from './support/engine.js';

/** A store whose event log answers slowly at first, as a remote database may. */
class SlowEventLog extends MemoryStore {
  constructor(readonly delays: number[]) {
    super();
  }
  override async appendEvent(event: LiveEvent): Promise<SequencedEvent> {
    const ms = this.delays.shift() ?? 0;
    if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
    return super.appendEvent(event);
  }
}

/** A store whose event log fails once, on the given append. */
class FlakyEventLog extends MemoryStore {
  #calls = 0;
  constructor(readonly failOn: number) {
    super();
  }
  override async appendEvent(event: LiveEvent): Promise<SequencedEvent> {
    if (++this.#calls === this.failOn) throw new Error('event log unavailable');
    return super.appendEvent(event);
  }
}

describe('engine live events: an outbox delivered after the commit', () => {
  it('a listener that throws neither fails the committed write nor silences the other listeners', async (t) => {
    const c = community();
    const logged = t.mock.method(console, 'error', () => {});
    const heard: string[] = [];
    const everywhere: string[] = [];
    c.engine.subscribe('thread:talk', () => {
      throw new Error('a buggy element');
    });
    c.engine.subscribe('thread:talk', (event) => heard.push(event.type));
    c.engine.subscribeAll(() => {
      throw new Error('a buggy fan-out');
    });
    c.engine.subscribeAll((event) => everywhere.push(event.type));
    const posted = await c.engine.postComment(AMAL, { thread: 'talk', body: 'Hello' }, key('post'));
    assert.equal((await c.engine.getComment(null, posted.id)).body, 'Hello', 'the write committed and resolved');
    assert.deepEqual(heard, ['comment.created', 'count.updated'], 'the other listener heard every event');
    assert.ok(everywhere.includes('comment.created') && everywhere.includes('count.updated'), 'so did the fan-out');
    assert.ok(logged.mock.callCount() >= 2, 'each failure is logged');
  });

  it('concurrent writes are heard in the order they committed, with increasing sequence numbers', async () => {
    // The first append is slow: appended after the commit, the first post's events would come second.
    const c = community(undefined, new SlowEventLog([30]));
    const heard: SequencedEvent[] = [];
    c.engine.subscribe('thread:talk', (event) => heard.push(event));
    const [first, second] = await Promise.all([
      c.engine.postComment(AMAL, { thread: 'talk', body: 'first' }, key('post')),
      c.engine.postComment(BILAL, { thread: 'talk', body: 'second' }, key('post')),
    ]);
    const created = heard.flatMap((e) => (e.type === 'comment.created' ? [e.comment.id] : []));
    assert.deepEqual(created, [first.id, second.id]);
    assert.ok(heard.every((e, i) => i === 0 || e.seq > heard[i - 1]!.seq), 'sequence numbers increase');
    const counts = heard.flatMap((e) => (e.type === 'count.updated' ? [e.count] : []));
    assert.deepEqual(counts, [1, 2], 'the last count heard is the true count');
    const logged = await c.engine.store.eventsSince('thread:talk', 0);
    assert.deepEqual(logged.map((e) => e.seq), heard.map((e) => e.seq), 'the log holds what was heard, in the same order');
  });

  it('a write whose events cannot be logged is undone entirely, and nothing is heard', async () => {
    const store = new FlakyEventLog(2);
    const c = community(undefined, store);
    const heard: SequencedEvent[] = [];
    c.engine.subscribe('thread:talk', (event) => heard.push(event));
    await assert.rejects(c.engine.postComment(AMAL, { thread: 'talk', body: 'lost' }, key('post')), /event log unavailable/);
    assert.equal(await c.count(), 0, 'no comment');
    assert.equal(heard.length, 0, 'no event delivered');
    assert.deepEqual(await store.eventsSince('thread:talk', 0), [], 'no event left in the log');
    const posted = await c.engine.postComment(AMAL, { thread: 'talk', body: 'kept' }, key('post'));
    assert.equal(heard[0]?.type === 'comment.created' && heard[0].comment.id, posted.id);
    assert.equal(heard[0]?.seq, 1, 'the undone events gave their sequence numbers back');
  });
});

describe('engine live events: subscriptions', () => {
  it('calling an unsubscribe twice does not stop a newer subscriber of the same topic', async () => {
    const c = community();
    const heard: string[] = [];
    const stopFirst = c.engine.subscribe('thread:talk', () => {});
    stopFirst();
    const stopSecond = c.engine.subscribe('thread:talk', (event) => heard.push(event.type));
    stopFirst();
    await c.post(AMAL, 'still heard?');
    assert.deepEqual(heard, ['comment.created', 'count.updated']);
    stopSecond();
    await c.post(AMAL, 'not heard');
    assert.equal(heard.length, 2, 'the second subscriber still stops when it asks');
  });
});
