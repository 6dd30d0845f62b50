/**
 * The wire format of the Majlis HTTP API, written once with zod/mini — the response side:
 * - HttpAdapter checks every response against these, through their JSON Schema in ./wire.ts
 *   (`npm run wire` writes it; a test fails when it is stale), so zod stays out of the browser;
 *   a malformed answer is an `unavailable` error, never a crash in an element;
 * - the server validates requests with ./requests.ts;
 * - the server's OpenAPI document (/api/openapi.json) is generated from both.
 *
 * A `z.custom` check needs its JSON Schema in `override` (src/server/openapi.ts): the generator
 * refuses a schema that would check nothing.
 */
import * as z from 'zod/mini';
import type { LiveEvent, Topic } from '../../core/adapter.js';
import { INSIGHTS_PERIODS, REPORT_REASONS, type AuditEntry, type Badge, type Comment, type InsightsReport, type Leaderboard, type Member, type ModerationItem, type Poll, type Report, type TargetRef } from '../../core/types.js';

// ───────────────────────── building blocks

const text = z.string();
const id = z.string();
const isoDate = z.string();
const count = z.number();
const role = z.enum(['moderator', 'admin']);
const tier = z.enum(['bronze', 'silver', 'gold']);
/** `comment:<id>`, `member:<id>` or `poll:<id>`. */
export const targetRef = z.custom<TargetRef>((value) => typeof value === 'string' && /^(comment|member|poll):./.test(value));
export const reportReason = z.enum(REPORT_REASONS);

/** A page of results: `nextCursor` is opaque, null on the last page. */
export const page = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item), nextCursor: z.nullable(z.string()), total: z.optional(count) });

// ───────────────────────── responses

export const badgeSummary = z.object({ id: text, tier });

export const member = z.object({
  id,
  name: text,
  avatarUrl: z.nullable(text),
  roles: z.array(role),
  trustLevel: z.enum(['new', 'member', 'trusted', 'moderator', 'admin']),
  points: count,
  joinedAt: isoDate,
  commentCount: count,
  topBadge: z.nullable(badgeSummary),
  bannedUntil: z.nullable(isoDate),
});

export const moderatedAuthor = z.extend(member, { upheldReports: count });

export const badge = z.object({
  id: text,
  kind: z.enum(['tiered', 'single', 'role']),
  tier: z.nullable(tier),
  awarded: z.object({ bronze: z.optional(isoDate), silver: z.optional(isoDate), gold: z.optional(isoDate) }),
  progress: count,
  nextThreshold: z.nullable(count),
  nextTier: z.nullable(tier),
  thresholds: z.object({ bronze: z.optional(count), silver: z.optional(count), gold: z.optional(count) }),
});

export const reactionCount = z.object({ emoji: text, count, mine: z.boolean() });

export const comment = z.object({
  id,
  thread: text,
  parentId: z.nullable(id),
  depth: count,
  authorId: text,
  body: text,
  status: z.enum(['visible', 'pending', 'hidden', 'removed', 'deleted']),
  createdAt: isoDate,
  editedAt: z.nullable(isoDate),
  editCount: count,
  featured: z.boolean(),
  reactions: z.array(reactionCount),
  replyCount: count,
  replyToAuthorId: z.nullable(id),
  removalReason: z.optional(text),
});

export const commentPage = z.extend(page(comment), { threadCount: z.optional(count), members: z.optional(z.array(member)) });
export const commentRevision = z.object({ body: text, replacedAt: isoDate });

export const poll = z.object({
  id,
  question: text,
  kind: z.enum(['single', 'multiple']),
  minChoices: count,
  maxChoices: count,
  options: z.array(z.object({ id, label: text, votes: z.nullable(count) })),
  results: z.enum(['always', 'after-vote', 'after-close', 'moderators']),
  resultsVisible: z.boolean(),
  totalVoters: z.nullable(count),
  allowChange: z.boolean(),
  allowAnonymous: z.boolean(),
  closesAt: z.nullable(isoDate),
  closed: z.boolean(),
  createdAt: isoDate,
  createdBy: id,
  myVote: z.nullable(z.array(id)),
});

const leaderboardEntry = z.object({ rank: count, memberId: id, points: count, previousRank: z.nullable(count) });
export const leaderboard = z.object({
  period: z.enum(['week', 'month', 'all']),
  since: z.nullable(isoDate),
  entries: z.array(leaderboardEntry),
  viewer: z.nullable(leaderboardEntry),
});

const reportStatus = z.enum(['open', 'upheld', 'dismissed']);
export const report = z.object({
  id,
  target: targetRef,
  reason: reportReason,
  note: text,
  reporterId: id,
  weight: count,
  status: reportStatus,
  createdAt: isoDate,
  decidedAt: z.nullable(isoDate),
  decisionReason: z.optional(text),
});

export const moderationItem = z.object({
  target: targetRef,
  state: z.enum(['reported', 'pending', 'decided']),
  heldBecause: z.nullable(z.enum(['reports', 'new-member'])),
  score: count,
  reports: z.array(report),
  comment: z.nullable(comment),
  parent: z.optional(z.nullable(comment)),
  author: z.optional(z.nullable(moderatedAuthor)),
  createdAt: isoDate,
});

export const auditEntry = z.object({
  id,
  action: z.enum(['approve', 'remove', 'feature', 'unfeature', 'close-poll', 'create-poll', 'ban', 'unban', 'auto-hide']),
  actorId: id,
  target: targetRef,
  reason: text,
  at: isoDate,
});

