/** Domain types shared by elements, adapters, the engine and the server. Dates are ISO 8601 strings (they cross the wire). */

export type Id = string;
export type IsoDate = string;

export type Role = 'moderator' | 'admin';
export type TrustLevel = 'new' | 'member' | 'trusted' | 'moderator' | 'admin';

/**
 * Who the host site says the viewer is: what a signed viewer token carries.
 * The engine trusts only these roles, never a role stored earlier.
 */
export interface ViewerClaims {
  id: Id;
  name: string;
  avatarUrl?: string;
  roles?: readonly Role[];
}

export type BadgeTier = 'bronze' | 'silver' | 'gold';

/** The small badge shown beside a name. */
export interface BadgeSummary {
  id: string;
  tier: BadgeTier;
}

/** A member as everyone may see them. */
export interface Member {
  id: Id;
  name: string;
  avatarUrl: string | null;
  roles: Role[];
  trustLevel: TrustLevel;
  points: number;
  joinedAt: IsoDate;
  commentCount: number;
  topBadge: BadgeSummary | null;
  /** Set while a moderator's ban is in force. */
  bannedUntil: IsoDate | null;
}

/** A badge with its tiers and the member's progress toward the next one. */
export interface Badge {
  id: string;
  /** `tiered` badges have bronze/silver/gold thresholds; `single` ones are earned once; `role` ones come with a role. */
  kind: 'tiered' | 'single' | 'role';
  /** The highest tier earned, or null when not earned yet. */
  tier: BadgeTier | null;
  /** When each earned tier was awarded. */
  awarded: Partial<Record<BadgeTier, IsoDate>>;
  /** The count the badge measures (comments, reactions received, …). */
  progress: number;
  /** The count the next tier needs, or null when the top tier is earned. */
  nextThreshold: number | null;
  nextTier: BadgeTier | null;
  thresholds: Partial<Record<BadgeTier, number>>;
}

export type CommentStatus = 'visible' | 'pending' | 'hidden' | 'removed' | 'deleted';

export interface ReactionCount {
  emoji: string;
  count: number;
  /** Whether the viewer gave this reaction. */
  mine: boolean;
}

export interface Comment {
  id: Id;
  thread: string;
  parentId: Id | null;
  /** 0 for top-level comments. */
  depth: number;
  authorId: Id;
  /** Empty for deleted or removed comments, which stay only as placeholders. */
  body: string;
  status: CommentStatus;
  createdAt: IsoDate;
  editedAt: IsoDate | null;
  editCount: number;
  featured: boolean;
  reactions: ReactionCount[];
  replyCount: number;
  /** The author of the comment this one answers, kept so flattened replies keep their context. */
  replyToAuthorId: Id | null;
  /** Why moderators removed it: given only to its author and to moderators. */
  removalReason?: string;
}

export interface CommentRevision {
  body: string;
  /** When this text was replaced by the next one. */
  replacedAt: IsoDate;
}

export type CommentSort = 'oldest' | 'newest' | 'top';

export type PollKind = 'single' | 'multiple';
export type PollResultsRule = 'always' | 'after-vote' | 'after-close' | 'moderators';

export interface PollOption {
  id: Id;
  label: string;
  /** Null when the results rule hides results from this viewer. */
  votes: number | null;
}

export interface Poll {
  id: Id;
  question: string;
  kind: PollKind;
  /** For multiple choice: how many options a vote must have, at least and at most. */
  minChoices: number;
  maxChoices: number;
  options: PollOption[];
  results: PollResultsRule;
  /** Whether results are included in this response, for this viewer. */
  resultsVisible: boolean;
  /** Number of voters, null when results are hidden. */
  totalVoters: number | null;
  allowChange: boolean;
  /** Guests may vote without signing in, once per browser. */
  allowAnonymous: boolean;
  closesAt: IsoDate | null;
  closed: boolean;
  createdAt: IsoDate;
  createdBy: Id;
  /** The viewer's own choice, or null. */
  myVote: Id[] | null;
}

export interface PollInput {
  question: string;
  options: string[];
  kind?: PollKind;
  minChoices?: number;
  maxChoices?: number;
  results?: PollResultsRule;
  allowChange?: boolean;
  allowAnonymous?: boolean;
  closesAt?: IsoDate | null;
}

export type LeaderboardPeriod = 'week' | 'month' | 'all';

export interface LeaderboardEntry {
  rank: number;
  memberId: Id;
  points: number;
  /** The member's rank in the previous period (last week, last month); null when unranked then or for all time. */
  previousRank: number | null;
}

export interface Leaderboard {
  period: LeaderboardPeriod;
  /** Start of the period, or null for all time. */
  since: IsoDate | null;
  entries: LeaderboardEntry[];
  /** The viewer's own row, even outside the top N; null for guests and members without points. */
  viewer: LeaderboardEntry | null;
}

