import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ViewerClaims } from '../../src/core/types.js';
import { Engine, ManualClock } from '../../src/engine/index.js';
import { signViewerToken } from '../../src/server/auth.js';
import { openDatabase, type Database } from '../../src/server/database.js';
import { SqlStore } from '../../src/server/sql-store.js';
import { CONTRACT_START } from '../../src/testing/local-harness.js';
import { dropAndClose, NO_POSTGRES, POSTGRES_URL, testSchema } from './support/databases.js';
import { call, idempotencyKey, type ApiResponse } from './support/http.js';
import { testServers } from './support/servers.js';

/**
 * Races against the real server (listening on a port, over SqlStore): many copies of one write sent
 * at once must have the effect of one, as the engine's rules say. On PGlite always; on PostgreSQL
 * when MAJLIS_TEST_DATABASE_URL is set, through one server and through two servers (each with its
 * own connection pool) on one database, the requests spread over both.
 */

const SECRET = 'hardening-concurrency-secret-0123456789abcdefghijkl';
const MOD: ViewerClaims = { id: 'race-mod', name: 'Race Moderator', roles: ['moderator'] };
const servers = testServers({ secret: SECRET, rateLimits: { ip: false, member: false } });

let people = 0;
/** A member of their own for each race, so races do not see each other's votes, posts and reports. */
const someone = (label: string): ViewerClaims => ({ id: `race-${label}-${++people}`, name: `Racer ${people}` });
const tokenOf = (viewer: ViewerClaims) => signViewerToken(viewer, { secret: SECRET });

/** Sends `count` requests at once, spread over the servers in turn. */
const all = (urls: string[], count: number, send: (url: string, i: number) => Promise<ApiResponse>) => Promise.all(Array.from({ length: count }, (_, i) => send(urls[i % urls.length]!, i)));

const statuses = (responses: ApiResponse[]) => {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
};

async function newPoll(url: string, options: { allowChange?: boolean } = {}): Promise<string> {
  const res = await call(url, '/api/polls', { method: 'POST', token: await tokenOf(MOD), body: { question: 'Race day?', options: ['Friday', 'Saturday'], ...options } });
  assert.equal(res.status, 201, res.text);
  return String(res.json['id']);
}

async function pointsOf(url: string, member: ViewerClaims): Promise<number> {
  const res = await call(url, `/api/members?id=${encodeURIComponent(member.id)}`);
  const [found] = res.json['items'] as { points: number }[];
  assert.ok(found, `${member.id} is a member`);
  return found.points;
}

