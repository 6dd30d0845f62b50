import type { Database } from '../../../src/server/database.js';

/**
 * The PostgreSQL server the tests may use: set by `.ci/run` (and by hand), absent elsewhere, where
 * PostgreSQL tests skip with NO_POSTGRES as the reason. Each run works in a schema of its own, dropped
 * at the end, so parallel test files and other runs on the same database do not see each other.
 */
export const POSTGRES_URL = process.env['MAJLIS_TEST_DATABASE_URL'] || undefined;
export const NO_POSTGRES = 'MAJLIS_TEST_DATABASE_URL is not set: no PostgreSQL server to test against';

export const testSchema = (label: string) => `majlis_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

/** Drops the test's schema (PostgreSQL) and closes the database. */
export async function dropAndClose(db: Database | null | undefined): Promise<void> {
  if (!db) return;
  if (db.schema) await db.exec(`DROP SCHEMA IF EXISTS ${db.schema} CASCADE`);
  await db.close();
}
