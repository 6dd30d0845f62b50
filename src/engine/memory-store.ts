import type { LiveEvent, SequencedEvent } from '../core/adapter.js';
import { AdapterError } from '../core/errors.js';
import type { Id, TargetRef } from '../core/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type {
  AuditRecord,
  AwardRecord,
  CommentListQuery,
  CommentRecord,
  IdempotencyRecord,
  LeaderRow,
  MemberRecord,
  ModerationRecord,
  PointsRecord,
  PollRecord,
  ReactionRecord,
  ReportRecord,
  Slice,
  Store,
  VoteRecord,
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
