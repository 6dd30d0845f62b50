export * from './types.js';
export * from './adapter.js';
export * from './errors.js';
export { newIdempotencyKey } from './ids.js';
export { requireCapability } from './capability.js';
export { isModeratorRole } from './roles.js';
export { checkTopic, isRestrictedTopic } from './topics.js';
