import type { CommunityAdapter } from '../../src/core/adapter.js';
import { AdapterError, type ErrorCode } from '../../src/core/errors.js';

export type Fault = 'loading' | ErrorCode;

/**
 * The same adapter with one method misbehaving: never answering (a loading state that stays) or
 * failing with an error code. For stories of loading, error and rate-limited states.
 */
export function withFault<G extends keyof CommunityAdapter>(adapter: CommunityAdapter, group: G, method: string, fault: Fault): CommunityAdapter {
  const api = adapter[group] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const failing = (): Promise<never> =>
    fault === 'loading' ? new Promise<never>(() => {}) : Promise.reject(new AdapterError(fault, `story fault: ${fault}`, fault === 'rate_limited' ? { retryAfter: 30 } : {}));
  return { ...adapter, name: adapter.name, session: adapter.session, [group]: { ...api, [method]: failing } } as CommunityAdapter;
}
