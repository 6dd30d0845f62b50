export { Engine, rankWithTies, type Actor, type EngineOptions } from './engine.js';
export { MemoryStore, type MemoryStoreSnapshot } from './memory-store.js';
export { DEFAULT_RULES, resolveRules, type CommunityRules, type RulesOverrides, type BadgeRule, type BadgeCounter } from './rules.js';
export { ManualClock, systemClock, type Clock } from './clock.js';
export type * from './store.js';
export { newMemberRecord } from './store.js';
