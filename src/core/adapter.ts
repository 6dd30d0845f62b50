import type {
  AuditEntry,
  Badge,
  Comment,
  CommentRevision,
  CommentSort,
  Id,
  InsightsQuery,
  InsightsReport,
  Leaderboard,
  LeaderboardPeriod,
  Member,
  ModerationDecision,
  ModerationItem,
  ModerationState,
  Page,
  PageQuery,
  Poll,
  PollInput,
  Report,
  ReportInput,
  TargetRef,
} from './types.js';

/** Options of every read. */
export interface CallOptions {
  signal?: AbortSignal;
  /** A guest's per-browser key, for polls that allow anonymous votes (and to see that guest's own vote). */
  anonymousKey?: string;
}

/** Options of every write: a retried write with the same key has the effect of one. */
export interface WriteOptions extends CallOptions {
  idempotencyKey: string;
}

export interface CommentQuery extends PageQuery {
  thread: string;
  /** null or absent: top-level comments; an id: that comment's replies. */
  parentId?: Id | null;
  sort?: CommentSort;
  /** Featured comments first, whatever the sort. */
  featuredFirst?: boolean;
}

export interface CommentInput {
  thread: string;
  body: string;
  parentId?: Id | null;
}

/** A page of comments; a top-level page also tells how many visible comments the whole thread has. */
export interface CommentPage extends Page<Comment> {
  threadCount?: number;
  /**
   * The members the page's comments name (authors, and whom replies answer), so a thread's page is
   * one request. Optional: without it, the elements ask `members.getMany`.
   */
  members?: Member[];
}

export interface CommentsApi {
  list(query: CommentQuery, options?: CallOptions): Promise<CommentPage>;
  get(id: Id, options?: CallOptions): Promise<Comment>;
  /** Visible comment counts for many threads in one call. */
  count(threads: string[], options?: CallOptions): Promise<Record<string, number>>;
  history(id: Id, options?: CallOptions): Promise<CommentRevision[]>;
  post(input: CommentInput, options: WriteOptions): Promise<Comment>;
  edit(id: Id, body: string, options: WriteOptions): Promise<Comment>;
  delete(id: Id, options: WriteOptions): Promise<void>;
  /** Moderators: mark a comment featured (shown first with `featuredFirst`). */
  feature(id: Id, featured: boolean, options: WriteOptions): Promise<Comment>;
}

export interface ReactionsApi {
  /** Turn the viewer's reaction on or off; returns the comment's reactions afterwards. */
  react(commentId: Id, emoji: string, on: boolean, options: WriteOptions): Promise<Comment['reactions']>;
  /** Who gave a reaction, most recent first. */
  reactors(commentId: Id, emoji: string, query?: PageQuery, options?: CallOptions): Promise<Page<Id>>;
}

export interface MembersApi {
  /** Many members in one call; unknown ids are left out of the result. */
  getMany(ids: Id[], options?: CallOptions): Promise<Member[]>;
  badges(memberId: Id, options?: CallOptions): Promise<Badge[]>;
}

export interface PollsApi {
  get(id: Id, options?: CallOptions): Promise<Poll>;
  /** Moderators and admins create polls. */
  create(input: PollInput, options: WriteOptions): Promise<Poll>;
  vote(pollId: Id, optionIds: Id[], options: WriteOptions): Promise<Poll>;
  close(pollId: Id, options: WriteOptions): Promise<Poll>;
}

export interface LeaderboardApi {
  get(query: { period: LeaderboardPeriod; limit?: number }, options?: CallOptions): Promise<Leaderboard>;
}

export interface ReportsApi {
  submit(input: ReportInput, options: WriteOptions): Promise<Report>;
  /** The viewer's own reports, with their outcomes. */
  mine(query?: PageQuery & { target?: TargetRef }, options?: CallOptions): Promise<Page<Report>>;
}

export interface ModerationApi {
  queue(query: PageQuery & { state: Exclude<ModerationState, 'decided'> }, options?: CallOptions): Promise<Page<ModerationItem>>;
  decide(decision: ModerationDecision, options: WriteOptions): Promise<ModerationItem>;
  audit(query?: PageQuery, options?: CallOptions): Promise<Page<AuditEntry>>;
  ban(memberId: Id, until: string, reason: string, options: WriteOptions): Promise<Member>;
  unban(memberId: Id, options: WriteOptions): Promise<Member>;
}

/** Moderators and admins: community insights (others are refused with `forbidden`, guests with `unauthorized`). */
export interface InsightsApi {
  report(query: InsightsQuery, options?: CallOptions): Promise<InsightsReport>;
}

/** Live topics: a thread, a poll, the leaderboard, the moderators' queue, or one member (badges, report outcomes). */
export type Topic = `thread:${string}` | `poll:${Id}` | 'leaderboard' | 'moderation' | `member:${Id}`;

export type LiveEvent =
  | { type: 'comment.created'; topic: Topic; comment: Comment }
  | { type: 'comment.updated'; topic: Topic; comment: Comment }
  | { type: 'comment.deleted'; topic: Topic; commentId: Id; thread: string }
  | { type: 'reactions.updated'; topic: Topic; commentId: Id; thread: string }
  | { type: 'count.updated'; topic: Topic; thread: string; count: number }
  | { type: 'poll.updated'; topic: Topic; pollId: Id }
  | { type: 'leaderboard.updated'; topic: Topic }
  | { type: 'moderation.updated'; topic: Topic; target: TargetRef }
  | { type: 'badge.awarded'; topic: Topic; memberId: Id; badgeId: string; tier: string }
  | { type: 'report.decided'; topic: Topic; reportId: Id; target: TargetRef; status: Report['status']; reason?: string }
  | { type: 'member.updated'; topic: Topic; memberId: Id };

/** Every live event carries a sequence number, so a reconnecting client can resume. */
export type SequencedEvent = LiveEvent & { seq: number };

export type LiveListener = (event: SequencedEvent) => void;

/**
 * Stops a subscription. An adapter that connects asynchronously (SSE, WebSocket) may add `ready`,
 * which resolves once events are being received; a plain function is fine for one that listens at once.
 */
export type Unsubscribe = (() => void) & { ready?: Promise<void> };

export interface LiveApi {
  /** Start listening; the returned function stops. */
  subscribe(topic: Topic, listener: LiveListener): Unsubscribe;
}

export interface SessionApi {
  /** The signed-in member as the backend knows them, or null for a guest. */
  viewer(options?: CallOptions): Promise<Member | null>;
}

/**
 * What every backend implements. Groups other than `session` are optional:
 * an element that needs a missing group shows a clear error and logs a CapabilityError.
 */
export interface CommunityAdapter {
  /** A short name for messages, e.g. "local" or "http". */
  readonly name: string;
  readonly session: SessionApi;
  readonly comments?: CommentsApi;
  readonly reactions?: ReactionsApi;
  readonly members?: MembersApi;
  readonly polls?: PollsApi;
  readonly leaderboard?: LeaderboardApi;
  readonly reports?: ReportsApi;
  readonly moderation?: ModerationApi;
  readonly insights?: InsightsApi;
  readonly live?: LiveApi;
}

export type Capability = Exclude<keyof CommunityAdapter, 'name' | 'session'>;