export const REPORT_REASONS = [
  'spam',
  'harassment',
  'hate',
  'violence',
  'sexual',
  'misinformation',
  'scam',
  'off-topic',
  'other',
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export type TargetKind = 'comment' | 'member' | 'poll';
/** `comment:<id>`, `member:<id>` or `poll:<id>`. */
export type TargetRef = `${TargetKind}:${string}`;

export type ReportStatus = 'open' | 'upheld' | 'dismissed';

export interface Report {
  id: Id;
  target: TargetRef;
  reason: ReportReason;
  note: string;
  reporterId: Id;
  /** The reporter's weight when the report was made (by trust level). */
  weight: number;
  status: ReportStatus;
  createdAt: IsoDate;
  decidedAt: IsoDate | null;
  /** The moderators' reason, once decided: shown to the reporter. */
  decisionReason?: string;
}

export interface ReportInput {
  target: TargetRef;
  reason: ReportReason;
  note?: string;
}

export type ModerationState = 'reported' | 'pending' | 'decided';

/** One target in the moderators' queue, with every report on it. */
export interface ModerationItem {
  target: TargetRef;
  state: ModerationState;
  /** Why it is pending: auto-hidden by reports, or held because the author is new. */
  heldBecause: 'reports' | 'new-member' | null;
  /** Sum of the open reports' weights. */
  score: number;
  reports: Report[];
  /** A snapshot of what was reported, for context. */
  comment: Comment | null;
  /** The comment it answers, when it is a reply. */
  parent?: Comment | null;
  /** Who wrote it (the comment's author, the poll's creator, or the member reported), with their record. */
  author?: ModeratedAuthor | null;
  createdAt: IsoDate;
}

/** A member as moderators see them when deciding: trust, points, and how often reports against them were upheld. */
export interface ModeratedAuthor extends Member {
  upheldReports: number;
}

/** `feature` approves and features a comment in one step. */
export type ModerationAction = 'approve' | 'remove' | 'feature';

export interface ModerationDecision {
  target: TargetRef;
  action: ModerationAction;
  /** Required to remove; shown to the author and to the reporters. */
  reason?: string;
  /** With `remove`: also ban the author until this time, for the same reason. */
  banUntil?: IsoDate;
}

export type AuditAction =
  | 'approve'
  | 'remove'
  | 'feature'
  | 'unfeature'
  | 'close-poll'
  | 'create-poll'
  | 'ban'
  | 'unban'
  | 'auto-hide';

export interface AuditEntry {
  id: Id;
  action: AuditAction;
  /** The moderator, or `system` for automatic actions. */
  actorId: Id;
  target: TargetRef;
  reason: string;
  at: IsoDate;
}

/** A page of results. `nextCursor` is opaque; null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** How many items the whole list holds, when the adapter knows cheaply. */
  total?: number;
}

export interface PageQuery {
  cursor?: string | null;
  limit?: number;
}

/** The periods community insights cover, in days. */
export const INSIGHTS_PERIODS = [7, 30, 90] as const;
export type InsightsPeriod = (typeof INSIGHTS_PERIODS)[number];

export interface InsightsQuery {
  /** The last 7, 30 or 90 days (UTC days, today so far included). */
  days: InsightsPeriod;
  /** One thread only; absent or null for the whole community. */
  thread?: string | null;
}

/**
 * The figures of one period. What a member "does": posts a comment, reacts, votes in a poll or reports
 * (in a thread: posts there, reacts there, or reports a comment there). Shares are 0–1, null when
 * there is nothing to divide by.
 */
export interface InsightsFigures {
  /** Members who did anything in the period. */
  activeMembers: number;
  /** Members first seen in the period (in a thread: those of them active there). */
  newMembers: number;
  /** Comments posted, replies included, whatever became of them since. */
  comments: number;
  replies: number;
  reactions: number;
  /** Votes cast or changed, guests' included; 0 for a thread (polls belong to no thread). */
  pollVotes: number;
  /** Reports made in the period, and what became of them. */
  reports: number;
  reportsUpheld: number;
  reportsDismissed: number;
  reportsOpen: number;
  /** Of the comments posted in the period: how many are now hidden by reports or removed by moderators, and their share. */
  hiddenOrRemoved: number;
  hiddenOrRemovedShare: number | null;
  /** Moderation decisions made in the period, and the median time from entering the queue to the decision (ms). */
  decisions: number;
  medianDecisionMs: number | null;
  /**
   * Members active in the period as it stood a week earlier (so each had a week to come back), how
   * many of them were active again within 7 days after one of their active days, and that share.
   */
  returningCohort: number;
  returningMembers: number;
  returningShare: number | null;
}

/** One UTC day of the period. */
export interface InsightsDay {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  comments: number;
  reactions: number;
  pollVotes: number;
  activeMembers: number;
}

/** A thread (comments and reactions on its comments) or a poll (votes), by engagement in the period. */
export interface InsightsTopic {
  kind: 'thread' | 'poll';
  id: string;
  /** A poll's question; null for a thread. */
  title: string | null;
  comments: number;
  reactions: number;
  pollVotes: number;
  /** comments + reactions + pollVotes */
  engagement: number;
}

/** A member by what they did in the period. */
export interface InsightsMember {
  memberId: Id;
  comments: number;
  reactions: number;
  pollVotes: number;
  /** comments + reactions + pollVotes */
  actions: number;
}

export interface InsightsReason {
  reason: ReportReason;
  count: number;
}

/**
 * Community insights for moderators and admins: a period's figures beside the previous period's (of
 * the same length, cut at the same time of day), per-day activity, and the top threads and polls,
 * members and report reasons (10 each at most).
 */
export interface InsightsReport {
  days: InsightsPeriod;
  thread: string | null;
  /** The period: from the start of its first UTC day until now. */
  since: IsoDate;
  until: IsoDate;
  /** The previous period: the same length, just before. */
  previousSince: IsoDate;
  previousUntil: IsoDate;
  current: InsightsFigures;
  previous: InsightsFigures;
  /** One entry per day of the period, oldest first. */
  daily: InsightsDay[];
  topics: InsightsTopic[];
  members: InsightsMember[];
  reasons: InsightsReason[];
}
