import assert from 'node:assert/strict';
import { AdapterError } from '../../../src/core/errors.js';
import type { Badge, Role, ViewerClaims } from '../../../src/core/types.js';
import { Engine, ManualClock, type RulesOverrides, type Store } from '../../../src/engine/index.js';

/** What the engine tests share: time units, actors, a fresh community on a manual clock, and a refusal check. */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = '2026-03-02T10:00:00Z'; // a Monday

let keyCount = 0;
/** A fresh idempotency key: 8+ printable characters, new for each intended write. */
const key = (label = 'write') => `${label}-key-${++keyCount}`;
const person = (id: string, name: string, roles?: Role[]): ViewerClaims => (roles ? { id, name, roles } : { id, name });
const AMAL = person('a', 'Amal');
const BILAL = person('b', 'Bilal');
const CHEN = person('c', 'Chen');
const DINA = person('d', 'Dina');
const MOD = person('m', 'Mod', ['moderator']);
const ADMIN = person('adm', 'Admin', ['admin']);

/** A fresh community on a manual clock that starts on Monday 2 March 2026, 10:00 UTC (on its own MemoryStore unless given a store). */
function community(rules?: RulesOverrides, store?: Store) {
  const clock = new ManualClock(START);
  const engine = new Engine({ clock, ...(rules && { rules }), ...(store && { store }) });
  /** Posts, then waits out the 3-second rate limit. */
  const post = async (actor: ViewerClaims, body: string, where: { thread?: string; parentId?: string | null } = {}) => {
    const comment = await engine.postComment(actor, { thread: where.thread ?? 'talk', body, parentId: where.parentId ?? null }, key('post'));
    clock.advance(4 * SECOND);
    return comment;
  };
  const member = async (id: string) => {
    const [found] = await engine.getMembers(null, [id]);
    assert.ok(found, `member ${id} exists`);
    return found;
  };
  const points = async (id: string) => (await member(id)).points;
  const badge = async (memberId: string, badgeId: string): Promise<Badge> => {
    const found = (await engine.badges(null, memberId)).find((b) => b.id === badgeId);
    assert.ok(found, `badge ${badgeId} is listed`);
    return found;
  };
  const listed = async (viewer: ViewerClaims | null, thread = 'talk', parentId: string | null = null) =>
    (await engine.listComments(viewer, { thread, parentId, limit: 100 })).items;
  const count = async (thread = 'talk') => (await engine.countComments(null, [thread]))[thread];
  /** Reports a comment, then lets the moderators remove it (reason given). */
  const report = (actor: ViewerClaims, commentId: string) => engine.submitReport(actor, { target: `comment:${commentId}`, reason: 'spam' }, key('report'));
  const decide = (target: string, action: 'approve' | 'remove', moderator: ViewerClaims = MOD) =>
    engine.decide(moderator, { target: target as `comment:${string}`, action, ...(action === 'remove' && { reason: 'breaks the rules' }) }, key('decide'));
  return { clock, engine, post, member, points, badge, listed, count, report, decide };
}

/** Expects the engine to refuse with this code (and reason, when given). */
async function refused(promise: Promise<unknown>, code: string, reason?: string): Promise<AdapterError> {
  let caught: unknown = null;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof AdapterError, `expected the engine to refuse with "${code}", but got ${caught === null ? 'success' : String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (reason !== undefined) assert.equal(caught.reason, reason, caught.message);
  return caught;
}

export { SECOND, MINUTE, HOUR, DAY, START, key, person, AMAL, BILAL, CHEN, DINA, MOD, ADMIN, community, refused };
