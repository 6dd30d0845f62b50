import type { LiveEvent, SequencedEvent } from '../core/adapter.js';
import { AdapterError } from '../core/errors.js';
import type { Id, TargetRef } from '../core/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import {
  ANONYMOUS_VOTER_PREFIX,
  DAY_MS,
  RETURN_DAYS,
  type AuditRecord,
  type AwardRecord,
  type CommentListQuery,
  type CommentRecord,
  type IdempotencyRecord,
  type InsightsCounts,
  type InsightsData,
  type InsightsStoreQuery,
  type LeaderRow,
  type MemberRecord,
  type ModerationRecord,
  type PointsRecord,
  type PollRecord,
  type ReactionRecord,
  type ReportRecord,
  type Slice,
  type Store,
  type TimeRange,
  type VoteRecord,
} from './store.js';

interface Tables {
  members: Map<string, MemberRecord>;
  comments: Map<string, CommentRecord>;
  reactions: Map<string, ReactionRecord>;
  polls: Map<string, PollRecord>;
  votes: Map<string, VoteRecord>;
  awards: Map<string, AwardRecord>;
  reports: Map<string, ReportRecord>;
  moderation: Map<string, ModerationRecord>;
  idempotency: Map<string, IdempotencyRecord>;
}

interface Logs {
  points: PointsRecord[];
  audit: AuditRecord[];
  events: SequencedEvent[];
}

export interface MemoryStoreSnapshot {
  version: 1;
  tables: { [K in keyof Tables]: [string, Tables[K] extends Map<string, infer V> ? V : never][] };
  logs: Logs;
  seq: number;
  ids: number;
}

/** How many live events are kept for resuming subscribers. */
const EVENT_LOG_SIZE = 1000;

const clone = <T>(value: T): T => structuredClone(value);

/** Keyset paging over an in-memory list already in order. */
function page<T>(sorted: T[], positionOf: (item: T) => unknown[], compare: (a: unknown[], b: unknown[]) => number, after: string | null, limit: number): Slice<T> {
  let start = 0;
  if (after) {
    const position = decodeCursor(after);
    if (!Array.isArray(position)) throw new AdapterError('invalid', 'The paging cursor is not valid. Start again from the first page.', { field: 'cursor' });
    start = sorted.findIndex((item) => compare(positionOf(item), position) > 0);
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + limit);
  const last = items[items.length - 1];
  const next = start + limit < sorted.length && last !== undefined ? encodeCursor(positionOf(last)) : null;
  return { items, next, total: sorted.length };
}

/** Compares position tuples element by element; `directions` gives +1 (ascending) or -1 per element. */
function tupleCompare(directions: number[]) {
  return (a: unknown[], b: unknown[]): number => {
    for (let i = 0; i < directions.length; i++) {
      const x = a[i] as number | string;
      const y = b[i] as number | string;
      if (x < y) return -directions[i]!;
      if (x > y) return directions[i]!;
    }
    return 0;
  };
}

/**
 * The whole community in memory: for the browser (LocalAdapter), tests and Storybook.
 * A transaction runs alone and is undone entirely if it throws.
 */
export class MemoryStore implements Store {
  #tables: Tables;
  #logs: Logs;
  #seq: number;
  #ids: number;
  #undo: (() => void)[] | null = null;
  #lock: Promise<unknown> = Promise.resolve();

  readonly #idPrefix: string;

  /** `idPrefix` keeps ids apart when several stores write to one community (browser tabs). */
  constructor(snapshot?: MemoryStoreSnapshot, options: { idPrefix?: string } = {}) {
    this.#idPrefix = options.idPrefix ?? '';
    this.#tables = this.#logs = undefined as never;
    this.#seq = this.#ids = 0;
    this.load(snapshot);
  }

