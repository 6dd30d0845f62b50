import { LocalAdapter } from './local-adapter.js';
import { DEMO_MEMBERS, seedDemoCommunity } from './seed.js';

const STORAGE_KEY = 'majlis-demo-community';

/**
 * The zero-config demo: the seeded community, acting as the demo visitor, kept in localStorage
 * so a reload keeps what the visitor wrote, and shared live between tabs.
 */
export async function demoAdapter(): Promise<LocalAdapter> {
  if (hasStoredCommunity()) return new LocalAdapter({ persist: STORAGE_KEY, viewer: DEMO_MEMBERS.visitor });
  // The seeded store's own ids carry no tab prefix; writes reload the stored state under a lock first, so tabs never reuse an id.
  const { store } = await seedDemoCommunity();
  return new LocalAdapter({ persist: STORAGE_KEY, viewer: DEMO_MEMBERS.visitor, store });
}

function hasStoredCommunity(): boolean {
  try {
    return typeof globalThis.localStorage?.getItem(STORAGE_KEY) === 'string';
  } catch {
    return false;
  }
}
