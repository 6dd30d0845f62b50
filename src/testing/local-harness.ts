import { LocalAdapter } from '../adapters/local/local-adapter.js';
import { ManualClock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import type { ContractHarness } from './contract.js';

/** A Wednesday noon (UTC): mid-week and mid-month, so no test's few minutes cross a leaderboard period. */
export const CONTRACT_START = '2026-03-04T12:00:00Z';

/** The contract harness for LocalAdapter: a fresh engine on a manual clock per test, starting at a fixed instant. */
export const localHarness: ContractHarness = {
  name: 'LocalAdapter',
  async setup() {
    const clock = new ManualClock(CONTRACT_START);
    const engine = new Engine({ clock });
    return {
      connect: (viewer) => new LocalAdapter({ engine, viewer }),
      advance: (ms) => clock.advance(ms),
    };
  },
};
