import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Batcher, batcherFor } from '../../src/shared/batcher.js';

describe('Batcher', () => {
  it('turns many loads in one task into one call, with duplicates asked once', async () => {
    const calls: string[][] = [];
    const batcher = new Batcher<number>(async (keys) => (calls.push(keys), new Map(keys.map((k) => [k, k.length]))));
    const results = await Promise.all(['a', 'bb', 'ccc', 'a'].map((k) => batcher.load(k)));
    assert.deepEqual(results, [1, 2, 3, 1]);
    assert.deepEqual(calls, [['a', 'bb', 'ccc']]);
  });

  it('splits more than the maximum into several calls', async () => {
    const calls: number[] = [];
    const batcher = new Batcher<string>(async (keys) => (calls.push(keys.length), new Map(keys.map((k) => [k, k]))), 100);
    await Promise.all(Array.from({ length: 250 }, (_, i) => batcher.load(`k${i}`)));
    assert.deepEqual(calls, [100, 100, 50]);
  });

  it('gives undefined for keys the backend does not know, and passes errors to every waiter', async () => {
    const batcher = new Batcher<string>(async () => new Map());
    assert.equal(await batcher.load('missing'), undefined);
    const failing = new Batcher<string>(async () => {
      throw new Error('down');
    });
    await assert.rejects(Promise.all([failing.load('x'), failing.load('y')]), /down/);
  });

  it('asks for each key alone when a batch is refused as invalid, so one bad key fails alone', async () => {
    const calls: string[][] = [];
    const batcher = new Batcher<string>(async (keys) => {
      calls.push(keys);
      if (keys.includes('bad')) throw Object.assign(new Error('bad id'), { code: 'invalid' });
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    const [good, bad] = await Promise.allSettled([batcher.load('good'), batcher.load('bad')]);
    assert.deepEqual(good, { status: 'fulfilled', value: 'GOOD' });
    assert.equal(bad.status, 'rejected');
    assert.deepEqual(calls, [['good', 'bad'], ['good'], ['bad']]);
  });

  it('rejects an aborted load without cancelling the others', async () => {
    const batcher = new Batcher<string>(async (keys) => new Map(keys.map((k) => [k, k])));
    const controller = new AbortController();
    const aborted = batcher.load('a', controller.signal);
    const kept = batcher.load('b');
    controller.abort(new Error('gone'));
    await assert.rejects(aborted, /gone/);
    assert.equal(await kept, 'b');
  });

  it('keeps one batcher per adapter and kind', () => {
    const adapter = {};
    const load = async () => new Map<string, number>();
    assert.equal(batcherFor(adapter, 'members', load), batcherFor(adapter, 'members', load));
    assert.notEqual(batcherFor(adapter, 'members', load), batcherFor(adapter, 'counts', load));
    assert.notEqual(batcherFor({}, 'members', load), batcherFor(adapter, 'members', load));
  });
});
