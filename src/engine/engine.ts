import type { CommentInput, CommentPage, CommentQuery, LiveEvent, LiveListener, SequencedEvent, Topic } from '../core/adapter.js';
import { AdapterError } from '../core/errors.js';
import { isModeratorRole } from '../core/roles.js';
import {
  INSIGHTS_PERIODS,
  REPORT_REASONS,
  type AuditAction,
  type AuditEntry,
  type Badge,
  type BadgeSummary,
  type BadgeTier,
  type Comment,
  type CommentRevision,
  type CommentSort,
  type Id,
  type InsightsFigures,
  type InsightsPeriod,
  type InsightsQuery,
  type InsightsReport,
  type Leaderboard,
  type LeaderboardPeriod,
  type Member,
  type ModerationDecision,
  type ModerationItem,
  type Page,
  type PageQuery,
  type Poll,
  type PollInput,
  type PollResultsRule,
  type ReactionCount,
  type Report,
  type ReportInput,
  type Role,
  type TargetKind,
  type TargetRef,
  type TrustLevel,
  type ViewerClaims,
} from '../core/types.js';
import { iso, startOfUtcDay, startOfUtcMonth, startOfUtcWeek, systemClock, type Clock } from './clock.js';
import { MemoryStore } from './memory-store.js';
import { REPORT_REASONS_REQUIRING_NOTE, ROLE_BADGES, TIERS, resolveRules, type CommunityRules, type RulesOverrides } from './rules.js';
import { ANONYMOUS_VOTER_PREFIX, DAY_MS, newMemberRecord, type CommentRecord, type InsightsCounts, type MemberRecord, type PollRecord, type ReportRecord, type Store } from './store.js';
import * as v from './validate.js';

/** Who is acting: the host site's signed claims, or null for a guest. */
export type Actor = ViewerClaims | null;

export interface EngineOptions {
  store?: Store;
  clock?: Clock;
  rules?: RulesOverrides;
}

interface WriteContext {
  actor: ViewerClaims & { roles: Role[] };
  member: MemberRecord;
  now: number;
  events: LiveEvent[];
}

const TIER_RANK: Record<BadgeTier, number> = { bronze: 1, silver: 2, gold: 3 };
const TARGET_KINDS: readonly TargetKind[] = ['comment', 'member', 'poll'];
const splitTarget = (ref: TargetRef): { kind: TargetKind; id: Id } => {
  const colon = ref.indexOf(':');
  return { kind: ref.slice(0, colon) as TargetKind, id: ref.slice(colon + 1) };
};
const MAX_BATCH = 100;
/** How many top threads and polls, and top members, a report of insights lists. */
const INSIGHTS_TOP = 10;
/** Expired idempotency records are swept at most this often. */
const PRUNE_EVERY_MS = 60_000;


