import type { SequencedEvent, LiveEvent } from '../core/adapter.js';
import type {
  AuditEntry,
  BadgeSummary,
  BadgeTier,
  CommentRevision,
  CommentSort,
  CommentStatus,
  Id,
  InsightsFigures,
  ModerationItem,
  PollKind,
  PollResultsRule,
  Report,
  ReportReason,
  Role,
  TargetRef,
} from '../core/types.js';
import type { BadgeCounter } from './rules.js';

/** Times in records are epoch milliseconds; the engine turns them into ISO strings at the edge. */
export interface MemberRecord {
  id: Id;
  name: string;
  avatarUrl: string | null;
  /** Roles as last claimed by a signed viewer; shown to others, never used to authorize. */
  roles: Role[];
  joinedAt: number;
  points: number;
  counters: Record<BadgeCounter, number>;
  /** Upheld reports against this member's content. */
  upheldAgainst: number;
  bannedUntil: number | null;
  /** The moderator's reason, told to the member when a write is refused. */
  banReason?: string;
  lastCommentAt: number | null;
  /** The highest badge tier earned, kept here so member chips need no badge query. */
  topBadge: BadgeSummary | null;
}

/** A member seen for the first time: no points, counters, reports, ban, comments or badge yet. */
export function newMemberRecord(fields: Pick<MemberRecord, 'id' | 'name' | 'avatarUrl' | 'roles' | 'joinedAt'>): MemberRecord {
  return {
    ...fields,
    points: 0,
    counters: { comments: 0, reactionsReceived: 0, pollVotes: 0, reportsUpheld: 0, featured: 0 },
    upheldAgainst: 0,
    bannedUntil: null,
    lastCommentAt: null,
    topBadge: null,
  };
}

export interface CommentRecord {
  id: Id;
  thread: string;
  parentId: Id | null;
  depth: number;
  authorId: Id;
  body: string;
  status: CommentStatus;
  createdAt: number;
  editedAt: number | null;
  history: CommentRevision[];
  featured: boolean;
  /** Whether it appears in listings: visible, or a placeholder with replies still showing. */
  shown: boolean;
  /** Direct replies that are shown. */
  replyCount: number;
  reactionCount: number;
  replyToAuthorId: Id | null;
  /** Whether the author (and the author replied to) got points for it yet: held posts earn when approved. */
  credited: boolean;
  /** Featuring pays once, however often a comment is unfeatured and featured again. */
  everFeatured?: boolean;
  /** The moderators' reason for removing it. */
  removalReason?: string;
}

export interface ReactionRecord {
  commentId: Id;
  emoji: string;
  memberId: Id;
  at: number;
}

export interface PollRecord {
  id: Id;
  question: string;
  kind: PollKind;
  minChoices: number;
  maxChoices: number;
  options: { id: Id; label: string }[];
  results: PollResultsRule;
  allowChange: boolean;
  allowAnonymous?: boolean;
  closesAt: number | null;
  closedAt: number | null;
  createdAt: number;
  createdBy: Id;
  /** Removed by moderators after reports: closed, and gone for everyone but moderators. */
  removed?: boolean;
}

export interface VoteRecord {
  pollId: Id;
  memberId: Id;
  optionIds: Id[];
  at: number;
}

export interface PointsRecord {
  memberId: Id;
  amount: number;
  reason: string;
  at: number;
}

export interface AwardRecord {
  memberId: Id;
  badgeId: string;
  tier: BadgeTier;
  at: number;
}

export type ReportRecord = Omit<Report, 'createdAt' | 'decidedAt'> & { createdAt: number; decidedAt: number | null };

export interface ModerationRecord {
  target: TargetRef;
  state: ModerationItem['state'];
  heldBecause: ModerationItem['heldBecause'];
  createdAt: number;
  decidedAt: number | null;
}

export type AuditRecord = Omit<AuditEntry, 'at'> & { at: number };

export interface IdempotencyRecord {
  /** A digest of the request, so a reused key with a different request is refused. */
  fingerprint: string;
  result: unknown;
  at: number;
}

export interface CommentListQuery {
  thread: string;
  parentId: Id | null;
  sort: CommentSort;
  featuredFirst: boolean;
  /** Also include this member's own pending or hidden comments. */
  viewerId: Id | null;
  after: string | null;
  limit: number;
}

export interface Slice<T> {
  items: T[];
  /** Opaque: the store's own position after the last item, null at the end. */
  next: string | null;
  total: number;
}

export interface LeaderRow {
  memberId: Id;
  points: number;
}

/** A half-open time range [from, to), epoch ms. */
export interface TimeRange {
  from: number;
  to: number;
}

/** Guests vote under this prefix (see the engine's anonymous votes): they are not members, so insights leave them out of member figures. */
export const ANONYMOUS_VOTER_PREFIX = 'anon:';

export const DAY_MS = 86_400_000;
/** A member "returns" when active again within this many days after an active day. */
export const RETURN_DAYS = 7;

/**
 * What `Store.insights` is asked. `current.from` is the start of a UTC day; daily rows count days from it.
 * For each range R, the returning cohort is taken from [R.from − 7 days, R.to − 7 days), and returns
 * are seen until R.to, by UTC day (day numbers counted from R.from − 7 days).
 */
