/**
 * The request side of the Majlis HTTP API: queries and bodies the server validates (and documents in
 * its OpenAPI document). Kept apart from ./schemas.ts (responses) so the browser's HttpAdapter, which
 * only reads responses, does not carry them.
 *
 * They check shapes and types only; the community's rules (lengths, limits, windows) stay in the
 * engine, so a configured limit is enforced, and worded, in one place.
 */
import * as z from 'zod/mini';
import { reportReason } from './schemas.js';

/** A whole number sent in a query string. */
const queryInt = z.pipe(z.string().check(z.regex(/^\d{1,9}$/, 'Expected a whole number.')), z.transform(Number));
const queryBool = z.pipe(z.enum(['true', 'false']), z.transform((v) => v === 'true'));
const paging = { cursor: z.optional(z.string()), limit: z.optional(queryInt) };
/** Batched reads take up to 100 ids; the engine says the same in its own words. */
const batch = (item: z.ZodMiniString) => z.array(item).check(z.maxLength(100, 'At most 100 at a time.'));

export const commentListQuery = z.object({
  thread: z.string(),
  parentId: z.optional(z.string()),
  sort: z.optional(z.enum(['oldest', 'newest', 'top'])),
  featuredFirst: z.optional(queryBool),
  ...paging,
});
export const countsQuery = z.object({ thread: batch(z.string()) });
export const pagingQuery = z.object(paging);
export const membersQuery = z.object({ id: batch(z.string()) });
export const leaderboardQuery = z.object({ period: z.optional(z.enum(['week', 'month', 'all'])), limit: z.optional(queryInt) });
export const myReportsQuery = z.object({ target: z.optional(z.string()), ...paging });
/** The engine says which periods exist (7, 30, 90 days), in its own words. */
export const insightsQuery = z.object({ days: queryInt, thread: z.optional(z.string()) });
export const queueQuery = z.object({ state: z.enum(['reported', 'pending']), ...paging });
export const liveQuery = z.object({
  /** One or more topics: a page follows all of its topics on one connection. */
  topic: z.array(z.string().check(z.maxLength(300))).check(z.minLength(1), z.maxLength(50)),
  /** With `lastEventId`: the topics to replay from there (default: all). A topic just added starts live. */
  resume: z.optional(z.union([z.string().check(z.maxLength(300)), z.array(z.string().check(z.maxLength(300))).check(z.maxLength(50))])),
  /** Resume after this sequence number (the `Last-Event-ID` header wins when both are sent). */
  lastEventId: z.optional(z.string().check(z.regex(/^\d{1,15}$/, 'Expected a sequence number.'))),
  /** The viewer token, for topics that need one (`member:<id>`, `moderation`): EventSource cannot send headers. */
  access_token: z.optional(z.string()),
  /** `1`: check the token and the topic, answer 204 or the error, and open no stream. */
  probe: z.optional(z.literal('1')),
});

export const commentInput = z.object({ thread: z.string(), body: z.string(), parentId: z.optional(z.nullable(z.string())) });
export const editInput = z.object({ body: z.string() });
export const featureInput = z.object({ featured: z.boolean() });
export const voteInput = z.object({ optionIds: batch(z.string()) });
export const pollInput = z.object({
  question: z.string(),
  options: batch(z.string()),
  kind: z.optional(z.enum(['single', 'multiple'])),
  minChoices: z.optional(z.number()),
  maxChoices: z.optional(z.number()),
  results: z.optional(z.enum(['always', 'after-vote', 'after-close', 'moderators'])),
  allowChange: z.optional(z.boolean()),
  allowAnonymous: z.optional(z.boolean()),
  closesAt: z.optional(z.nullable(z.string())),
});
export const reportInput = z.object({ target: z.string(), reason: reportReason, note: z.optional(z.string()) });
export const decisionInput = z.object({
  target: z.string(),
  action: z.enum(['approve', 'remove', 'feature']),
  reason: z.optional(z.string()),
  banUntil: z.optional(z.string()),
});
export const banInput = z.object({ until: z.string(), reason: z.string() });

// Demo mode and test mode (present only when the server runs with them).
export const demoSessionInput = z.object({ memberId: z.string() });
const demoMember = z.object({ id: z.string(), name: z.string(), roles: z.array(z.enum(['moderator', 'admin'])) });
export const demoSessionResponse = z.object({ token: z.string(), expiresAt: z.string(), member: demoMember });
export const demoMembersResponse = z.object({ items: z.array(demoMember) });
export const advanceInput = z.object({ ms: z.number().check(z.int(), z.nonnegative()) });
export const clockResponse = z.object({ now: z.string() });
