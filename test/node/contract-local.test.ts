import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CommunityAdapter, LiveApi } from '../../src/core/adapter.js';
import type { ViewerClaims } from '../../src/core/types.js';
import { LocalAdapter } from '../../src/adapters/local/local-adapter.js';
import { Engine, ManualClock } from '../../src/engine/index.js';
import { ContractFailure, deepEqual } from '../../src/testing/assert.js';
import { adapterContract, type ContractHarness } from '../../src/testing/contract.js';
import { localHarness } from '../../src/testing/local-harness.js';

adapterContract(localHarness, { describe, it });

// ───────── the contract checked against other adapters: correct ones must pass, leaky ones must fail

/** A harness over LocalAdapter whose adapters are reshaped by `wrap`, as another backend might behave. */
function harness(name: string, wrap: (adapter: LocalAdapter, engine: Engine) => CommunityAdapter | Promise<CommunityAdapter>, start = '2026-03-04T12:00:00Z'): ContractHarness {
  return {
    name,
    async setup() {
      const clock = new ManualClock(start);
      const engine = new Engine({ clock });
      return { connect: (viewer) => wrap(new LocalAdapter({ engine, viewer }), engine), advance: (ms) => clock.advance(ms) };
    },
  };
}

/** Runs the contract's tests whose full name matches, and returns each one's failure (null when it passed). */
async function runContract(h: ContractHarness, only: RegExp): Promise<Map<string, unknown>> {
  const tests: { name: string; body: () => Promise<void> }[] = [];
  const path: string[] = [];
  adapterContract(h, {
    describe: (name, body) => {
      path.push(name);
      body();
      path.pop();
    },
    it: (name, body) => tests.push({ name: [...path, name].join(' > '), body }),
  });
  const results = new Map<string, unknown>();
  for (const test of tests.filter((t) => only.test(t.name))) {
    try {
      await test.body();
      results.set(test.name, null);
    } catch (error) {
      results.set(test.name, error);
    }
  }
  assert.ok(results.size > 0, `no contract test matches ${only}`);
  return results;
}

const passes = (results: Map<string, unknown>) => {
  const failed = [...results].filter(([, error]) => error !== null).map(([name, error]) => `${name}: ${String(error)}`);
  assert.deepEqual(failed, [], 'a correct adapter passes');
};
const fails = (results: Map<string, unknown>) => {
  for (const [name, error] of results) assert.ok(error instanceof ContractFailure, `the contract should catch this adapter in "${name}", but it ${error === null ? 'passed' : `threw ${String(error)}`}`);
};

/** Every group's async results through `reshape`, as if they came over the wire; live and session left alone. */
function mapResults(adapter: CommunityAdapter, reshape: (group: string, method: string, value: unknown) => unknown): CommunityAdapter {
  const out: Record<string, unknown> = { name: adapter.name, session: adapter.session, live: adapter.live };
  for (const group of ['comments', 'reactions', 'members', 'polls', 'leaderboard', 'reports', 'moderation', 'insights'] as const) {
    const api = adapter[group] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>> | undefined;
    if (!api) continue;
    out[group] = Object.fromEntries(Object.entries(api).map(([method, fn]) => [method, async (...args: unknown[]) => reshape(group, method, await fn(...args))]));
  }
  return out as unknown as CommunityAdapter;
}