  /** Replaces everything with a snapshot (another tab's state, a fixture), or empties the store. */
  load(snapshot?: MemoryStoreSnapshot): void {
    const tables = snapshot?.tables;
    this.#tables = {
      members: new Map(tables?.members),
      comments: new Map(tables?.comments),
      reactions: new Map(tables?.reactions),
      polls: new Map(tables?.polls),
      votes: new Map(tables?.votes),
      awards: new Map(tables?.awards),
      reports: new Map(tables?.reports),
      moderation: new Map(tables?.moderation),
      idempotency: new Map(tables?.idempotency),
    };
    this.#logs = snapshot ? clone(snapshot.logs) : { points: [], audit: [], events: [] };
    this.#seq = snapshot?.seq ?? 0;
    this.#ids = snapshot?.ids ?? 0;
  }

  snapshot(): MemoryStoreSnapshot {
    const entries = <V>(map: Map<string, V>) => clone([...map.entries()]);
    const t = this.#tables;
    return {
      version: 1,
      tables: {
        members: entries(t.members),
        comments: entries(t.comments),
        reactions: entries(t.reactions),
        polls: entries(t.polls),
        votes: entries(t.votes),
        awards: entries(t.awards),
        reports: entries(t.reports),
        moderation: entries(t.moderation),
        idempotency: entries(t.idempotency),
      },
      logs: clone(this.#logs),
      seq: this.#seq,
      ids: this.#ids,
    };
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(async () => {
      this.#undo = [];
      try {
        return await work();
      } catch (error) {
        for (const undo of this.#undo.reverse()) undo();
        throw error;
      } finally {
        this.#undo = null;
      }
    });
    this.#lock = run.catch(() => undefined);
    return run;
  }

  #set<V>(map: Map<string, V>, key: string, value: V): void {
    if (this.#undo) {
      const had = map.has(key);
      const before = map.get(key);
      this.#undo.push(() => (had ? map.set(key, before as V) : map.delete(key)));
    }
    map.set(key, clone(value));
  }

  #delete<V>(map: Map<string, V>, key: string): boolean {
    if (!map.has(key)) return false;
    if (this.#undo) {
      const before = map.get(key) as V;
      this.#undo.push(() => map.set(key, before));
    }
    return map.delete(key);
  }

  #append<V>(log: V[], value: V): void {
    if (this.#undo) {
      const length = log.length;
      this.#undo.push(() => void (log.length = length));
    }
    log.push(clone(value));
  }

  newId(prefix: string): string {
    this.#ids += 1;
    // Zero-padded so ids sort in creation order (they break ties between items of the same millisecond).
    return `${prefix}${this.#idPrefix}_${this.#ids.toString(36).padStart(7, '0')}`;
  }

  // Members
  async getMember(id: Id) {
    const member = this.#tables.members.get(id);
    return member ? clone(member) : null;
  }
  async getMembers(ids: Id[]) {
    return ids.flatMap((id) => {
      const member = this.#tables.members.get(id);
      return member ? [clone(member)] : [];
    });
  }
  async putMember(member: MemberRecord) {
    this.#set(this.#tables.members, member.id, member);
  }

  // Comments
  async getComment(id: Id) {
    const comment = this.#tables.comments.get(id);
    return comment ? clone(comment) : null;
  }
  async putComment(comment: CommentRecord) {
    this.#set(this.#tables.comments, comment.id, comment);
  }
  async listComments(query: CommentListQuery) {
    const rows = [...this.#tables.comments.values()].filter(
      (c) =>
        c.thread === query.thread &&
        c.parentId === query.parentId &&
        (c.shown || (query.viewerId !== null && c.authorId === query.viewerId && (c.status === 'pending' || c.status === 'hidden'))),
    );
    const featured = query.featuredFirst ? 1 : 0;
    const positionOf = (c: CommentRecord): unknown[] => {
      const head = featured ? [c.featured ? 0 : 1] : [0];
      if (query.sort === 'top') return [...head, -c.reactionCount, c.createdAt, c.id];
      if (query.sort === 'newest') return [...head, -c.createdAt, c.id];
      return [...head, c.createdAt, c.id];
    };
    const directions = query.sort === 'top' ? [1, 1, 1, 1] : [1, 1, 1];
    const compare = tupleCompare(directions);
    rows.sort((a, b) => compare(positionOf(a), positionOf(b)));
    const slice = page(rows, positionOf, compare, query.after, query.limit);
    return { ...slice, items: slice.items.map(clone) };
  }
  async countComments(threads: string[]) {
    const counts: Record<string, number> = Object.fromEntries(threads.map((t) => [t, 0]));
    for (const c of this.#tables.comments.values()) {
      if (c.status === 'visible' && Object.hasOwn(counts, c.thread)) counts[c.thread]! += 1;
    }
    return counts;
  }
  async recentCommentsBy(authorId: Id, thread: string, since: number) {
    return [...this.#tables.comments.values()]
      .filter((c) => c.authorId === authorId && c.thread === thread && c.createdAt >= since)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map(clone);
  }

  // Reactions
  async getReactions(commentIds: Id[]) {
    const wanted = new Set(commentIds);
    return [...this.#tables.reactions.values()].filter((r) => wanted.has(r.commentId)).map(clone);
  }
  async putReaction(reaction: ReactionRecord) {
    this.#set(this.#tables.reactions, `${reaction.commentId}|${reaction.emoji}|${reaction.memberId}`, reaction);
  }
  async deleteReaction(commentId: Id, emoji: string, memberId: Id) {
    return this.#delete(this.#tables.reactions, `${commentId}|${emoji}|${memberId}`);
  }
  async listReactors(commentId: Id, emoji: string, after: string | null, limit: number) {
    const rows = [...this.#tables.reactions.values()].filter((r) => r.commentId === commentId && r.emoji === emoji);
    const positionOf = (r: ReactionRecord) => [-r.at, r.memberId];
    const compare = tupleCompare([1, 1]);
    rows.sort((a, b) => compare(positionOf(a), positionOf(b)));
    const slice = page(rows, positionOf, compare, after, limit);
    return { ...slice, items: slice.items.map((r) => r.memberId) };
  }

  // Polls
  async getPoll(id: Id) {
    const poll = this.#tables.polls.get(id);
    return poll ? clone(poll) : null;
  }
  async putPoll(poll: PollRecord) {
    this.#set(this.#tables.polls, poll.id, poll);
  }
  async getVote(pollId: Id, memberId: Id) {
    const vote = this.#tables.votes.get(`${pollId}|${memberId}`);
    return vote ? clone(vote) : null;
  }
  async putVote(vote: VoteRecord) {
    this.#set(this.#tables.votes, `${vote.pollId}|${vote.memberId}`, vote);
  }
  async tallyVotes(pollId: Id) {
    const perOption: Record<Id, number> = {};
    let voters = 0;
    for (const vote of this.#tables.votes.values()) {
      if (vote.pollId !== pollId) continue;
      voters += 1;
      for (const option of vote.optionIds) perOption[option] = (perOption[option] ?? 0) + 1;
    }
    return { perOption, voters };
  }

  // Points
  async addPoints(entry: PointsRecord) {
    this.#append(this.#logs.points, entry);
  }
  async pointsSince(memberId: Id, reason: string, since: number) {
    let sum = 0;
    for (const p of this.#logs.points) if (p.memberId === memberId && p.reason === reason && p.at >= since) sum += p.amount;
    return sum;
  }
  async leaderboard(since: number | null, until: number | null) {
    const totals = new Map<Id, number>();
    for (const p of this.#logs.points) {
      if ((since === null || p.at >= since) && (until === null || p.at < until)) totals.set(p.memberId, (totals.get(p.memberId) ?? 0) + p.amount);
    }
    const rows: LeaderRow[] = [...totals].filter(([, points]) => points > 0).map(([memberId, points]) => ({ memberId, points }));
    return rows.sort((a, b) => b.points - a.points || (a.memberId < b.memberId ? -1 : 1));
  }

  // Badges
  async getAwards(memberId: Id) {
    return [...this.#tables.awards.values()].filter((a) => a.memberId === memberId).map(clone);
  }
  async putAward(award: AwardRecord) {
    this.#set(this.#tables.awards, `${award.memberId}|${award.badgeId}|${award.tier}`, award);
  }

  // Reports
  async getReport(id: Id) {
    const report = this.#tables.reports.get(id);
    return report ? clone(report) : null;
  }
  async findReport(reporterId: Id, target: TargetRef) {
    for (const r of this.#tables.reports.values()) if (r.reporterId === reporterId && r.target === target) return clone(r);
    return null;
  }
  async putReport(report: ReportRecord) {
    this.#set(this.#tables.reports, report.id, report);
  }
  async reportsOn(target: TargetRef) {
    return [...this.#tables.reports.values()].filter((r) => r.target === target).sort((a, b) => a.createdAt - b.createdAt).map(clone);
  }
  async reportsBy(reporterId: Id, target: TargetRef | null, after: string | null, limit: number) {
    const rows = [...this.#tables.reports.values()].filter((r) => r.reporterId === reporterId && (target === null || r.target === target));
    const positionOf = (r: ReportRecord) => [-r.createdAt, r.id];
    const compare = tupleCompare([1, 1]);
    rows.sort((a, b) => compare(positionOf(a), positionOf(b)));
    const slice = page(rows, positionOf, compare, after, limit);
    return { ...slice, items: slice.items.map(clone) };
  }
  async countReportsBy(reporterId: Id, since: number) {
    let n = 0;
    for (const r of this.#tables.reports.values()) if (r.reporterId === reporterId && r.createdAt >= since) n += 1;
    return n;
  }

  // Moderation
  async getModeration(target: TargetRef) {
    const record = this.#tables.moderation.get(target);
    return record ? clone(record) : null;
  }
  async putModeration(record: ModerationRecord) {
    this.#set(this.#tables.moderation, record.target, record);
  }
  async listModeration(state: ModerationRecord['state'], after: string | null, limit: number) {
    const rows = [...this.#tables.moderation.values()].filter((m) => m.state === state);
    const positionOf = (m: ModerationRecord) => (state === 'decided' ? [-(m.decidedAt ?? 0), m.target] : [m.createdAt, m.target]);
    const compare = tupleCompare([1, 1]);
    rows.sort((a, b) => compare(positionOf(a), positionOf(b)));
    const slice = page(rows, positionOf, compare, after, limit);
    return { ...slice, items: slice.items.map(clone) };
  }

  // Audit
  async addAudit(entry: AuditRecord) {
    this.#append(this.#logs.audit, entry);
  }
  async listAudit(after: string | null, limit: number) {
    // Newest first; within one millisecond, the later entry first (log order, not id text).
    const order = new Map(this.#logs.audit.map((a, i) => [a.id, i]));
    const rows = [...this.#logs.audit];
    const positionOf = (a: AuditRecord) => [-a.at, -(order.get(a.id) ?? 0)];
    const compare = tupleCompare([1, 1]);
    rows.sort((a, b) => compare(positionOf(a), positionOf(b)));
    const slice = page(rows, positionOf, compare, after, limit);
    return { ...slice, items: slice.items.map(clone) };
  }

  // Idempotency
  async getIdempotency(scope: string) {
    const record = this.#tables.idempotency.get(scope);
    return record ? clone(record) : null;
  }
  async putIdempotency(scope: string, record: IdempotencyRecord) {
    this.#set(this.#tables.idempotency, scope, record);
  }
  async pruneIdempotency(before: number) {
    for (const [scope, record] of [...this.#tables.idempotency]) if (record.at < before) this.#delete(this.#tables.idempotency, scope);
  }

  // Insights: the same figures SqlStore computes with SQL aggregates, by walking the tables.
  async insights(query: InsightsStoreQuery): Promise<InsightsData> {
    const { thread, current, previous, top } = query;
    const t = this.#tables;
    const within = (at: number, range: TimeRange) => at >= range.from && at < range.to;
    const inScope = (comment: CommentRecord | undefined): comment is CommentRecord => comment !== undefined && (thread === null || comment.thread === thread);
    const reportInScope = (target: TargetRef) => thread === null || (target.startsWith('comment:') && inScope(t.comments.get(target.slice('comment:'.length))));
    const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

    // Every member action with its time: what "active" means, in one place.
    const acts: { memberId: Id; at: number; kind: 'comment' | 'reaction' | 'vote' | 'report'; thread: string | null }[] = [];
    for (const c of t.comments.values()) if (inScope(c)) acts.push({ memberId: c.authorId, at: c.createdAt, kind: 'comment', thread: c.thread });
    // A reaction counts wherever its comment is; a thread's are those on its comments.
    for (const r of t.reactions.values()) {
      const c = t.comments.get(r.commentId);
      if (thread === null || inScope(c)) acts.push({ memberId: r.memberId, at: r.at, kind: 'reaction', thread: c?.thread ?? null });
    }
    if (thread === null) for (const v of t.votes.values()) if (!v.memberId.startsWith(ANONYMOUS_VOTER_PREFIX)) acts.push({ memberId: v.memberId, at: v.at, kind: 'vote', thread: null });
    for (const r of t.reports.values()) if (reportInScope(r.target)) acts.push({ memberId: r.reporterId, at: r.createdAt, kind: 'report', thread: null });
    const votes = thread === null ? [...t.votes.values()] : [];

    const counts = (range: TimeRange): InsightsCounts => {
      const active = new Set(acts.filter((a) => within(a.at, range)).map((a) => a.memberId));
      const comments = [...t.comments.values()].filter((c) => inScope(c) && within(c.createdAt, range));
      const reports = [...t.reports.values()].filter((r) => reportInScope(r.target) && within(r.createdAt, range));
      const durations = [...t.moderation.values()]
        .filter((m) => m.state === 'decided' && m.decidedAt !== null && within(m.decidedAt, range) && reportInScope(m.target))
        .map((m) => m.decidedAt! - m.createdAt)
        .sort((a, b) => a - b);
      const middle = (durations.length - 1) / 2;
      const [low, high] = [durations[Math.floor(middle)], durations[Math.ceil(middle)]];
      // The first active day of each member in the cohort window, and whether a later active day follows within a week.
      const cohortFrom = range.from - RETURN_DAYS * DAY_MS;
      const cohortTo = range.to - RETURN_DAYS * DAY_MS;
      const days = new Map<Id, Map<number, number>>();
      for (const a of acts) {
        if (a.at < cohortFrom || a.at >= range.to) continue;
        const day = Math.floor((a.at - cohortFrom) / DAY_MS);
        const mine = days.get(a.memberId) ?? new Map<number, number>();
        mine.set(day, Math.min(mine.get(day) ?? Infinity, a.at));
        days.set(a.memberId, mine);
      }
      let returningCohort = 0;
      let returningMembers = 0;
      for (const mine of days.values()) {
        const sorted = [...mine].sort((a, b) => a[0] - b[0]);
        const cohortDays = sorted.filter(([, first]) => first < cohortTo);
        if (!cohortDays.length) continue;
        returningCohort += 1;
        if (sorted.some(([day, first], i) => first < cohortTo && i + 1 < sorted.length && sorted[i + 1]![0] - day <= RETURN_DAYS)) returningMembers += 1;
      }
      return {
        activeMembers: active.size,
        newMembers: [...t.members.values()].filter((m) => within(m.joinedAt, range) && !m.id.startsWith(ANONYMOUS_VOTER_PREFIX) && (thread === null || active.has(m.id))).length,
        comments: comments.length,
        replies: comments.filter((c) => c.parentId !== null).length,
        hiddenOrRemoved: comments.filter((c) => c.status === 'hidden' || c.status === 'removed').length,
        reactions: acts.filter((a) => a.kind === 'reaction' && within(a.at, range)).length,
        pollVotes: votes.filter((v) => within(v.at, range)).length,
        reports: reports.length,
        reportsUpheld: reports.filter((r) => r.status === 'upheld').length,
        reportsDismissed: reports.filter((r) => r.status === 'dismissed').length,
        reportsOpen: reports.filter((r) => r.status === 'open').length,
        decisions: durations.length,
        // As percentile_cont(0.5) computes it, so both stores give the very same number.
        medianDecisionMs: low === undefined || high === undefined ? null : low + (high - low) * 0.5,
        returningCohort,
        returningMembers,
      };
    };

    const daily = new Map<number, { day: number; comments: number; reactions: number; pollVotes: number; members: Set<Id> }>();
    const dayOf = (at: number) => {
      const day = Math.floor((at - current.from) / DAY_MS);
      let entry = daily.get(day);
      if (!entry) daily.set(day, (entry = { day, comments: 0, reactions: 0, pollVotes: 0, members: new Set() }));
      return entry;
    };
    const topics = new Map<string, { kind: 'thread' | 'poll'; id: string; title: string | null; comments: number; reactions: number; pollVotes: number }>();
    const topic = (kind: 'thread' | 'poll', id: string, title: string | null) => {
      const k = `${kind}\u001f${id}`;
      let entry = topics.get(k);
      if (!entry) topics.set(k, (entry = { kind, id, title, comments: 0, reactions: 0, pollVotes: 0 }));
      return entry;
    };
    const members = new Map<Id, { memberId: Id; comments: number; reactions: number; pollVotes: number }>();
    for (const a of acts) {
      if (!within(a.at, current)) continue;
      const day = dayOf(a.at);
      day.members.add(a.memberId);
      if (a.kind === 'report') continue;
      const member = members.get(a.memberId) ?? { memberId: a.memberId, comments: 0, reactions: 0, pollVotes: 0 };
      members.set(a.memberId, member);
      if (a.kind === 'vote') member.pollVotes += 1;
      else {
        const field = a.kind === 'comment' ? 'comments' : 'reactions';
        day[field] += 1;
        member[field] += 1;
        if (a.thread !== null) topic('thread', a.thread, null)[field] += 1;
      }
    }
    for (const v of votes) {
      if (!within(v.at, current)) continue;
      dayOf(v.at).pollVotes += 1;
      topic('poll', v.pollId, t.polls.get(v.pollId)?.question ?? null).pollVotes += 1;
    }
    const reasons = new Map<string, number>();
    for (const r of t.reports.values()) if (reportInScope(r.target) && within(r.createdAt, current)) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);

    return {
      current: counts(current),
      previous: counts(previous),
      daily: [...daily.values()].sort((a, b) => a.day - b.day).map(({ members: active, ...day }) => ({ ...day, activeMembers: active.size })),
      topics: [...topics.values()]
        .map((x) => ({ ...x, engagement: x.comments + x.reactions + x.pollVotes }))
        .sort((a, b) => b.engagement - a.engagement || byCode(a.kind, b.kind) || byCode(a.id, b.id))
        .slice(0, top),
      members: [...members.values()]
        .map((m) => ({ ...m, actions: m.comments + m.reactions + m.pollVotes }))
        .sort((a, b) => b.actions - a.actions || byCode(a.memberId, b.memberId))
        .slice(0, top),
      reasons: [...reasons]
        .map(([reason, count]) => ({ reason: reason as ReportRecord['reason'], count }))
        .sort((a, b) => b.count - a.count || byCode(a.reason, b.reason)),
    };
  }

  // Live events
  async appendEvent(event: LiveEvent) {
    this.#seq += 1;
    const sequenced = { ...event, seq: this.#seq } as SequencedEvent;
    const log = this.#logs.events;
    log.push(sequenced);
    const dropped = log.length > EVENT_LOG_SIZE ? log.splice(0, log.length - EVENT_LOG_SIZE) : [];
    // Undone like every other write of a failed transaction: the event leaves the log and its seq is free again.
    this.#undo?.push(() => {
      const at = log.indexOf(sequenced);
      if (at >= 0) log.splice(at, 1);
      log.unshift(...dropped);
      this.#seq -= 1;
    });
    return clone(sequenced);
  }
  async eventsSince(topic: string, seq: number) {
    return this.#logs.events.filter((e) => e.topic === topic && e.seq > seq).map(clone);
  }
}
