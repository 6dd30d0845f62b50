import { after, before, describe, it } from 'node:test';
import { LocalAdapter } from '../../src/adapters/local/local-adapter.js';
import { Engine, ManualClock } from '../../src/engine/index.js';
import { openDatabase, type Database } from '../../src/server/database.js';
import { SqlStore } from '../../src/server/sql-store.js';
import { adapterContract, type ContractHarness } from '../../src/testing/contract.js';
import { CONTRACT_START } from '../../src/testing/local-harness.js';

/**
 * The adapter contract against the engine over SqlStore: on PGlite always, and on PostgreSQL when
 * MAJLIS_TEST_DATABASE_URL is set. One database per engine for the whole file (PGlite's initdb takes
 * seconds), emptied between tests; on PostgreSQL in a schema of this run's own, dropped at the end,
 * so parallel test files and other runs on the same database do not see each other.
 */
function sqlHarness(name: string, open: () => Promise<Database>): ContractHarness {
  let db: Database | null = null;
  before(async () => {
    db = await open();
  });
  after(async () => {
    if (!db) return;
    if (db.schema) await db.exec(`DROP SCHEMA IF EXISTS ${db.schema} CASCADE`);
    await db.close();
  });
  return {
    name,
    async setup() {
      if (!db) throw new Error('The database did not open.');
      const store = new SqlStore(db);
      await store.reset();
      const clock = new ManualClock(CONTRACT_START);
      const engine = new Engine({ clock, store });
      return {
        connect: (viewer) => new LocalAdapter({ engine, viewer }),
        advance: (ms) => clock.advance(ms),
      };
    },
  };
}

const testSchema = () => `majlis_contract_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

describe('SqlStore on PGlite', () => {
  adapterContract(
    sqlHarness('LocalAdapter over SqlStore (PGlite)', () => openDatabase({})),
    { describe, it },
  );
});

const url = process.env.MAJLIS_TEST_DATABASE_URL;
describe('SqlStore on PostgreSQL', { skip: url ? false : 'MAJLIS_TEST_DATABASE_URL is not set: no PostgreSQL server to test against' }, () => {
  adapterContract(
    sqlHarness('LocalAdapter over SqlStore (PostgreSQL)', () => openDatabase({ url: url!, schema: testSchema() })),
    { describe, it },
  );
});