/** JSON with every object's keys in reverse order: what another server's serializer may well send. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

describe('the contract’s own assertions', () => {
  it('deepEqual compares structure: key order does not matter, array order and values do', () => {
    deepEqual({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 }, 'key order');
    deepEqual({ a: 1, gone: undefined }, { a: 1 }, 'an undefined property is absent, as in JSON');
    for (const [a, b] of [
      [[1, 2], [2, 1]],
      [{ a: 1 }, { a: 1, b: 2 }],
      [{ a: 1 }, { a: '1' }],
      [[1], { 0: 1 }],
      [{ a: null }, { a: {} }],
    ]) assert.throws(() => deepEqual(a, b, 'different'), ContractFailure, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  });
});

describe('the contract passes correct adapters that are not LocalAdapter', () => {
  it('whatever order an adapter’s JSON keys come in', async () => {
    passes(await runContract(harness('keys reversed', (a) => mapResults(a, (_g, _m, v) => reverseKeys(v))), /./));
  });

  it('whatever order getMany and the reporter’s own reports come in', async () => {
    const reversed = harness('lists reversed', (a) =>
      mapResults(a, (group, method, value) => {
        if (group === 'members' && method === 'getMany') return [...(value as unknown[])].reverse();
        if (group === 'reports' && method === 'mine') return { ...(value as { items: unknown[] }), items: [...(value as { items: unknown[] }).items].reverse() };
        return value;
      }),
    );
    passes(await runContract(reversed, /members|moderators decide|report/));
  });

  it('whenever its clock says it is: a test running across the start of a week', async () => {
    // Sunday 23:59:55 UTC: the leaderboard test's posts straddle Monday 00:00.
    passes(await runContract(harness('week boundary', (a) => a, '2026-03-08T23:59:55Z'), /leaderboard/));
  });

  it('the LocalAdapter harness starts at a fixed mid-week instant, not at the time the tests run', async () => {
    const community = await localHarness.setup();
    const posted = await (await community.connect({ id: 'clock', name: 'Clock' })).comments!.post({ thread: 'clock', body: 'what time is it?' }, { idempotencyKey: 'clock-key-1' });
    assert.equal(posted.createdAt, '2026-03-04T12:00:00.000Z');
    await community.teardown?.();
  });

  it('when its live events connect a moment after subscribe(), and it says so with `ready`', async () => {
    const late = harness('live connects late', (a) => {
      const live: LiveApi = {
        subscribe(topic, listener) {
          let connected = false;
          const stop = a.live.subscribe(topic, (event) => connected && listener(event));
          const ready = new Promise<void>((resolve) => setTimeout(() => ((connected = true), resolve()), 30));
          return Object.assign(() => stop(), { ready });
        },
      };
      return Object.assign(Object.create(a) as LocalAdapter, { live });
    });
    passes(await runContract(late, /live events/));
  });
});

describe('the contract catches leaky adapters', () => {
  it('one that delivers a comment twice, the second a moment later', async () => {
    const twice = harness('late duplicates', (a) => {
      const live: LiveApi = {
        subscribe(topic, listener) {
          const timers = new Set<ReturnType<typeof setTimeout>>();
          const stop = a.live.subscribe(topic, (event) => {
            listener(event);
            if (event.type === 'comment.created') timers.add(setTimeout(() => listener(event), 20));
          });
          return () => {
            stop();
            timers.forEach(clearTimeout);
          };
        },
      };
      return Object.assign(Object.create(a) as LocalAdapter, { live });
    });
    fails(await runContract(twice, /live events/));
  });

  it('one that shows everyone what only moderators may read', async () => {
    const peeking = harness('reads as a moderator', (a, engine) => {
      const seer: ViewerClaims = { id: a.viewer?.id ?? 'peek', name: 'Peek', roles: ['moderator'] };
      const all = new LocalAdapter({ engine, viewer: seer });
      return { ...a, name: a.name, session: a.session, comments: { ...a.comments, get: all.comments.get, list: all.comments.list, history: all.comments.history }, reactions: { ...a.reactions, reactors: all.reactions.reactors } } as CommunityAdapter;
    });
    fails(await runContract(peeking, /privacy > a hidden comment/));
  });

  it('one that gives members the moderators’ insights', async () => {
    const open = harness('figures for all', (a, engine) => {
      const seer = new LocalAdapter({ engine, viewer: { id: a.viewer?.id ?? 'peek', name: 'Peek', roles: ['moderator'] } });
      return Object.assign(Object.create(a) as LocalAdapter, { insights: seer.insights });
    });
    fails(await runContract(open, /> insights >/));
  });

  it('one that takes roles from what it stored instead of from the claims', async () => {
    const remembering = harness('remembers roles', async (a, engine) => {
      const claims = a.viewer;
      if (!claims || claims.roles?.length) return a;
      const stored = await engine.store.getMember(claims.id);
      return new LocalAdapter({ engine, viewer: { ...claims, roles: stored?.roles ?? [] } });
    });
    fails(await runContract(remembering, /roles come from the claims/));
  });
});
