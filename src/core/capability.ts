import type { Capability, CommunityAdapter } from './adapter.js';
import { CapabilityError } from './errors.js';

/** The adapter's capability group, or a CapabilityError naming what is missing and for which element. */
export function requireCapability<C extends Capability>(adapter: CommunityAdapter, capability: C, element: string): NonNullable<CommunityAdapter[C]> {
  const api = adapter[capability];
  if (!api) throw new CapabilityError(capability, adapter.name, element);
  return api as NonNullable<CommunityAdapter[C]>;
}
