import { LocalAdapter } from '../adapters/local/local-adapter.js';
import { ManualClock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import type { ContractHarness } from './contract.js';

/** The contract harness for LocalAdapter: a fresh engine on a manual clock per test. */
export const localHarness: ContractHarness = {
  name: 'LocalAdapter',
  async setup() {
    const clock = new ManualClock(Date.now());
    const engine = new Engine({ clock });
    return {
      connect: (viewer) => new LocalAdapter({ engine, viewer }),
      advance: (ms) => clock.advance(ms),
    };
  },
};