export interface InsightsStoreQuery {
  /** One thread, or null for the whole community. */
  thread: string | null;
  current: TimeRange;
  previous: TimeRange;
  /** How many top topics and members. */
  top: number;
}

/**
 * What a store counts for one range of insights: the figures without their shares, which the engine derives.
 * `medianDecisionMs` is percentile_cont 0.5 (the mean of the two middle values when even) of decidedAt − createdAt.
 */
export type InsightsCounts = Omit<InsightsFigures, 'hiddenOrRemovedShare' | 'returningShare'>;

/**
 * Aggregates for insights, computed where the data is (SQL aggregates in SqlStore, never every row
 * loaded). Lists are sorted: daily by day; topics by engagement (desc), kind, id; members by actions
 * (desc), id; reasons by count (desc), reason. Ids compare by code unit, as everywhere in the stores.
 */
export interface InsightsData {
  current: InsightsCounts;
  previous: InsightsCounts;
  /** Days of the current range with any activity; `day` 0 is the day starting at `current.from`. */
  daily: { day: number; comments: number; reactions: number; pollVotes: number; activeMembers: number }[];
  topics: { kind: 'thread' | 'poll'; id: string; title: string | null; comments: number; reactions: number; pollVotes: number; engagement: number }[];
  members: { memberId: Id; comments: number; reactions: number; pollVotes: number; actions: number }[];
  reasons: { reason: ReportReason; count: number }[];
}

/**
 * What the engine needs from storage. Small on purpose: a MemoryStore for the browser and tests,
 * a SQL store for the server. Cursors are the store's own opaque strings.
 */
export interface Store {
  /** Runs `work` alone: no other write through this store interleaves with it, and a throw undoes what it wrote when the store can. */
  transaction<T>(work: () => Promise<T>): Promise<T>;

  getMember(id: Id): Promise<MemberRecord | null>;
  getMembers(ids: Id[]): Promise<MemberRecord[]>;
  putMember(member: MemberRecord): Promise<void>;

  getComment(id: Id): Promise<CommentRecord | null>;
  putComment(comment: CommentRecord): Promise<void>;
  listComments(query: CommentListQuery): Promise<Slice<CommentRecord>>;
  /** Visible comments per thread. */
  countComments(threads: string[]): Promise<Record<string, number>>;
  /** The member's most recent comments in a thread, newest first. */
  recentCommentsBy(authorId: Id, thread: string, since: number): Promise<CommentRecord[]>;

  getReactions(commentIds: Id[]): Promise<ReactionRecord[]>;
  putReaction(reaction: ReactionRecord): Promise<void>;
  deleteReaction(commentId: Id, emoji: string, memberId: Id): Promise<boolean>;
  listReactors(commentId: Id, emoji: string, after: string | null, limit: number): Promise<Slice<Id>>;

  getPoll(id: Id): Promise<PollRecord | null>;
  putPoll(poll: PollRecord): Promise<void>;
  getVote(pollId: Id, memberId: Id): Promise<VoteRecord | null>;
  putVote(vote: VoteRecord): Promise<void>;
  /** Votes per option and the number of voters. */
  tallyVotes(pollId: Id): Promise<{ perOption: Record<Id, number>; voters: number }>;

  addPoints(entry: PointsRecord): Promise<void>;
  /** Points the member earned for `reason` since a time. */
  pointsSince(memberId: Id, reason: string, since: number): Promise<number>;
  /** Members ranked by points earned in [since, until); `since` null for all time. Positive totals only. */
  leaderboard(since: number | null, until: number | null): Promise<LeaderRow[]>;

  getAwards(memberId: Id): Promise<AwardRecord[]>;
  putAward(award: AwardRecord): Promise<void>;

  getReport(id: Id): Promise<ReportRecord | null>;
  findReport(reporterId: Id, target: TargetRef): Promise<ReportRecord | null>;
  putReport(report: ReportRecord): Promise<void>;
  reportsOn(target: TargetRef): Promise<ReportRecord[]>;
  reportsBy(reporterId: Id, target: TargetRef | null, after: string | null, limit: number): Promise<Slice<ReportRecord>>;
  countReportsBy(reporterId: Id, since: number): Promise<number>;

  getModeration(target: TargetRef): Promise<ModerationRecord | null>;
  putModeration(record: ModerationRecord): Promise<void>;
  listModeration(state: ModerationRecord['state'], after: string | null, limit: number): Promise<Slice<ModerationRecord>>;

  addAudit(entry: AuditRecord): Promise<void>;
  listAudit(after: string | null, limit: number): Promise<Slice<AuditRecord>>;

  getIdempotency(scope: string): Promise<IdempotencyRecord | null>;
  putIdempotency(scope: string, record: IdempotencyRecord): Promise<void>;
  /** Optional: forgets idempotency records stored before this time (expired ones), so the store does not grow forever. */
  pruneIdempotency?(before: number): Promise<void>;

  /** Community insights for two ranges and an optional thread (see InsightsStoreQuery). */
  insights(query: InsightsStoreQuery): Promise<InsightsData>;

  /** Appends to the live event log and returns the event with its sequence number. Called inside the write's transaction, so undone with it. */
  appendEvent(event: LiveEvent): Promise<SequencedEvent>;
  eventsSince(topic: string, seq: number): Promise<SequencedEvent[]>;

  /** A new unique id. */
  newId(prefix: string): string;
}
