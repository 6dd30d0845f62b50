import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../bench/size.mjs';

const KB = 1024;
const row = (what: string, measured: number, limit: number) => ({ name: what, raw: 0, gzip: measured, brotli: 0, budget: { what, measured, limit, met: measured <= limit } });
const visitor = row('all visitor elements + Lit + HttpAdapter', 28 * KB, 30 * KB);
const result = (...rows: ReturnType<typeof row>[]) => ({ rows: [{ ...visitor, name: 'Visitor bundle: …' }, ...rows] });

describe('the size check in npm test', () => {
  it('passes when every budget is met', () => {
    assert.deepEqual(check(result(row('<majlis-poll> over the shared core', 3.9 * KB, 4 * KB)), {}), []);
  });

  it('fails when an element goes over its budget', () => {
    const failures = check(result(row('<majlis-poll> over the shared core', 4.1 * KB, 4 * KB)), {});
    assert.match(failures.join('\n'), /<majlis-poll> over the shared core is 4\.1 kB gzip, over its budget of 4\.0 kB/);
  });

  it('holds a budget not met yet at its ceiling: it may shrink, never grow', () => {
    const comments = (kb: number) => row('comments alone with Lit', kb * KB, 16 * KB);
    assert.deepEqual(check(result(comments(25)), { 'comments alone with Lit': 25.5 * KB }), []);
    assert.match(check(result(comments(25.6)), { 'comments alone with Lit': 25.5 * KB }).join('\n'), /grew to 25\.6 kB gzip, over its ceiling of 25\.5 kB \(budget 16\.0 kB, not met yet\)/);
  });

  it('asks for a ceiling to be taken out once its budget is met, and refuses ceilings of no budget', () => {
    assert.match(check(result(row('comments alone with Lit', 15 * KB, 16 * KB)), { 'comments alone with Lit': 25.5 * KB }).join('\n'), /now meets its budget .* take its ceiling out/);
    assert.match(check(result(), { 'a budget nobody has': KB }).join('\n'), /names "a budget nobody has", which is not a budget/);
  });

  it('fails when the built visitor bundle was not measured', () => {
    assert.match(check({ rows: [] }, {}).join('\n'), /run `npm run build` first/);
  });
});
