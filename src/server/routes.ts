import type * as z from 'zod/mini';
import * as q from '../adapters/http/requests.js';
import * as s from '../adapters/http/schemas.js';
import type { InsightsPeriod, TargetRef } from '../core/types.js';
import type { Actor, Engine } from '../engine/engine.js';

/**
 * The JSON API, one entry per adapter method. The server registers these routes and the OpenAPI
 * document describes them from the same entries, so the two cannot drift apart.
 */
export interface ApiContext<Q, B> {
  engine: Engine;
  /** The verified viewer, or null for a guest. */
  actor: Actor;
  query: Q;
  body: B;
  params: Record<string, string>;
  /** The `Idempotency-Key` header, as sent (the engine checks it). */
  idempotencyKey: string | undefined;
  /** The `Majlis-Anonymous-Key` header: a guest's per-browser key for polls that allow anonymous votes. */
  anonymousKey: string | undefined;
}

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

export interface ApiRoute<QS extends z.ZodMiniType | undefined = z.ZodMiniType | undefined, BS extends z.ZodMiniType | undefined = z.ZodMiniType | undefined> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Hono's syntax: `/api/comments/:id`. */
  path: string;
  operationId: string;
  tag: 'session' | 'comments' | 'reactions' | 'members' | 'polls' | 'leaderboard' | 'reports' | 'moderation' | 'insights' | 'live' | 'demo' | 'test';
  summary: string;
  /** Who may call it (the engine enforces; this documents). */
  access: 'anyone' | 'member' | 'moderator';
  /** A write: needs `Idempotency-Key`. */
  write?: boolean;
  /** Reads the `Majlis-Anonymous-Key` header. */
  anonymousKey?: boolean;
  query?: QS;
  /** Query parameters that may repeat (`?id=a&id=b`). */
  arrays?: readonly string[];
  body?: BS;
  status: 200 | 201 | 204;
  response?: z.ZodMiniType;
  handler(ctx: ApiContext<Out<QS>, Out<BS>>): Promise<unknown>;
}

const route = <QS extends z.ZodMiniType | undefined = undefined, BS extends z.ZodMiniType | undefined = undefined>(r: ApiRoute<QS, BS>): ApiRoute => r as unknown as ApiRoute;