/** Wrappers, so that every response body is a JSON object. */
export const viewerResponse = z.object({ viewer: z.nullable(member) });
/** Thread id → visible comments (a custom check: a record schema would cost the browser more than it checks). */
export const countsResponse = z.object({
  counts: z.custom<Record<string, number>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((n) => typeof n === 'number' && Number.isFinite(n))),
});
export const historyResponse = z.object({ items: z.array(commentRevision) });
export const reactionsResponse = z.object({ reactions: z.array(reactionCount) });
export const membersResponse = z.object({ items: z.array(member) });
export const badgesResponse = z.object({ items: z.array(badge) });
export const reactorsResponse = page(id);
export const reportPage = page(report);
export const moderationPage = page(moderationItem);
export const auditPage = page(auditEntry);

const share = z.nullable(count);
const insightsFigures = z.object({
  activeMembers: count,
  newMembers: count,
  comments: count,
  replies: count,
  reactions: count,
  pollVotes: count,
  reports: count,
  reportsUpheld: count,
  reportsDismissed: count,
  reportsOpen: count,
  hiddenOrRemoved: count,
  hiddenOrRemovedShare: share,
  decisions: count,
  medianDecisionMs: z.nullable(count),
  returningCohort: count,
  returningMembers: count,
  returningShare: share,
});
export const insightsReport = z.object({
  days: z.literal(INSIGHTS_PERIODS),
  thread: z.nullable(text),
  since: isoDate,
  until: isoDate,
  previousSince: isoDate,
  previousUntil: isoDate,
  current: insightsFigures,
  previous: insightsFigures,
  daily: z.array(z.object({ date: text, comments: count, reactions: count, pollVotes: count, activeMembers: count })),
  topics: z.array(z.object({ kind: z.enum(['thread', 'poll']), id: text, title: z.nullable(text), comments: count, reactions: count, pollVotes: count, engagement: count })),
  members: z.array(z.object({ memberId: id, comments: count, reactions: count, pollVotes: count, actions: count })),
  reasons: z.array(z.object({ reason: reportReason, count })),
});

export const errorCode = z.enum(['unauthorized', 'forbidden', 'not_found', 'conflict', 'invalid', 'rate_limited', 'unavailable']);
/** Every error response: `{ error: { code, message, field?, reason?, retryAfter? } }`. */
export const errorResponse = z.object({
  error: z.object({
    code: errorCode,
    message: text,
    field: z.optional(text),
    reason: z.optional(text),
    retryAfter: z.optional(count),
  }),
});

// ───────────────────────── live events (SSE `data:`)

/** Thread, poll, member, leaderboard or moderation. */
export const topic = z.custom<Topic>((value) => typeof value === 'string' && /^((thread|poll|member):.|leaderboard$|moderation$)/.test(value));

const event = <T extends string, S extends Record<string, z.ZodMiniType>>(type: T, shape: S) => z.object({ type: z.literal(type), topic, seq: count, ...shape });

/**
 * One schema per event type, looked up by `type` (cheaper than a discriminated union in the browser,
 * and an event type this adapter does not know yet is simply not delivered).
 */
export const liveEvents = {
  'comment.created': event('comment.created', { comment }),
  'comment.updated': event('comment.updated', { comment }),
  'comment.deleted': event('comment.deleted', { commentId: id, thread: text }),
  'reactions.updated': event('reactions.updated', { commentId: id, thread: text }),
  'count.updated': event('count.updated', { thread: text, count }),
  'poll.updated': event('poll.updated', { pollId: id }),
  'leaderboard.updated': event('leaderboard.updated', {}),
  'moderation.updated': event('moderation.updated', { target: targetRef }),
  'badge.awarded': event('badge.awarded', { memberId: id, badgeId: text, tier: text }),
  'report.decided': event('report.decided', { reportId: id, target: targetRef, status: reportStatus, reason: z.optional(text) }),
  'member.updated': event('member.updated', { memberId: id }),
} satisfies { [K in LiveEvent['type']]: z.ZodMiniType<Extract<LiveEvent, { type: K }> & { seq: number }> };

/** The `ready` event that opens every live stream: where the stream stands. */
export const liveReady = z.object({ seq: count });

// ───────────────────────── the schemas say what the core types say (checked by the compiler, no runtime cost)

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assignable<A, B> = [A] extends [B] ? true : false;
type Expect<T extends true> = T;
type LiveEventSchemas = typeof liveEvents;
export type SchemasAgreeWithCoreTypes = [
  Expect<Same<z.output<typeof member>, Member>>,
  Expect<Same<z.output<typeof badge>, Badge>>,
  Expect<Assignable<z.output<typeof comment>, Comment>>,
  Expect<Same<z.output<typeof poll>, Poll>>,
  Expect<Same<z.output<typeof leaderboard>, Leaderboard>>,
  Expect<Assignable<z.output<typeof report>, Report>>,
  Expect<Assignable<z.output<typeof moderationItem>, ModerationItem>>,
  Expect<Same<z.output<typeof auditEntry>, AuditEntry>>,
  Expect<Same<z.output<typeof insightsReport>, InsightsReport>>,
  Expect<Assignable<z.output<LiveEventSchemas[keyof LiveEventSchemas]>, LiveEvent & { seq: number }>>,
];