function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** A short digest so stored fingerprints stay small whatever the request size (FNV-1a, 2×32 bits). */
function digest(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}:${text.length}`;
}

/**
 * The community's rules, written once. The browser's LocalAdapter and the server both call it;
 * it never touches the DOM or Node APIs, and its time comes from an injectable clock.
 */
export class Engine {
  readonly rules: CommunityRules;
  readonly store: Store;
  readonly clock: Clock;
  readonly #listeners = new Map<string, Set<LiveListener>>();
  readonly #allListeners = new Set<LiveListener>();

  constructor(options: EngineOptions = {}) {
    this.rules = resolveRules(options.rules);
    this.store = options.store ?? new MemoryStore();
    this.clock = options.clock ?? systemClock;
  }

  // ───────────────────────── live events

  subscribe(topic: Topic, listener: LiveListener): () => void {
    let set = this.#listeners.get(topic);
    if (!set) this.#listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      // A second call must not drop a newer subscriber's set for the same topic.
      if (set.size === 0 && this.#listeners.get(topic) === set) this.#listeners.delete(topic);
    };
  }

  /** Every event on every topic: for fan-out (other tabs, other server instances). */
  subscribeAll(listener: LiveListener): () => void {
    this.#allListeners.add(listener);
    return () => this.#allListeners.delete(listener);
  }

  /** Delivers an event that happened elsewhere (another tab, another instance) to local listeners. */
  deliver(event: SequencedEvent): void {
    for (const listener of [...(this.#listeners.get(event.topic) ?? [])]) this.#call(listener, event);
  }

  /** A listener that throws is logged and skipped: the write it reports on is committed, and the others still hear it. */
  #call(listener: LiveListener, event: SequencedEvent): void {
    try {
      listener(event);
    } catch (error) {
      console.error('[majlis] A live event listener failed.', error);
    }
  }

  /**
   * Events appended to the store's log inside their transaction, waiting to be delivered.
   * Delivered in seq order, each once its write committed; a write that fails takes its events out.
   */
  readonly #outbox: { event: SequencedEvent; committed: boolean }[] = [];

  #flush(): void {
    this.#outbox.sort((a, b) => a.event.seq - b.event.seq);
    while (this.#outbox[0]?.committed) {
      const { event } = this.#outbox.shift()!;
      this.deliver(event);
      for (const listener of [...this.#allListeners]) this.#call(listener, event);
    }
  }

  /** When idempotency records were last pruned (engine clock). */
  #prunedAt = -Infinity;

  // ───────────────────────── writes: one door for all of them

  async #write<T>(actor: Actor, key: unknown, operation: string, request: unknown, work: (ctx: WriteContext) => Promise<T>): Promise<T> {
    if (!actor) throw new AdapterError('unauthorized', 'Sign in to do this.');
    const claims = v.claims(actor);
    const idempotencyKey = v.idempotencyKey(key);
    const scope = `${claims.id}\u001f${idempotencyKey}`;
    const fingerprint = digest(`${operation}\u001f${stableStringify(request)}`);
    const events: LiveEvent[] = [];
    const outgoing: { event: SequencedEvent; committed: boolean }[] = [];
    let result: T;
    try {
      result = await this.store.transaction(async () => {
        const seen = await this.store.getIdempotency(scope);
        const now = this.clock.now();
        if (seen && now - seen.at < this.rules.idempotencyTtlMs) {
          if (seen.fingerprint !== fingerprint)
            throw new AdapterError('conflict', 'This idempotency key was already used for a different request. Use a new key for a new write.', { reason: 'idempotency_key_reused' });
          return seen.result as T;
        }
        const member = await this.#upsertMember(claims, now);
        if (member.bannedUntil !== null && member.bannedUntil > now)
          throw new AdapterError('forbidden', `You are banned from posting until ${iso(member.bannedUntil)}${member.banReason ? `: ${member.banReason}` : '.'}`, { reason: 'banned' });
        const value = await work({ actor: claims, member, now, events });
        await this.store.putIdempotency(scope, { fingerprint, result: value, at: now });
        if (this.store.pruneIdempotency && now - this.#prunedAt >= PRUNE_EVERY_MS) {
          this.#prunedAt = now;
          await this.store.pruneIdempotency(now - this.rules.idempotencyTtlMs);
        }
        // The outbox: events join the log in the same transaction as the write they report.
        for (const event of events) {
          const entry = { event: await this.store.appendEvent(event), committed: false };
          outgoing.push(entry);
          this.#outbox.push(entry);
        }
        return value;
      });
    } catch (error) {
      for (const entry of outgoing) this.#outbox.splice(this.#outbox.indexOf(entry), 1);
      this.#flush();
      throw error;
    }
    for (const entry of outgoing) entry.committed = true;
    this.#flush();
    return result;
  }

  async #upsertMember(claims: ViewerClaims & { roles: Role[] }, now: number): Promise<MemberRecord> {
    const existing = await this.store.getMember(claims.id);
    const avatarUrl = claims.avatarUrl ?? null;
    if (existing && existing.name === claims.name && existing.avatarUrl === avatarUrl && existing.roles.join() === claims.roles.join()) return existing;
    const member: MemberRecord = existing
      ? { ...existing, name: claims.name, avatarUrl, roles: claims.roles }
      : newMemberRecord({ id: claims.id, name: claims.name, avatarUrl, roles: claims.roles, joinedAt: now });
    await this.store.putMember(member);
    return member;
  }

  #requireModerator(actor: Actor): ViewerClaims {
    if (!actor) throw new AdapterError('unauthorized', 'Sign in as a moderator to do this.');
    if (!isModeratorRole(actor.roles ?? [])) throw new AdapterError('forbidden', 'Only moderators and admins can do this.');
    return actor;
  }

  // ───────────────────────── members, trust, points, badges

  trustLevel(member: MemberRecord, now = this.clock.now()): TrustLevel {
    if (member.roles.includes('admin')) return 'admin';
    if (member.roles.includes('moderator')) return 'moderator';
    const { newMaxComments, newMaxAgeMs, trustedMinPoints } = this.rules.trust;
    if (member.counters.comments < newMaxComments || now - member.joinedAt < newMaxAgeMs) return 'new';
    if (member.points >= trustedMinPoints && member.upheldAgainst === 0) return 'trusted';
    return 'member';
  }

  #toMember(record: MemberRecord, now: number): Member {
    return {
      id: record.id,
      name: record.name,
      avatarUrl: record.avatarUrl,
      roles: [...record.roles],
      trustLevel: this.trustLevel(record, now),
      points: record.points,
      joinedAt: iso(record.joinedAt),
      commentCount: record.counters.comments,
      topBadge: record.topBadge,
      bannedUntil: record.bannedUntil !== null && record.bannedUntil > now ? iso(record.bannedUntil) : null,
    };
  }

  async #addPoints(memberId: Id, amount: number, reason: string, now: number, events: LiveEvent[]): Promise<void> {
    if (amount === 0) return;
    const member = await this.store.getMember(memberId);
    if (!member) return;
    member.points += amount;
    await this.store.putMember(member);
    await this.store.addPoints({ memberId, amount, reason, at: now });
    pushOnce(events, { type: 'leaderboard.updated', topic: 'leaderboard' });
    pushOnce(events, { type: 'member.updated', topic: `member:${memberId}`, memberId });
  }

  /** Changes a badge counter and awards every tier it now reaches. Awards are never taken back. */
  async #count(memberId: Id, counter: keyof MemberRecord['counters'], delta: number, now: number, events: LiveEvent[]): Promise<void> {
    const member = await this.store.getMember(memberId);
    if (!member) return;
    member.counters[counter] = Math.max(0, member.counters[counter] + delta);
    if (delta > 0) {
      const awarded = new Set((await this.store.getAwards(memberId)).map((a) => `${a.badgeId}|${a.tier}`));
      for (const rule of this.rules.badges) {
        if (rule.counter !== counter) continue;
        for (const tier of TIERS) {
          const threshold = rule.thresholds[tier];
          if (threshold === undefined || member.counters[counter] < threshold || awarded.has(`${rule.id}|${tier}`)) continue;
          await this.store.putAward({ memberId, badgeId: rule.id, tier, at: now });
          events.push({ type: 'badge.awarded', topic: `member:${memberId}`, memberId, badgeId: rule.id, tier });
          if (!member.topBadge || TIER_RANK[tier] >= TIER_RANK[member.topBadge.tier]) member.topBadge = { id: rule.id, tier };
        }
      }
    }
    await this.store.putMember(member);
    pushOnce(events, { type: 'member.updated', topic: `member:${memberId}`, memberId });
  }

  async viewer(actor: Actor): Promise<Member | null> {
    if (!actor) return null;
    const claims = v.claims(actor);
    const now = this.clock.now();
    const member = await this.store.transaction(() => this.#upsertMember(claims, now));
    return this.#toMember(member, now);
  }

  async getMembers(_actor: Actor, ids: unknown): Promise<Member[]> {
    if (!Array.isArray(ids) || ids.length > MAX_BATCH) throw new AdapterError('invalid', `Ask for 1 to ${MAX_BATCH} members at a time.`, { field: 'ids' });
    const unique = [...new Set(ids.map((id) => v.id(id, 'ids', 'A member id')))];
    const now = this.clock.now();
    return (await this.store.getMembers(unique)).map((m) => this.#toMember(m, now));
  }

  async badges(_actor: Actor, memberId: unknown): Promise<Badge[]> {
    const member = await this.store.getMember(v.id(memberId, 'memberId', 'The member id'));
    if (!member) throw new AdapterError('not_found', 'This member does not exist.');
    const awards = await this.store.getAwards(member.id);
    const badges: Badge[] = this.rules.badges.map((rule) => {
      const progress = member.counters[rule.counter];
      const mine = awards.filter((a) => a.badgeId === rule.id);
      const awarded: Badge['awarded'] = {};
      let tier: BadgeTier | null = null;
      for (const a of mine) {
        awarded[a.tier] = iso(a.at);
        if (!tier || TIER_RANK[a.tier] > TIER_RANK[tier]) tier = a.tier;
      }
      const next = TIERS.find((t) => rule.thresholds[t] !== undefined && awarded[t] === undefined) ?? null;
      return {
        id: rule.id,
        kind: rule.kind,
        tier,
        awarded,
        progress,
        nextTier: next,
        nextThreshold: next ? rule.thresholds[next]! : null,
        thresholds: { ...rule.thresholds },
      };
    });
    for (const role of ROLE_BADGES) {
      if (member.roles.includes(role))
        badges.push({ id: role, kind: 'role', tier: 'gold', awarded: {}, progress: 1, nextTier: null, nextThreshold: null, thresholds: {} });
    }
    return badges;
  }

  // ───────────────────────── comments

  #thread(value: unknown): string {
    return v.id(value, 'thread', 'The thread id');
  }

  async #readableComment(actor: Actor, id: unknown): Promise<CommentRecord> {
    const comment = await this.store.getComment(v.id(id, 'id', 'The comment id'));
    const own = comment && actor && comment.authorId === actor.id;
    const moderator = actor && isModeratorRole(actor.roles ?? []);
    // Authors may still read their own held, hidden or removed comment: it tells them why.
    if (!comment || (!comment.shown && !(own && (comment.status === 'pending' || comment.status === 'hidden' || comment.status === 'removed')) && !moderator))
      throw new AdapterError('not_found', 'This comment does not exist or was removed.');
    return comment;
  }

  async #toComments(records: CommentRecord[], viewerId: Id | null, moderator = false): Promise<Comment[]> {
    const reactions = records.length ? await this.store.getReactions(records.map((c) => c.id)) : [];
    // A reply names the author it answers only while that parent shows its author to this viewer.
    const parents = new Map<Id, CommentRecord | null>();
    for (const record of records) {
      if (record.parentId !== null && record.replyToAuthorId !== null && !parents.has(record.parentId))
        parents.set(record.parentId, await this.store.getComment(record.parentId));
    }
    return records.map((record) => {
      const parent = record.parentId === null ? null : parents.get(record.parentId);
      const replyTo = parent && !this.#isWithheld(parent, viewerId, moderator) ? record.replyToAuthorId : null;
      return this.#toComment(record, viewerId, reactions.filter((r) => r.commentId === record.id), moderator, replyTo);
    });
  }

  /** Whether a comment is only a bare placeholder for this viewer: deleted or removed, or hidden/held from all but its author and the moderators. */
  #isWithheld(c: CommentRecord, viewerId: Id | null, moderator: boolean): boolean {
    const withheld = (c.status === 'hidden' || c.status === 'pending') && c.authorId !== viewerId && !moderator;
    return c.status === 'deleted' || c.status === 'removed' || withheld;
  }

  #toComment(c: CommentRecord, viewerId: Id | null, reactions: { emoji: string; memberId: Id }[], moderator = false, replyTo: Id | null = c.replyToAuthorId): Comment {
    const gone = this.#isWithheld(c, viewerId, moderator);
    const counts = new Map<string, ReactionCount>();
    if (!gone) {
      for (const r of reactions) {
        const entry = counts.get(r.emoji) ?? { emoji: r.emoji, count: 0, mine: false };
        entry.count += 1;
        if (r.memberId === viewerId) entry.mine = true;
        counts.set(r.emoji, entry);
      }
    }
    return {
      id: c.id,
      thread: c.thread,
      parentId: c.parentId,
      depth: c.depth,
      authorId: gone ? '' : c.authorId,
      body: gone ? '' : c.body,
      status: c.status,
      createdAt: iso(c.createdAt),
      editedAt: gone || c.editedAt === null ? null : iso(c.editedAt),
      editCount: gone ? 0 : c.history.length,
      featured: c.featured,
      reactions: [...counts.values()],
      replyCount: c.replyCount,
      replyToAuthorId: replyTo,
      ...(c.status === 'removed' && c.removalReason && (moderator || c.authorId === viewerId) && { removalReason: c.removalReason }),
    };
  }

  async listComments(actor: Actor, query: CommentQuery): Promise<CommentPage> {
    const thread = this.#thread(query?.thread);
    const sort = v.oneOf<CommentSort>(query.sort ?? 'oldest', ['oldest', 'newest', 'top'], 'sort', 'The sort');
    const parentId = query.parentId === undefined || query.parentId === null ? null : v.id(query.parentId, 'parentId', 'The parent comment id');
    const limit = v.limit(query.limit, this.rules.paging.defaultLimit, this.rules.paging.maxLimit);
    const slice = await this.store.listComments({
      thread,
      parentId,
      sort,
      featuredFirst: query.featuredFirst === true,
      viewerId: actor?.id ?? null,
      after: v.cursor(query.cursor),
      limit,
    });
    // A top-level page also carries the thread's count, so the thread's first page is one request.
    const threadCount = parentId === null ? ((await this.store.countComments([thread]))[thread] ?? 0) : undefined;
    const items = await this.#toComments(slice.items, actor?.id ?? null);
    // The members the page names come with it: a thread's page is one request, authors included.
    const named = [...new Set(items.flatMap((c) => [c.authorId, c.replyToAuthorId ?? '']).filter(Boolean))];
    const now = this.clock.now();
    const members = named.length ? (await this.store.getMembers(named)).map((m) => this.#toMember(m, now)) : [];
    return { items, nextCursor: slice.next, total: slice.total, ...(threadCount !== undefined && { threadCount }), members };
  }

  async getComment(actor: Actor, id: unknown): Promise<Comment> {
    const record = await this.#readableComment(actor, id);
    return (await this.#toComments([record], actor?.id ?? null, actor !== null && isModeratorRole(actor.roles ?? [])))[0]!;
  }

  async countComments(_actor: Actor, threads: unknown): Promise<Record<string, number>> {
    if (!Array.isArray(threads) || threads.length === 0 || threads.length > MAX_BATCH)
      throw new AdapterError('invalid', `Ask for the counts of 1 to ${MAX_BATCH} threads at a time.`, { field: 'threads' });
    return this.store.countComments([...new Set(threads.map((t) => this.#thread(t)))]);
  }

  async history(actor: Actor, id: unknown): Promise<CommentRevision[]> {
    const record = await this.#readableComment(actor, id);
    const withheld = (record.status === 'hidden' || record.status === 'pending') && record.authorId !== actor?.id && !(actor && isModeratorRole(actor.roles ?? []));
    return record.status === 'deleted' || record.status === 'removed' || withheld ? [] : record.history;
  }

  /** A comment became visible for the first time: credit its author and the author it answers. */
  async #credit(comment: CommentRecord, now: number, events: LiveEvent[]): Promise<void> {
    const { comment: perComment, commentDailyCap, replyReceived } = this.rules.points;
    const earnedToday = await this.store.pointsSince(comment.authorId, 'comment', startOfUtcDay(now));
    await this.#addPoints(comment.authorId, Math.max(0, Math.min(perComment, commentDailyCap - earnedToday)), 'comment', now, events);
    await this.#count(comment.authorId, 'comments', 1, now, events);
    if (comment.replyToAuthorId && comment.replyToAuthorId !== comment.authorId)
      await this.#addPoints(comment.replyToAuthorId, replyReceived, 'reply', now, events);
  }

  /** Whether a comment shows in listings changed: keep reply counts of its ancestors true. */
  async #setShown(comment: CommentRecord, shown: boolean): Promise<void> {
    let current: CommentRecord | null = comment;
    let next = shown;
    while (current && current.shown !== next) {
      current.shown = next;
      await this.store.putComment(current);
      if (current.parentId === null) break;
      const parent: CommentRecord | null = await this.store.getComment(current.parentId);
      if (!parent) break;
      parent.replyCount += next ? 1 : -1;
      await this.store.putComment(parent);
      const parentGone = parent.status !== 'visible';
      next = parentGone ? parent.replyCount > 0 : true;
      current = parentGone ? parent : null;
    }
  }

  async #threadChanged(thread: string, events: LiveEvent[]): Promise<void> {
    const count = (await this.store.countComments([thread]))[thread] ?? 0;
    pushOnce(events, { type: 'count.updated', topic: `thread:${thread}`, thread, count }, true);
  }

  async postComment(actor: Actor, input: CommentInput, key: unknown): Promise<Comment> {
    return this.#write(actor, key, 'comment.post', input, async ({ actor: claims, member, now, events }) => {
      const thread = this.#thread(input?.thread);
      const body = v.text(input.body, { field: 'body', max: this.rules.comments.maxLength, label: 'The comment' });
      let parent: CommentRecord | null = null;
      if (input.parentId !== undefined && input.parentId !== null) {
        parent = await this.store.getComment(v.id(input.parentId, 'parentId', 'The parent comment id'));
        if (!parent || parent.thread !== thread || parent.status !== 'visible')
          throw new AdapterError('not_found', 'The comment you are replying to does not exist or was removed.', { field: 'parentId' });
      }
      const { minIntervalMs, repeatWindowMs, holdNewMembers } = this.rules.comments;
      if (member.lastCommentAt !== null && now - member.lastCommentAt < minIntervalMs) {
        const wait = Math.ceil((minIntervalMs - (now - member.lastCommentAt)) / 1000);
        throw new AdapterError('rate_limited', `You are posting too fast. Wait ${wait} s and send again.`, { retryAfter: wait });
      }
      const recent = await this.store.recentCommentsBy(member.id, thread, now - repeatWindowMs);
      const normalized = body.trim();
      if (recent.some((c) => c.status !== 'deleted' && c.body.trim() === normalized))
        throw new AdapterError('conflict', 'You already posted this same comment here.', { reason: 'duplicate' });

      const held = holdNewMembers && !isModeratorRole(claims.roles) && this.trustLevel(member, now) === 'new';
      const comment: CommentRecord = {
        id: this.store.newId('c'),
        thread,
        parentId: parent?.id ?? null,
        depth: parent ? parent.depth + 1 : 0,
        authorId: member.id,
        body,
        status: held ? 'pending' : 'visible',
        createdAt: now,
        editedAt: null,
        history: [],
        featured: false,
        shown: false,
        replyCount: 0,
        reactionCount: 0,
        replyToAuthorId: parent?.authorId ?? null,
        credited: !held,
      };
      await this.store.putComment(comment);
      await this.store.putMember({ ...member, lastCommentAt: now });
      if (held) {
        await this.store.putModeration({ target: `comment:${comment.id}`, state: 'pending', heldBecause: 'new-member', createdAt: now, decidedAt: null });
        events.push({ type: 'moderation.updated', topic: 'moderation', target: `comment:${comment.id}` });
      } else {
        await this.#setShown(comment, true);
        await this.#credit(comment, now, events);
      }
      const result = this.#toComment(comment, member.id, []);
      if (!held) {
        events.unshift({ type: 'comment.created', topic: `thread:${thread}`, comment: { ...result, reactions: [] } });
        await this.#threadChanged(thread, events);
      }
      return result;
    });
  }

  async #ownEditable(claims: ViewerClaims, id: unknown, now: number, verb: string): Promise<CommentRecord> {
    const comment = await this.store.getComment(v.id(id, 'id', 'The comment id'));
    if (!comment || comment.status === 'deleted' || comment.status === 'removed') throw new AdapterError('not_found', 'This comment does not exist or was removed.');
    if (comment.authorId !== claims.id) throw new AdapterError('forbidden', `You can only ${verb} your own comments.`);
    // Hidden by reports or held: the moderators decide on the text they were shown.
    if (comment.status === 'hidden' || comment.status === 'pending')
      throw new AdapterError('forbidden', `This comment is waiting for the moderators, so it cannot be ${verb === 'edit' ? 'edited' : 'deleted'} now.`, { reason: 'under_review' });
    if (now - comment.createdAt > this.rules.comments.editWindowMs)
      throw new AdapterError('forbidden', `Comments can be ${verb === 'edit' ? 'edited' : 'deleted'} only within ${Math.round(this.rules.comments.editWindowMs / 60000)} minutes of posting.`, { reason: 'edit_window' });
    return comment;
  }

  async editComment(actor: Actor, id: unknown, body: unknown, key: unknown): Promise<Comment> {
    return this.#write(actor, key, 'comment.edit', { id, body }, async ({ actor: claims, member, now, events }) => {
      const comment = await this.#ownEditable(claims, id, now, 'edit');
      const text = v.text(body, { field: 'body', max: this.rules.comments.maxLength, label: 'The comment' });
      if (text !== comment.body) {
        comment.history.push({ body: comment.body, replacedAt: iso(now) });
        comment.body = text;
        comment.editedAt = now;
        await this.store.putComment(comment);
        // A member whose posts are held has the new text held too, as a new post would be.
        if (this.rules.comments.holdNewMembers && !isModeratorRole(claims.roles) && this.trustLevel(member, now) === 'new') {
          const ref: TargetRef = `comment:${comment.id}`;
          comment.status = 'pending';
          await this.store.putComment(comment);
          await this.#setShown(comment, comment.replyCount > 0);
          await this.store.putModeration({ target: ref, state: 'pending', heldBecause: 'new-member', createdAt: now, decidedAt: null });
          events.push({ type: 'comment.deleted', topic: `thread:${comment.thread}`, commentId: comment.id, thread: comment.thread });
          events.push({ type: 'moderation.updated', topic: 'moderation', target: ref });
          await this.#threadChanged(comment.thread, events);
        }
      }
      const [result] = await this.#toComments([comment], claims.id);
      if (comment.status === 'visible') {
        // Everyone in the thread hears it: the view of a guest, not the author's.
        const [shown] = await this.#toComments([comment], null);
        events.push({ type: 'comment.updated', topic: `thread:${comment.thread}`, comment: { ...shown!, reactions: [] } });
      }
      return result!;
    });
  }

  async deleteComment(actor: Actor, id: unknown, key: unknown): Promise<void> {
    await this.#write(actor, key, 'comment.delete', { id }, async ({ actor: claims, now, events }) => {
      const comment = await this.#ownEditable(claims, id, now, 'delete');
      const wasVisible = comment.status === 'visible';
      comment.status = 'deleted';
      comment.body = '';
      comment.history = [];
      await this.store.putComment(comment);
      await this.#setShown(comment, comment.replyCount > 0);
      if (comment.credited) await this.#count(comment.authorId, 'comments', -1, now, events);
      if (wasVisible) {
        events.push({ type: 'comment.deleted', topic: `thread:${comment.thread}`, commentId: comment.id, thread: comment.thread });
        await this.#threadChanged(comment.thread, events);
      }
      return null;
    });
  }

  async featureComment(actor: Actor, id: unknown, featured: unknown, key: unknown): Promise<Comment> {
    this.#requireModerator(actor);
    return this.#write(actor, key, 'comment.feature', { id, featured }, async ({ actor: claims, now, events }) => {
      if (typeof featured !== 'boolean') throw new AdapterError('invalid', 'featured must be true or false.', { field: 'featured' });
      const comment = await this.store.getComment(v.id(id, 'id', 'The comment id'));
      if (!comment || comment.status !== 'visible') throw new AdapterError('not_found', 'This comment does not exist or is not visible.');
      if (comment.featured !== featured) {
        comment.featured = featured;
        if (featured && !comment.everFeatured) {
          comment.everFeatured = true;
          await this.#addPoints(comment.authorId, this.rules.points.commentFeatured, 'featured', now, events);
          await this.#count(comment.authorId, 'featured', 1, now, events);
        }
        await this.store.putComment(comment);
        await this.#audit(featured ? 'feature' : 'unfeature', claims.id, `comment:${comment.id}`, '', now);
      }
      const [result] = await this.#toComments([comment], claims.id, true);
      const [shown] = await this.#toComments([comment], null);
      events.push({ type: 'comment.updated', topic: `thread:${comment.thread}`, comment: { ...shown!, reactions: [] } });
      return result!;
    });
  }

  // ───────────────────────── reactions

  async react(actor: Actor, commentId: unknown, emoji: unknown, on: unknown, key: unknown): Promise<ReactionCount[]> {
    return this.#write(actor, key, 'reaction', { commentId, emoji, on }, async ({ member, now, events }) => {
      const allowed = this.rules.reactions.allowed;
      if (typeof emoji !== 'string' || (allowed.length ? !allowed.includes(emoji) : !/^\p{Extended_Pictographic}[\u{FE0F}\u{200D}\p{Extended_Pictographic}\p{Emoji_Modifier}]*$/u.test(emoji)))
        throw new AdapterError('invalid', `This reaction is not allowed here. Use one of: ${allowed.join(' ')}.`, { field: 'emoji' });
      if (typeof on !== 'boolean') throw new AdapterError('invalid', 'on must be true or false.', { field: 'on' });
      const comment = await this.store.getComment(v.id(commentId, 'commentId', 'The comment id'));
      if (!comment || comment.status !== 'visible') throw new AdapterError('not_found', 'This comment does not exist or was removed.');
      const existing = (await this.store.getReactions([comment.id])).some((r) => r.emoji === emoji && r.memberId === member.id);
      if (on !== existing) {
        if (on) await this.store.putReaction({ commentId: comment.id, emoji, memberId: member.id, at: now });
        else await this.store.deleteReaction(comment.id, emoji, member.id);
        comment.reactionCount += on ? 1 : -1;
        await this.store.putComment(comment);
        if (comment.authorId !== member.id) {
          await this.#addPoints(comment.authorId, on ? this.rules.points.reactionReceived : -this.rules.points.reactionReceived, 'reaction', now, events);
          await this.#count(comment.authorId, 'reactionsReceived', on ? 1 : -1, now, events);
        }
        events.unshift({ type: 'reactions.updated', topic: `thread:${comment.thread}`, commentId: comment.id, thread: comment.thread });
      }
      const [result] = await this.#toComments([comment], member.id);
      return result!.reactions;
    });
  }

  async reactors(actor: Actor, commentId: unknown, emoji: unknown, query: PageQuery = {}): Promise<Page<Id>> {
    const comment = await this.store.getComment(v.id(commentId, 'id', 'The comment id'));
    // Who reacted to a placeholder is no one's business but the moderators'.
    if (!comment || (comment.status !== 'visible' && !(actor && isModeratorRole(actor.roles ?? []))))
      throw new AdapterError('not_found', 'This comment does not exist or was removed.');
    // No emoji has control characters or broken surrogates; a SQL store could not even look them up (NUL), so refuse them here, the same on every store.
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (typeof emoji !== 'string' || emoji.length > 32 || /[\u0000-\u001f\u007f]/.test(emoji) || !emoji.isWellFormed())
      throw new AdapterError('invalid', 'The reaction is not valid.', { field: 'emoji' });
    const slice = await this.store.listReactors(comment.id, emoji, v.cursor(query.cursor), v.limit(query.limit, this.rules.paging.defaultLimit, this.rules.paging.maxLimit));
    return { items: slice.items, nextCursor: slice.next, total: slice.total };
  }

  // ───────────────────────── polls

  #pollClosed(poll: PollRecord, now: number): boolean {
    return poll.closedAt !== null || (poll.closesAt !== null && poll.closesAt <= now);
  }

  /** The voter id of a guest's per-browser key: a digest, so the key itself is never stored. */
  #anonymousVoter(key: unknown): Id | null {
    return typeof key === 'string' && /^[\x21-\x7e]{16,200}$/.test(key) ? `${ANONYMOUS_VOTER_PREFIX}${digest(`anon\u001f${key}`)}` : null;
  }

  async #toPoll(poll: PollRecord, actor: Actor, now: number, anonymousKey?: unknown): Promise<Poll> {
    const closed = this.#pollClosed(poll, now);
    const voterId = actor ? actor.id : this.#anonymousVoter(anonymousKey);
    const vote = voterId ? await this.store.getVote(poll.id, voterId) : null;
    const moderator = actor !== null && isModeratorRole(actor.roles ?? []);
    const rule: PollResultsRule = poll.results;
    const visible = moderator || rule === 'always' || (rule === 'after-vote' && (vote !== null || closed)) || (rule === 'after-close' && closed);
    const tally = visible ? await this.store.tallyVotes(poll.id) : null;
    return {
      id: poll.id,
      question: poll.question,
      kind: poll.kind,
      minChoices: poll.minChoices,
      maxChoices: poll.maxChoices,
      options: poll.options.map((o) => ({ id: o.id, label: o.label, votes: tally ? (tally.perOption[o.id] ?? 0) : null })),
      results: poll.results,
      resultsVisible: visible,
      totalVoters: tally ? tally.voters : null,
      allowChange: poll.allowChange,
      allowAnonymous: poll.allowAnonymous === true,
      closesAt: poll.closesAt === null ? null : iso(poll.closesAt),
      closed,
      createdAt: iso(poll.createdAt),
      createdBy: poll.createdBy,
      myVote: vote ? [...vote.optionIds] : null,
    };
  }

  async #poll(id: unknown, actor: Actor): Promise<PollRecord> {
    const poll = await this.store.getPoll(v.id(id, 'pollId', 'The poll id'));
    // A poll moderators removed is gone for everyone else.
    if (!poll || (poll.removed && !(actor && isModeratorRole(actor.roles ?? [])))) throw new AdapterError('not_found', 'This poll does not exist.');
    return poll;
  }

  async getPoll(actor: Actor, id: unknown, anonymousKey?: unknown): Promise<Poll> {
    return this.#toPoll(await this.#poll(id, actor), actor, this.clock.now(), anonymousKey);
  }

  async createPoll(actor: Actor, input: PollInput, key: unknown): Promise<Poll> {
    this.#requireModerator(actor);
    return this.#write(actor, key, 'poll.create', input, async ({ actor: claims, now, events }) => {
      const r = this.rules.polls;
      if (typeof input !== 'object' || input === null) throw new AdapterError('invalid', 'A poll needs a question and options.');
      const question = v.text(input.question, { field: 'question', max: r.questionMaxLength, label: 'The question' }).trim();
      if (!Array.isArray(input.options) || input.options.length < r.minOptions || input.options.length > r.maxOptions)
        throw new AdapterError('invalid', `A poll needs ${r.minOptions} to ${r.maxOptions} options.`, { field: 'options' });
      const labels = input.options.map((o, i) => v.text(o, { field: `options.${i}`, max: r.optionMaxLength, label: `Option ${i + 1}` }).trim());
      const seen = new Set<string>();
      labels.forEach((label, i) => {
        const folded = label.toLocaleLowerCase();
        if (seen.has(folded)) throw new AdapterError('invalid', `Option ${i + 1} repeats another option: "${label}".`, { field: `options.${i}`, reason: 'duplicate' });
        seen.add(folded);
      });
      const kind = v.oneOf(input.kind ?? 'single', ['single', 'multiple'] as const, 'kind', 'The poll kind');
      const minChoices = kind === 'single' ? 1 : (input.minChoices ?? 1);
      const maxChoices = kind === 'single' ? 1 : (input.maxChoices ?? labels.length);
      if (!Number.isInteger(minChoices) || !Number.isInteger(maxChoices) || minChoices < 1 || maxChoices < minChoices || maxChoices > labels.length)
        throw new AdapterError('invalid', `Choices must satisfy 1 ≤ minimum ≤ maximum ≤ ${labels.length}.`, { field: 'maxChoices' });
      const results = v.oneOf(input.results ?? 'always', ['always', 'after-vote', 'after-close', 'moderators'] as const, 'results', 'The results rule');
      const closesAt = input.closesAt === undefined || input.closesAt === null ? null : v.futureDate(input.closesAt, now, 'closesAt', 'The close date');
      if (input.allowChange !== undefined && typeof input.allowChange !== 'boolean') throw new AdapterError('invalid', 'allowChange must be true or false.', { field: 'allowChange' });
      if (input.allowAnonymous !== undefined && typeof input.allowAnonymous !== 'boolean') throw new AdapterError('invalid', 'allowAnonymous must be true or false.', { field: 'allowAnonymous' });
      const poll: PollRecord = {
        id: this.store.newId('p'),
        question,
        kind,
        minChoices,
        maxChoices,
        options: labels.map((label, i) => ({ id: `o${i + 1}`, label })),
        results,
        allowChange: input.allowChange ?? true,
        allowAnonymous: input.allowAnonymous === true,
        closesAt,
        closedAt: null,
        createdAt: now,
        createdBy: claims.id,
      };
      await this.store.putPoll(poll);
      await this.#audit('create-poll', claims.id, `poll:${poll.id}`, '', now);
      events.push({ type: 'poll.updated', topic: `poll:${poll.id}`, pollId: poll.id });
      return this.#toPoll(poll, claims, now);
    });
  }

  async vote(actor: Actor, pollId: unknown, optionIds: unknown, key: unknown, anonymousKey?: unknown): Promise<Poll> {
    // A guest votes as their browser's key, where the poll allows it; they earn no points and no badges.
    const anonymous = actor === null ? this.#anonymousVoter(anonymousKey) : null;
    if (actor === null && anonymous) {
      const poll = await this.store.getPoll(v.id(pollId, 'pollId', 'The poll id'));
      if (!poll || poll.removed) throw new AdapterError('not_found', 'This poll does not exist.');
      if (!poll.allowAnonymous) throw new AdapterError('unauthorized', 'Sign in to vote in this poll.');
    }
    const voter: Actor = anonymous ? { id: anonymous, name: 'Anonymous voter' } : actor;
    return this.#write(voter, key, 'poll.vote', { pollId, optionIds }, async ({ actor: claims, member, now, events }) => {
      const poll = await this.#poll(pollId, claims);
      if (this.#pollClosed(poll, now)) throw new AdapterError('conflict', 'This poll is closed: votes are no longer accepted.', { reason: 'closed' });
      if (!Array.isArray(optionIds) || optionIds.some((o) => typeof o !== 'string'))
        throw new AdapterError('invalid', 'A vote is a list of option ids.', { field: 'optionIds' });
      const chosen = [...new Set(optionIds as string[])];
      if (chosen.length !== optionIds.length) throw new AdapterError('invalid', 'Each option can be chosen once.', { field: 'optionIds' });
      const unknown = chosen.find((o) => !poll.options.some((p) => p.id === o));
      if (unknown !== undefined) throw new AdapterError('invalid', 'This option is not part of the poll.', { field: 'optionIds', reason: 'unknown_option' });
      if (chosen.length < poll.minChoices || chosen.length > poll.maxChoices)
        throw new AdapterError('invalid', poll.minChoices === poll.maxChoices ? `Choose ${poll.minChoices} option${poll.minChoices === 1 ? '' : 's'}.` : `Choose ${poll.minChoices} to ${poll.maxChoices} options.`, { field: 'optionIds' });
      const previous = await this.store.getVote(poll.id, member.id);
      if (previous) {
        const same = previous.optionIds.length === chosen.length && chosen.every((o) => previous.optionIds.includes(o));
        if (!same && !poll.allowChange) throw new AdapterError('conflict', 'You already voted in this poll, and it does not allow changing a vote.', { reason: 'already_voted' });
        if (same) return this.#toPoll(poll, claims, now);
      }
      await this.store.putVote({ pollId: poll.id, memberId: member.id, optionIds: chosen, at: now });
      if (!previous && !anonymous) {
        await this.#addPoints(member.id, this.rules.points.pollVote, 'vote', now, events);
        await this.#count(member.id, 'pollVotes', 1, now, events);
      }
      events.unshift({ type: 'poll.updated', topic: `poll:${poll.id}`, pollId: poll.id });
      return this.#toPoll(poll, claims, now);
    });
  }

  async closePoll(actor: Actor, pollId: unknown, key: unknown): Promise<Poll> {
    this.#requireModerator(actor);
    return this.#write(actor, key, 'poll.close', { pollId }, async ({ actor: claims, now, events }) => {
      const poll = await this.#poll(pollId, claims);
      if (!this.#pollClosed(poll, now)) {
        poll.closedAt = now;
        await this.store.putPoll(poll);
        await this.#audit('close-poll', claims.id, `poll:${poll.id}`, '', now);
        events.push({ type: 'poll.updated', topic: `poll:${poll.id}`, pollId: poll.id });
      }
      return this.#toPoll(poll, claims, now);
    });
  }

  // ───────────────────────── leaderboard

  periodStart(period: LeaderboardPeriod, now = this.clock.now()): number | null {
    if (period === 'week') return startOfUtcWeek(now);
    if (period === 'month') return startOfUtcMonth(now);
    return null;
  }

  async leaderboard(actor: Actor, query: { period?: LeaderboardPeriod; limit?: number } = {}): Promise<Leaderboard> {
    const period = v.oneOf<LeaderboardPeriod>(query.period ?? 'week', ['week', 'month', 'all'], 'period', 'The period');
    const limit = v.limit(query.limit, 10, this.rules.paging.maxLimit);
    const since = this.periodStart(period);
    const rows = await this.store.leaderboard(since, null);
    // The period before this one, for "change since last week/month".
    const before = since === null ? null : this.periodStart(period, since - 1);
    const previous = since === null || before === null ? new Map<Id, number>() : new Map(rankWithTies(await this.store.leaderboard(before, since)).map((e) => [e.memberId, e.rank]));
    const ranked = rankWithTies(rows).map((e) => ({ ...e, previousRank: previous.get(e.memberId) ?? null }));
    return {
      period,
      since: since === null ? null : iso(since),
      entries: ranked.slice(0, limit),
      viewer: (actor && ranked.find((e) => e.memberId === actor.id)) ?? null,
    };
  }

  // ───────────────────────── reports

  async #target(value: unknown): Promise<{ kind: TargetKind; id: Id; comment: CommentRecord | null; ownerId: Id | null }> {
    const text = typeof value === 'string' ? value : '';
    const colon = text.indexOf(':');
    const kind = text.slice(0, colon) as TargetKind;
    if (colon < 1 || !TARGET_KINDS.includes(kind)) throw new AdapterError('invalid', 'The report target must look like comment:<id>, member:<id> or poll:<id>.', { field: 'target' });
    const id = v.id(text.slice(colon + 1), 'target', 'The target id');
    if (kind === 'comment') {
      const comment = await this.store.getComment(id);
      if (!comment || comment.status === 'deleted' || comment.status === 'removed') throw new AdapterError('not_found', 'The comment you are reporting does not exist.', { field: 'target' });
      return { kind, id, comment, ownerId: comment.authorId };
    }
    if (kind === 'member') {
      if (!(await this.store.getMember(id))) throw new AdapterError('not_found', 'The member you are reporting does not exist.', { field: 'target' });
      return { kind, id, comment: null, ownerId: id };
    }
    const poll = await this.store.getPoll(id);
    if (!poll || poll.removed) throw new AdapterError('not_found', 'The poll you are reporting does not exist.', { field: 'target' });
    return { kind, id, comment: null, ownerId: poll.createdBy };
  }

  #toReport(r: ReportRecord): Report {
    return { ...r, createdAt: iso(r.createdAt), decidedAt: r.decidedAt === null ? null : iso(r.decidedAt) };
  }

  async submitReport(actor: Actor, input: ReportInput, key: unknown): Promise<Report> {
    return this.#write(actor, key, 'report.submit', input, async ({ actor: claims, member, now, events }) => {
      const reason = v.oneOf(input?.reason, REPORT_REASONS, 'reason', 'The reason');
      const note = input.note === undefined ? '' : v.text(input.note, { field: 'note', max: this.rules.reports.noteMaxLength, label: 'The note', min: 0 });
      if (REPORT_REASONS_REQUIRING_NOTE.includes(reason) && note.trim() === '')
        throw new AdapterError('invalid', 'Tell the moderators what is wrong: a note is required with "other".', { field: 'note', reason: 'note_required' });
      const target = await this.#target(input.target);
      const ref: TargetRef = `${target.kind}:${target.id}`;
      if (target.ownerId === member.id) throw new AdapterError('invalid', 'You cannot report your own content.', { field: 'target', reason: 'own_content' });
      if (await this.store.findReport(member.id, ref)) throw new AdapterError('conflict', 'You already reported this. The moderators will look at it.', { reason: 'already_reported' });
      const { rateLimit, weights, hideThreshold } = this.rules.reports;
      if ((await this.store.countReportsBy(member.id, now - rateLimit.windowMs)) >= rateLimit.count) {
        const wait = Math.ceil(rateLimit.windowMs / 1000);
        throw new AdapterError('rate_limited', 'You have sent many reports in a short time. Try again later.', { retryAfter: wait });
      }
      const level = isModeratorRole(claims.roles) ? 'moderator' : this.trustLevel(member, now);
      const weight = level === 'moderator' || level === 'admin' ? hideThreshold : weights[level];
      const report: ReportRecord = { id: this.store.newId('r'), target: ref, reason, note, reporterId: member.id, weight, status: 'open', createdAt: now, decidedAt: null };
      await this.store.putReport(report);

      const moderation = (await this.store.getModeration(ref)) ?? { target: ref, state: 'reported' as const, heldBecause: null, createdAt: now, decidedAt: null };
      if (moderation.state === 'decided') Object.assign(moderation, { state: 'reported', heldBecause: null, createdAt: now, decidedAt: null });
      const score = (await this.store.reportsOn(ref)).filter((r) => r.status === 'open').reduce((sum, r) => sum + r.weight, 0);
      const comment = target.comment;
      if (comment && comment.status === 'visible' && score >= hideThreshold) {
        comment.status = 'hidden';
        await this.store.putComment(comment);
        await this.#setShown(comment, comment.replyCount > 0);
        moderation.state = 'pending';
        moderation.heldBecause = 'reports';
        await this.#audit('auto-hide', 'system', ref, `report score ${score}`, now);
        events.push({ type: 'comment.deleted', topic: `thread:${comment.thread}`, commentId: comment.id, thread: comment.thread });
        await this.#threadChanged(comment.thread, events);
      }
      await this.store.putModeration(moderation);
      events.push({ type: 'moderation.updated', topic: 'moderation', target: ref });
      return this.#toReport(report);
    });
  }

  async myReports(actor: Actor, query: PageQuery & { target?: TargetRef } = {}): Promise<Page<Report>> {
    if (!actor) throw new AdapterError('unauthorized', 'Sign in to see your reports.');
    const target = query.target === undefined ? null : (v.id(query.target, 'target', 'The target') as TargetRef);
    const slice = await this.store.reportsBy(actor.id, target, v.cursor(query.cursor), v.limit(query.limit, this.rules.paging.defaultLimit, this.rules.paging.maxLimit));
    return { items: slice.items.map((r) => this.#toReport(r)), nextCursor: slice.next, total: slice.total };
  }

  // ───────────────────────── moderation

  async #audit(action: AuditAction, actorId: Id, target: TargetRef, reason: string, at: number): Promise<void> {
    await this.store.addAudit({ id: this.store.newId('a'), action, actorId, target, reason, at });
  }

  async #toItem(record: { target: TargetRef; state: ModerationItem['state']; heldBecause: ModerationItem['heldBecause']; createdAt: number }, moderatorId: Id): Promise<ModerationItem> {
    const reports = await this.store.reportsOn(record.target);
    // Moderators see what was removed: the body is kept for them.
    const snapshot = async (c: CommentRecord): Promise<Comment> => ({
      ...(await this.#toComments([c], moderatorId, true))[0]!,
      body: c.body,
      authorId: c.authorId,
      editCount: c.history.length,
      editedAt: c.editedAt === null ? null : iso(c.editedAt),
    });
    const { kind, id } = splitTarget(record.target);
    const c = kind === 'comment' ? await this.store.getComment(id) : null;
    const parentRecord = c?.parentId ? await this.store.getComment(c.parentId) : null;
    const ownerId = c ? c.authorId : kind === 'member' ? id : kind === 'poll' ? (await this.store.getPoll(id))?.createdBy ?? null : null;
    const owner = ownerId ? await this.store.getMember(ownerId) : null;
    const now = this.clock.now();
    return {
      target: record.target,
      state: record.state,
      heldBecause: record.heldBecause,
      score: reports.filter((r) => r.status === 'open').reduce((sum, r) => sum + r.weight, 0),
      reports: reports.map((r) => this.#toReport(r)),
      comment: c ? await snapshot(c) : null,
      parent: parentRecord ? await snapshot(parentRecord) : null,
      author: owner ? { ...this.#toMember(owner, now), upheldReports: owner.upheldAgainst } : null,
      createdAt: iso(record.createdAt),
    };
  }

  async queue(actor: Actor, query: PageQuery & { state: 'reported' | 'pending' }): Promise<Page<ModerationItem>> {
    const moderator = this.#requireModerator(actor);
    const state = v.oneOf(query?.state, ['reported', 'pending'] as const, 'state', 'The queue');
    const slice = await this.store.listModeration(state, v.cursor(query.cursor), v.limit(query.limit, this.rules.paging.defaultLimit, this.rules.paging.maxLimit));
    const items: ModerationItem[] = [];
    for (const record of slice.items) items.push(await this.#toItem(record, moderator.id));
    return { items, nextCursor: slice.next, total: slice.total };
  }

  async decide(actor: Actor, decision: ModerationDecision, key: unknown): Promise<ModerationItem> {
    this.#requireModerator(actor);
    return this.#write(actor, key, 'moderation.decide', decision, async ({ actor: claims, now, events }) => {
      const action = v.oneOf(decision?.action, ['approve', 'remove', 'feature'] as const, 'action', 'The decision');
      const reason =
        action === 'remove'
          ? v.text(decision.reason, { field: 'reason', max: 1000, label: 'The reason for removing' })
          : decision.reason === undefined ? '' : v.text(decision.reason, { field: 'reason', max: 1000, label: 'The reason', min: 0 });
      const ref = v.id(decision.target, 'target', 'The target') as TargetRef;
      if (decision.banUntil !== undefined && action !== 'remove') throw new AdapterError('invalid', 'Only a removal can also ban the author.', { field: 'banUntil' });
      const banUntil = decision.banUntil === undefined ? null : v.futureDate(decision.banUntil, now, 'banUntil', 'The end of the ban');
      if (action === 'feature' && !ref.startsWith('comment:')) throw new AdapterError('invalid', 'Only comments can be featured.', { field: 'action' });
      const record = await this.store.getModeration(ref);
      if (!record) throw new AdapterError('not_found', 'This item is not in the moderation queue.', { field: 'target' });
      if (record.state === 'decided') throw new AdapterError('conflict', 'Another moderator already decided this item.', { reason: 'already_decided' });

      const comment = ref.startsWith('comment:') ? await this.store.getComment(ref.slice('comment:'.length)) : null;
      // Removed is final: its author was already penalised, and "approve" must not bring it back.
      const alreadyRemoved = comment?.status === 'removed';
      if (comment && comment.status !== 'deleted' && !alreadyRemoved) {
        const wasVisible = comment.status === 'visible';
        if (action !== 'remove') {
          comment.status = 'visible';
          if (action === 'feature' && !comment.featured) {
            comment.featured = true;
            if (!comment.everFeatured) {
              comment.everFeatured = true;
              await this.#addPoints(comment.authorId, this.rules.points.commentFeatured, 'featured', now, events);
              await this.#count(comment.authorId, 'featured', 1, now, events);
            }
          }
          await this.store.putComment(comment);
          await this.#setShown(comment, true);
          if (!comment.credited) {
            comment.credited = true;
            await this.store.putComment(comment);
            await this.#credit(comment, now, events);
          }
          if (!wasVisible) {
            const [shown] = await this.#toComments([comment], null);
            events.push({ type: 'comment.created', topic: `thread:${comment.thread}`, comment: shown! });
          }
        } else {
          comment.status = 'removed';
          comment.featured = false;
          comment.removalReason = reason;
          await this.store.putComment(comment);
          await this.#setShown(comment, comment.replyCount > 0);
          if (comment.credited) {
            await this.#addPoints(comment.authorId, this.rules.points.postRemoved, 'removed', now, events);
            // Like a deletion: the comment no longer counts (badges already earned stay).
            await this.#count(comment.authorId, 'comments', -1, now, events);
          }
          if (wasVisible) events.push({ type: 'comment.deleted', topic: `thread:${comment.thread}`, commentId: comment.id, thread: comment.thread });
        }
        await this.#threadChanged(comment.thread, events);
      }
      if (action === 'remove' && ref.startsWith('poll:')) {
        const poll = await this.store.getPoll(ref.slice('poll:'.length));
        if (poll && !poll.removed) {
          poll.removed = true;
          if (poll.closedAt === null) poll.closedAt = now;
          await this.store.putPoll(poll);
          events.push({ type: 'poll.updated', topic: `poll:${poll.id}`, pollId: poll.id });
        }
      }

      const reports = (await this.store.reportsOn(ref)).filter((r) => r.status === 'open');
      const target = splitTarget(ref);
      const ownerId =
        comment?.authorId ?? (target.kind === 'member' ? target.id : target.kind === 'poll' ? (await this.store.getPoll(target.id))?.createdBy ?? null : null);
      if (action === 'remove' && ownerId && reports.length && !alreadyRemoved) {
        const owner = await this.store.getMember(ownerId);
        if (owner) await this.store.putMember({ ...owner, upheldAgainst: owner.upheldAgainst + 1 });
      }
      for (const report of reports) {
        report.status = action === 'remove' ? 'upheld' : 'dismissed';
        report.decidedAt = now;
        if (reason) report.decisionReason = reason;
        await this.store.putReport(report);
        if (action === 'remove') {
          await this.#addPoints(report.reporterId, this.rules.points.reportUpheld, 'report', now, events);
          await this.#count(report.reporterId, 'reportsUpheld', 1, now, events);
        }
        events.push({ type: 'report.decided', topic: `member:${report.reporterId}`, reportId: report.id, target: ref, status: report.status, ...(reason && { reason }) });
      }
      if (banUntil !== null) {
        const owner = ownerId ? await this.store.getMember(ownerId) : null;
        if (!owner) throw new AdapterError('invalid', 'This item has no author to ban.', { field: 'banUntil' });
        if (owner.id === claims.id) throw new AdapterError('invalid', 'You cannot ban yourself.', { field: 'banUntil' });
        await this.store.putMember({ ...owner, bannedUntil: banUntil, banReason: reason });
        await this.#audit('ban', claims.id, `member:${owner.id}`, reason, now);
        events.push({ type: 'member.updated', topic: `member:${owner.id}`, memberId: owner.id });
      }
      record.state = 'decided';
      record.decidedAt = now;
      await this.store.putModeration(record);
      await this.#audit(action, claims.id, ref, reason, now);
      events.push({ type: 'moderation.updated', topic: 'moderation', target: ref });
      return this.#toItem(record, claims.id);
    });
  }

  // ───────────────────────── insights

  /**
   * Community insights for moderators and admins. The period is the last `days` UTC days, today so far
   * included; the previous period has the same length and ends `days` days before now, so the two
   * compare like for like at any time of day. The store computes the counts where the data lives.
   */
  async insights(actor: Actor, query: InsightsQuery): Promise<InsightsReport> {
    this.#requireModerator(actor);
    const days = query?.days;
    if (!INSIGHTS_PERIODS.includes(days as InsightsPeriod)) throw new AdapterError('invalid', `The period must be one of: ${INSIGHTS_PERIODS.join(', ')} days.`, { field: 'days' });
    const thread = query.thread === undefined || query.thread === null ? null : this.#thread(query.thread);
    const now = this.clock.now();
    const span = days * DAY_MS;
    const since = startOfUtcDay(now) - (days - 1) * DAY_MS;
    // Half-open ranges that include what happened at `now` itself.
    const current = { from: since, to: now + 1 };
    const previous = { from: since - span, to: now + 1 - span };
    const data = await this.store.insights({ thread, current, previous, top: INSIGHTS_TOP });
    const byDay = new Map(data.daily.map((d) => [d.day, d]));
    return {
      days,
      thread,
      since: iso(current.from),
      until: iso(now),
      previousSince: iso(previous.from),
      previousUntil: iso(now - span),
      current: insightsFigures(data.current),
      previous: insightsFigures(data.previous),
      daily: Array.from({ length: days }, (_, day) => {
        const found = byDay.get(day);
        return {
          date: iso(since + day * DAY_MS).slice(0, 10),
          comments: found?.comments ?? 0,
          reactions: found?.reactions ?? 0,
          pollVotes: found?.pollVotes ?? 0,
          activeMembers: found?.activeMembers ?? 0,
        };
      }),
      topics: data.topics,
      members: data.members,
      reasons: data.reasons,
    };
  }

  async audit(actor: Actor, query: PageQuery = {}): Promise<Page<AuditEntry>> {
    this.#requireModerator(actor);
    const slice = await this.store.listAudit(v.cursor(query.cursor), v.limit(query.limit, this.rules.paging.defaultLimit, this.rules.paging.maxLimit));
    return { items: slice.items.map((a) => ({ ...a, at: iso(a.at) })), nextCursor: slice.next, total: slice.total };
  }

  async ban(actor: Actor, memberId: unknown, until: unknown, reason: unknown, key: unknown): Promise<Member> {
    this.#requireModerator(actor);
    return this.#write(actor, key, 'member.ban', { memberId, until, reason }, async ({ actor: claims, now, events }) => {
      const target = await this.store.getMember(v.id(memberId, 'memberId', 'The member id'));
      if (!target) throw new AdapterError('not_found', 'This member does not exist.');
      if (target.id === claims.id) throw new AdapterError('invalid', 'You cannot ban yourself.', { field: 'memberId' });
      const end = v.futureDate(until, now, 'until', 'The end of the ban');
      const why = v.text(reason, { field: 'reason', max: 1000, label: 'The reason for the ban' });
      target.bannedUntil = end;
      target.banReason = why;
      await this.store.putMember(target);
      await this.#audit('ban', claims.id, `member:${target.id}`, why, now);
      events.push({ type: 'member.updated', topic: `member:${target.id}`, memberId: target.id });
      return this.#toMember(target, now);
    });
  }

  async unban(actor: Actor, memberId: unknown, key: unknown): Promise<Member> {
    this.#requireModerator(actor);
    return this.#write(actor, key, 'member.unban', { memberId }, async ({ actor: claims, now, events }) => {
      const target = await this.store.getMember(v.id(memberId, 'memberId', 'The member id'));
      if (!target) throw new AdapterError('not_found', 'This member does not exist.');
      target.bannedUntil = null;
      delete target.banReason;
      await this.store.putMember(target);
      await this.#audit('unban', claims.id, `member:${target.id}`, '', now);
      events.push({ type: 'member.updated', topic: `member:${target.id}`, memberId: target.id });
      return this.#toMember(target, now);
    });
  }
}

/** A store's counts as figures: the shares derived once, here, so every store gives the same numbers. */
function insightsFigures(c: InsightsCounts): InsightsFigures {
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  return { ...c, hiddenOrRemovedShare: share(c.hiddenOrRemoved, c.comments), returningShare: share(c.returningMembers, c.returningCohort) };
}

/** Ties share a rank: 1, 2, 2, 4. */
export function rankWithTies(rows: { memberId: Id; points: number }[]): { rank: number; memberId: Id; points: number }[] {
  let rank = 0;
  return rows.map((row, i) => {
    if (i === 0 || row.points !== rows[i - 1]!.points) rank = i + 1;
    return { rank, memberId: row.memberId, points: row.points };
  });
}

/** Adds an event unless an equal one is queued; `replace` keeps the newest payload. */
function pushOnce(events: LiveEvent[], event: LiveEvent, replace = false): void {
  const key = (e: LiveEvent) => `${e.type}|${e.topic}`;
  const index = events.findIndex((e) => key(e) === key(event));
  if (index < 0) events.push(event);
  else if (replace) events[index] = event;
}

export type { BadgeSummary };