export const API_ROUTES: readonly ApiRoute[] = [
  // ───────── session
  route({
    method: 'GET', path: '/api/viewer', operationId: 'getViewer', tag: 'session', access: 'anyone', status: 200, response: s.viewerResponse,
    summary: 'The signed-in member as the community knows them, or null for a guest.',
    handler: async ({ engine, actor }) => ({ viewer: await engine.viewer(actor) }),
  }),

  // ───────── comments
  route({
    method: 'GET', path: '/api/comments', operationId: 'listComments', tag: 'comments', access: 'anyone', status: 200, query: q.commentListQuery, response: s.commentPage,
    summary: 'A page of a thread’s comments (top level, or the replies of `parentId`); a top-level page also gives `threadCount`.',
    handler: ({ engine, actor, query }) =>
      engine.listComments(actor, {
        thread: query.thread,
        ...(query.parentId !== undefined && { parentId: query.parentId }),
        ...(query.sort !== undefined && { sort: query.sort }),
        ...(query.featuredFirst !== undefined && { featuredFirst: query.featuredFirst }),
        ...(query.cursor !== undefined && { cursor: query.cursor }),
        ...(query.limit !== undefined && { limit: query.limit }),
      }),
  }),
  route({
    method: 'GET', path: '/api/comments/counts', operationId: 'countComments', tag: 'comments', access: 'anyone', status: 200, query: q.countsQuery, arrays: ['thread'], response: s.countsResponse,
    summary: 'Visible comment counts of up to 100 threads in one request: `?thread=a&thread=b`.',
    handler: async ({ engine, actor, query }) => ({ counts: await engine.countComments(actor, query.thread) }),
  }),
  route({
    method: 'GET', path: '/api/comments/:id', operationId: 'getComment', tag: 'comments', access: 'anyone', status: 200, response: s.comment,
    summary: 'One comment.',
    handler: ({ engine, actor, params }) => engine.getComment(actor, params['id']),
  }),
  route({
    method: 'GET', path: '/api/comments/:id/history', operationId: 'commentHistory', tag: 'comments', access: 'anyone', status: 200, response: s.historyResponse,
    summary: 'Earlier texts of an edited comment.',
    handler: async ({ engine, actor, params }) => ({ items: await engine.history(actor, params['id']) }),
  }),
  route({
    method: 'POST', path: '/api/comments', operationId: 'postComment', tag: 'comments', access: 'member', write: true, status: 201, body: q.commentInput, response: s.comment,
    summary: 'Post a comment, or a reply with `parentId`.',
    handler: ({ engine, actor, body, idempotencyKey }) => engine.postComment(actor, body, idempotencyKey),
  }),
  route({
    method: 'PATCH', path: '/api/comments/:id', operationId: 'editComment', tag: 'comments', access: 'member', write: true, status: 200, body: q.editInput, response: s.comment,
    summary: 'Edit your own comment within the edit window (15 minutes by default).',
    handler: ({ engine, actor, params, body, idempotencyKey }) => engine.editComment(actor, params['id'], body.body, idempotencyKey),
  }),
  route({
    method: 'DELETE', path: '/api/comments/:id', operationId: 'deleteComment', tag: 'comments', access: 'member', write: true, status: 204,
    summary: 'Delete your own comment (one with replies leaves a placeholder).',
    handler: ({ engine, actor, params, idempotencyKey }) => engine.deleteComment(actor, params['id'], idempotencyKey),
  }),
  route({
    method: 'PUT', path: '/api/comments/:id/featured', operationId: 'featureComment', tag: 'comments', access: 'moderator', write: true, status: 200, body: q.featureInput, response: s.comment,
    summary: 'Feature or unfeature a comment (moderators).',
    handler: ({ engine, actor, params, body, idempotencyKey }) => engine.featureComment(actor, params['id'], body.featured, idempotencyKey),
  }),

  // ───────── reactions
  route({
    method: 'PUT', path: '/api/comments/:id/reactions/:emoji', operationId: 'addReaction', tag: 'reactions', access: 'member', write: true, status: 200, response: s.reactionsResponse,
    summary: 'Give your reaction (the emoji URL-encoded in the path); returns the comment’s reactions.',
    handler: async ({ engine, actor, params, idempotencyKey }) => ({ reactions: await engine.react(actor, params['id'], params['emoji'], true, idempotencyKey) }),
  }),
  route({
    method: 'DELETE', path: '/api/comments/:id/reactions/:emoji', operationId: 'removeReaction', tag: 'reactions', access: 'member', write: true, status: 200, response: s.reactionsResponse,
    summary: 'Take your reaction back; returns the comment’s reactions.',
    handler: async ({ engine, actor, params, idempotencyKey }) => ({ reactions: await engine.react(actor, params['id'], params['emoji'], false, idempotencyKey) }),
  }),
  route({
    method: 'GET', path: '/api/comments/:id/reactions/:emoji', operationId: 'listReactors', tag: 'reactions', access: 'anyone', status: 200, query: q.pagingQuery, response: s.reactorsResponse,
    summary: 'Who gave a reaction (member ids), most recent first.',
    handler: ({ engine, actor, params, query }) => engine.reactors(actor, params['id'], params['emoji'], query),
  }),

  // ───────── members and badges
  route({
    method: 'GET', path: '/api/members', operationId: 'getMembers', tag: 'members', access: 'anyone', status: 200, query: q.membersQuery, arrays: ['id'], response: s.membersResponse,
    summary: 'Up to 100 members in one request: `?id=a&id=b`; unknown ids are left out.',
    handler: async ({ engine, actor, query }) => ({ items: await engine.getMembers(actor, query.id) }),
  }),
  route({
    method: 'GET', path: '/api/members/:id/badges', operationId: 'memberBadges', tag: 'members', access: 'anyone', status: 200, response: s.badgesResponse,
    summary: 'A member’s badges, tiers earned and progress to the next.',
    handler: async ({ engine, actor, params }) => ({ items: await engine.badges(actor, params['id']) }),
  }),

  // ───────── polls
  route({
    method: 'POST', path: '/api/polls', operationId: 'createPoll', tag: 'polls', access: 'moderator', write: true, status: 201, body: q.pollInput, response: s.poll,
    summary: 'Create a poll (moderators).',
    handler: ({ engine, actor, body, idempotencyKey }) => engine.createPoll(actor, body, idempotencyKey),
  }),
  route({
    method: 'GET', path: '/api/polls/:id', operationId: 'getPoll', tag: 'polls', access: 'anyone', anonymousKey: true, status: 200, response: s.poll,
    summary: 'A poll, with results when its rule shows them to this viewer.',
    handler: ({ engine, actor, params, anonymousKey }) => engine.getPoll(actor, params['id'], anonymousKey),
  }),
  route({
    method: 'PUT', path: '/api/polls/:id/vote', operationId: 'vote', tag: 'polls', access: 'member', write: true, anonymousKey: true, status: 200, body: q.voteInput, response: s.poll,
    summary: 'Vote (or change your vote where the poll allows it); guests vote with `Majlis-Anonymous-Key` where the poll allows anonymous votes.',
    handler: ({ engine, actor, params, body, idempotencyKey, anonymousKey }) => engine.vote(actor, params['id'], body.optionIds, idempotencyKey, anonymousKey),
  }),
  route({
    method: 'POST', path: '/api/polls/:id/close', operationId: 'closePoll', tag: 'polls', access: 'moderator', write: true, status: 200, response: s.poll,
    summary: 'Close a poll now (moderators).',
    handler: ({ engine, actor, params, idempotencyKey }) => engine.closePoll(actor, params['id'], idempotencyKey),
  }),

  // ───────── leaderboard
  route({
    method: 'GET', path: '/api/leaderboard', operationId: 'getLeaderboard', tag: 'leaderboard', access: 'anyone', status: 200, query: q.leaderboardQuery, response: s.leaderboard,
    summary: 'Members ranked by points for a period (ties share a rank), with the viewer’s own row.',
    handler: ({ engine, actor, query }) => engine.leaderboard(actor, query),
  }),

  // ───────── reports
  route({
    method: 'POST', path: '/api/reports', operationId: 'submitReport', tag: 'reports', access: 'member', write: true, status: 201, body: q.reportInput, response: s.report,
    summary: 'Report a comment, member or poll (one report per member and target).',
    handler: ({ engine, actor, body, idempotencyKey }) => engine.submitReport(actor, { ...body, target: body.target as TargetRef }, idempotencyKey),
  }),
  route({
    method: 'GET', path: '/api/reports/mine', operationId: 'myReports', tag: 'reports', access: 'member', status: 200, query: q.myReportsQuery, response: s.reportPage,
    summary: 'The viewer’s own reports, with their outcomes.',
    handler: ({ engine, actor, query }) => engine.myReports(actor, { ...query, target: query.target as TargetRef | undefined }),
  }),

  // ───────── moderation
  route({
    method: 'GET', path: '/api/moderation/queue', operationId: 'moderationQueue', tag: 'moderation', access: 'moderator', status: 200, query: q.queueQuery, response: s.moderationPage,
    summary: 'Reported or pending items, with their reports and context (moderators).',
    handler: ({ engine, actor, query }) => engine.queue(actor, query),
  }),
  route({
    method: 'POST', path: '/api/moderation/decisions', operationId: 'decide', tag: 'moderation', access: 'moderator', write: true, status: 200, body: q.decisionInput, response: s.moderationItem,
    summary: 'Approve, remove (optionally banning the author) or feature an item in the queue (moderators).',
    handler: ({ engine, actor, body, idempotencyKey }) => engine.decide(actor, { ...body, target: body.target as TargetRef }, idempotencyKey),
  }),
  route({
    method: 'GET', path: '/api/moderation/audit', operationId: 'auditLog', tag: 'moderation', access: 'moderator', status: 200, query: q.pagingQuery, response: s.auditPage,
    summary: 'Every moderator action, newest first (moderators).',
    handler: ({ engine, actor, query }) => engine.audit(actor, query),
  }),
  route({
    method: 'PUT', path: '/api/moderation/bans/:memberId', operationId: 'ban', tag: 'moderation', access: 'moderator', write: true, status: 200, body: q.banInput, response: s.member,
    summary: 'Ban a member from writing until a time, with a reason they are told (moderators).',
    handler: ({ engine, actor, params, body, idempotencyKey }) => engine.ban(actor, params['memberId'], body.until, body.reason, idempotencyKey),
  }),
  route({
    method: 'DELETE', path: '/api/moderation/bans/:memberId', operationId: 'unban', tag: 'moderation', access: 'moderator', write: true, status: 200, response: s.member,
    summary: 'Lift a ban (moderators).',
    handler: ({ engine, actor, params, idempotencyKey }) => engine.unban(actor, params['memberId'], idempotencyKey),
  }),

  // ───────── insights
  route({
    method: 'GET', path: '/api/insights', operationId: 'insightsReport', tag: 'insights', access: 'moderator', status: 200, query: q.insightsQuery, response: s.insightsReport,
    summary: 'Community insights for the last `days` (7, 30 or 90) days, optionally of one `thread`, beside the previous period (moderators).',
    handler: ({ engine, actor, query }) => engine.insights(actor, { days: query.days as InsightsPeriod /* the engine checks it */, thread: query.thread ?? null }),
  }),
];
