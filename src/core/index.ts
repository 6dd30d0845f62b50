export * from './types.js';
export * from './adapter.js';
export * from './errors.js';
export { newIdempotencyKey } from './ids.js';
export { requireCapability } from './capability.js';