/** The races, through the servers at `urls` (one, or several on one database). */
function races(urls: () => string[]) {
  it('100 parallel votes by one member with one idempotency key: one vote, one answer', async () => {
    const pollId = await newPoll(urls()[0]!);
    const voter = someone('vote');
    const token = await tokenOf(voter);
    const key = idempotencyKey('vote');
    const answers = await all(urls(), 100, (url) => call(url, `/api/polls/${pollId}/vote`, { method: 'PUT', token, body: { optionIds: ['o1'] }, headers: { 'Idempotency-Key': key } }));
    assert.deepEqual(statuses(answers), { 200: 100 }, answers.find((a) => a.status !== 200)?.text);
    assert.equal(new Set(answers.map((a) => a.text)).size, 1, 'every retry gets the first answer');
    const poll = (await call(urls()[0]!, `/api/polls/${pollId}`, { token: await tokenOf(MOD) })).json as { totalVoters: number; options: { votes: number }[] };
    assert.equal(poll.totalVoters, 1);
    assert.deepEqual(poll.options.map((o) => o.votes), [1, 0]);
    assert.equal(await pointsOf(urls()[0]!, voter), 1, 'the vote earned its point once');
  });

  it('100 parallel votes by one member with 100 keys, half for each option, in a poll that allows no change: one vote', async () => {
    const pollId = await newPoll(urls()[0]!, { allowChange: false });
    const voter = someone('vote');
    const token = await tokenOf(voter);
    const answers = await all(urls(), 100, (url, i) => call(url, `/api/polls/${pollId}/vote`, { method: 'PUT', token, body: { optionIds: [i % 2 ? 'o2' : 'o1'] } }));
    const counts = statuses(answers);
    assert.deepEqual(Object.keys(counts).sort(), ['200', '409'], JSON.stringify(counts));
    // The choice that came first is the vote: every request for it is answered 200, every one for the other 409.
    const chosen = (answers.find((a) => a.status === 200)!.json['myVote'] as string[])[0]!;
    for (const [i, a] of answers.entries()) {
      if ((i % 2 ? 'o2' : 'o1') === chosen) assert.equal(a.status, 200, a.text);
      else assert.equal(a.json.error?.reason, 'already_voted', a.text);
    }
    const poll = (await call(urls()[0]!, `/api/polls/${pollId}`, { token: await tokenOf(MOD) })).json as { totalVoters: number; options: { id: string; votes: number }[] };
    assert.equal(poll.totalVoters, 1);
    assert.deepEqual(poll.options.map((o) => o.votes), poll.options.map((o) => (o.id === chosen ? 1 : 0)));
    assert.equal(await pointsOf(urls()[0]!, voter), 1, 'one point, for one vote');
  });

  it('50 parallel identical comment posts with one idempotency key: one comment, the same id in every answer', async () => {
    const author = someone('post');
    const token = await tokenOf(author);
    const key = idempotencyKey('post');
    const thread = `race-thread-${people}`;
    const answers = await all(urls(), 50, (url) => call(url, '/api/comments', { method: 'POST', token, body: { thread, body: 'Posted once, sent fifty times.' }, headers: { 'Idempotency-Key': key } }));
    assert.deepEqual(statuses(answers), { 201: 50 }, answers.find((a) => a.status !== 201)?.text);
    assert.equal(new Set(answers.map((a) => a.json['id'])).size, 1, 'one comment id');
    const listed = await call(urls()[0]!, `/api/comments?thread=${thread}&limit=100`);
    assert.equal(listed.json['total'], 1);
    assert.equal(listed.json['threadCount'], 1);
    assert.equal(await pointsOf(urls()[0]!, author), 2, 'the comment earned its points once');
  });

  it('parallel reports by one member on one comment: one report, with one key or with many', async () => {
    const author = someone('author');
    const posted = await call(urls()[0]!, '/api/comments', { method: 'POST', token: await tokenOf(author), body: { thread: `race-report-${people}`, body: 'Reported by many at once.' } });
    assert.equal(posted.status, 201, posted.text);
    const target = `comment:${String(posted.json['id'])}`;

    const eager = someone('reporter');
    const eagerToken = await tokenOf(eager);
    const manyKeys = await all(urls(), 30, (url) => call(url, '/api/reports', { method: 'POST', token: eagerToken, body: { target, reason: 'spam' } }));
    assert.deepEqual(statuses(manyKeys), { 201: 1, 409: 29 }, JSON.stringify(statuses(manyKeys)));
    for (const a of manyKeys.filter((r) => r.status === 409)) assert.equal(a.json.error?.reason, 'already_reported', a.text);

    const retrier = someone('reporter');
    const retrierToken = await tokenOf(retrier);
    const key = idempotencyKey('report');
    const oneKey = await all(urls(), 30, (url) => call(url, '/api/reports', { method: 'POST', token: retrierToken, body: { target, reason: 'spam' }, headers: { 'Idempotency-Key': key } }));
    assert.deepEqual(statuses(oneKey), { 201: 30 }, oneKey.find((a) => a.status !== 201)?.text);
    assert.equal(new Set(oneKey.map((a) => a.json['id'])).size, 1, 'one report id');

    for (const reporter of [eager, retrier]) {
      const mine = await call(urls()[0]!, `/api/reports/mine?target=${encodeURIComponent(target)}`, { token: await tokenOf(reporter) });
      assert.equal(mine.json['total'], 1, `${reporter.id} has one report`);
    }
    const queue = await call(urls()[0]!, '/api/moderation/queue?state=reported&limit=100', { token: await tokenOf(MOD) });
    const item = (queue.json['items'] as { target: string; reports: unknown[] }[]).find((i) => i.target === target);
    assert.equal(item?.reports.length, 2, 'the moderators see two reports: one per member');
  });
}

/** A server over its own SqlStore on this database. */
async function serverOn(db: Database): Promise<string> {
  const store = new SqlStore(db);
  return (await servers.start({ engine: new Engine({ store, clock: new ManualClock(CONTRACT_START) }) })).url;
}

describe('races on PGlite, one server', () => {
  let db: Database;
  let url: string;
  before(async () => {
    db = await openDatabase({});
    url = await serverOn(db);
  });
  after(async () => {
    await servers.closeAll();
    await db?.close();
  });
  races(() => [url]);
});

describe('races on PostgreSQL', { skip: POSTGRES_URL ? false : NO_POSTGRES }, () => {
  const schema = testSchema('race');
  const dbs: Database[] = [];
  const urls: string[] = [];
  before(async () => {
    // Two servers, each with its own pool, as two machines behind a load balancer would be.
    for (let i = 0; i < 2; i++) {
      const db = await openDatabase({ url: POSTGRES_URL!, schema });
      dbs.push(db);
      urls.push(await serverOn(db));
    }
  });
  after(async () => {
    await servers.closeAll();
    await dbs[1]?.close();
    await dropAndClose(dbs[0]);
  });
  describe('one server', () => races(() => urls.slice(0, 1)));
  describe('two servers on one database', () => races(() => urls));
});
