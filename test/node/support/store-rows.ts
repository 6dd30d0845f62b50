import { createHash } from 'node:crypto';
import { MemoryStore, type Store } from '../../../src/engine/index.js';
import { DATA_TABLES } from '../../../src/server/migrations.js';
import { SqlStore } from '../../../src/server/sql-store.js';

/**
 * Every stored row of a community as text (`table ⟨row as JSON⟩`), counted: a multiset, so two
 * snapshots compare row by row without knowing any table's key. A changed row shows as its old text
 * gone and its new text added. Counters that only ever grow (MemoryStore's next id and seq) are left
 * out: they are not rows.
 */
export type Rows = Map<string, number>;

export async function storeRows(store: Store): Promise<Rows> {
  const rows: Rows = new Map();
  const add = (text: string) => rows.set(text, (rows.get(text) ?? 0) + 1);
  if (store instanceof MemoryStore) {
    const { tables, logs } = store.snapshot();
    for (const [table, entries] of Object.entries(tables)) for (const entry of entries) add(`${table} ${JSON.stringify(entry)}`);
    for (const [log, entries] of Object.entries(logs)) for (const entry of entries as unknown[]) add(`${log} ${JSON.stringify(entry)}`);
    return rows;
  }
  if (store instanceof SqlStore) {
    // One round trip: every data table's rows as text.
    const union = DATA_TABLES.map((table) => `SELECT '${table}' AS t, r::text AS row FROM ${table} r`).join(' UNION ALL ');
    for (const { t, row } of await store.db.query<{ t: string; row: string }>(union)) add(`${t} ${row}`);
    return rows;
  }
  throw new Error('storeRows knows MemoryStore and SqlStore only.');
}

/** The rows of `before` that `after` no longer has (changed or deleted), and those `after` has anew (added or changed). */
export function rowChanges(before: Rows, after: Rows): { gone: string[]; added: string[] } {
  const diff = (a: Rows, b: Rows) => [...a].flatMap(([row, n]) => Array<string>(Math.max(0, n - (b.get(row) ?? 0))).fill(row));
  return { gone: diff(before, after), added: diff(after, before) };
}

/**
 * A fingerprint of every stored row, cheaper than `storeRows` on a database (computed there, nothing
 * sent back but one line per table): equal fingerprints, nothing changed; else compare `storeRows`.
 */
export async function storeDigest(store: Store): Promise<string> {
  if (store instanceof SqlStore) {
    // A count and a sum of row hashes per table: order does not matter, any changed row changes it.
    const union = DATA_TABLES.map((table) => `SELECT '${table}' AS t, count(*) AS n, coalesce(sum(hashtext(r::text)::bigint), 0) AS h FROM ${table} r`).join(' UNION ALL ');
    return JSON.stringify(await store.db.query(union));
  }
  const hash = createHash('sha256');
  for (const [row, n] of [...(await storeRows(store))].sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`${n} ${row}\n`);
  return hash.digest('hex');
}
