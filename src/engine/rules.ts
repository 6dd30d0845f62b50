import type { BadgeTier, ReportReason, TrustLevel } from '../core/types.js';

/** What each badge counts. */
export type BadgeCounter = 'comments' | 'reactionsReceived' | 'pollVotes' | 'reportsUpheld' | 'featured';

export interface BadgeRule {
  id: string;
  kind: 'tiered' | 'single';
  counter: BadgeCounter;
  thresholds: Partial<Record<BadgeTier, number>>;
}

/** The community's rules. Every number here is a default a site may change. */
export interface CommunityRules {
  points: {
    comment: number;
    /** Most points a member earns from their own comments in one UTC day. */
    commentDailyCap: number;
    reactionReceived: number;
    replyReceived: number;
    pollVote: number;
    commentFeatured: number;
    reportUpheld: number;
    postRemoved: number;
  };
  badges: BadgeRule[];
  trust: {
    /** A member is `new` with fewer comments than this… */
    newMaxComments: number;
    /** …or while younger than this. */
    newMaxAgeMs: number;
    trustedMinPoints: number;
  };
  reports: {
    weights: Record<'new' | 'member' | 'trusted', number>;
    hideThreshold: number;
    noteMaxLength: number;
    /** At most this many reports per member in the window. */
    rateLimit: { count: number; windowMs: number };
  };
  comments: {
    maxLength: number;
    editWindowMs: number;
    minIntervalMs: number;
    /** A repeat of the member's own comment text in the same thread within this time is refused. */
    repeatWindowMs: number;
    /** Hold posts of `new` members for review. */
    holdNewMembers: boolean;
  };
  reactions: {
    /** The emoji a reaction may use; an empty list allows any single emoji. */
    allowed: string[];
  };
  polls: {
    questionMaxLength: number;
    optionMaxLength: number;
    minOptions: number;
    maxOptions: number;
  };
  members: { nameMaxLength: number };
  paging: { defaultLimit: number; maxLimit: number };
  /** How long an idempotency key is remembered. */
  idempotencyTtlMs: number;
}

export const REPORT_REASONS_REQUIRING_NOTE: readonly ReportReason[] = ['other'];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_RULES: CommunityRules = {
  points: {
    comment: 2,
    commentDailyCap: 20,
    reactionReceived: 1,
    replyReceived: 1,
    pollVote: 1,
    commentFeatured: 10,
    reportUpheld: 3,
    postRemoved: -10,
  },
  badges: [
    { id: 'first-comment', kind: 'single', counter: 'comments', thresholds: { bronze: 1 } },
    { id: 'commenter', kind: 'tiered', counter: 'comments', thresholds: { bronze: 10, silver: 50, gold: 250 } },
    { id: 'appreciated', kind: 'tiered', counter: 'reactionsReceived', thresholds: { bronze: 10, silver: 100, gold: 1000 } },
    { id: 'voter', kind: 'tiered', counter: 'pollVotes', thresholds: { bronze: 5, silver: 25, gold: 100 } },
    { id: 'guardian', kind: 'tiered', counter: 'reportsUpheld', thresholds: { bronze: 3, silver: 25, gold: 100 } },
    { id: 'featured', kind: 'single', counter: 'featured', thresholds: { gold: 1 } },
  ],
  trust: { newMaxComments: 3, newMaxAgeMs: DAY, trustedMinPoints: 100 },
  reports: {
    weights: { new: 0.5, member: 1, trusted: 1.5 },
    hideThreshold: 3,
    noteMaxLength: 1000,
    rateLimit: { count: 10, windowMs: HOUR },
  },
  comments: {
    maxLength: 5000,
    editWindowMs: 15 * MINUTE,
    minIntervalMs: 3000,
    repeatWindowMs: DAY,
    holdNewMembers: false,
  },
  reactions: { allowed: ['👍', '❤️', '😂', '🎉', '🤔', '😮', '😢', '👏', '🙏', '🔥'] },
  polls: { questionMaxLength: 300, optionMaxLength: 120, minOptions: 2, maxOptions: 20 },
  members: { nameMaxLength: 100 },
  paging: { defaultLimit: 20, maxLimit: 100 },
  idempotencyTtlMs: DAY,
};

export const TIERS: readonly BadgeTier[] = ['bronze', 'silver', 'gold'];
export const ROLE_BADGES = ['moderator', 'admin'] as const;
export type TrustWeightLevel = Exclude<TrustLevel, 'moderator' | 'admin'>;

export type RulesOverrides = { [K in keyof CommunityRules]?: CommunityRules[K] extends unknown[] ? CommunityRules[K] : Partial<CommunityRules[K]> };

export function resolveRules(overrides: RulesOverrides = {}): CommunityRules {
  const merged = { ...DEFAULT_RULES } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const base = (DEFAULT_RULES as unknown as Record<string, unknown>)[key];
    merged[key] = Array.isArray(value) || typeof value !== 'object' || value === null ? value : { ...(base as object), ...value };
  }
  return merged as unknown as CommunityRules;
}
