import { mkdir } from 'node:fs/promises';
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import type { Client, Pool, PoolClient } from 'pg';
import { migrate } from './migrations.js';

/**
 * One small interface over the two engines the server runs on: PGlite (PostgreSQL in WASM, embedded,
 * file-backed) and a PostgreSQL server. One SQL dialect, parameterized queries only ($1, $2 …).
 *
 * Both return rows with `bigint` columns as JS numbers (epoch ms and sequence numbers stay far below
 * 2^53), `double precision` as numbers, `jsonb` parsed, `boolean` as booleans.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface ListenOptions {
  /** Called after a lost LISTEN connection is back: notifications may have been missed meanwhile. */
  onReconnect?: () => void;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** The schema every table lives in, when not the default (`public`). */
  readonly schema: string | null;
  /** Where it is, for messages: the data folder, or the server without its password. */
  readonly description: string;
  /** Runs work in one SQL transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves once listening; returns a function that stops. */
  listen(channel: string, onPayload: (payload: string) => void, options?: ListenOptions): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A postgres:// URL (DATABASE_URL): a PostgreSQL server through a `pg` pool. */
  url?: string;
  /** A folder for PGlite's files (created if missing). Neither `url` nor `dataDir`: PGlite in memory. */
  dataDir?: string;
  /**
   * Keep every table in this schema instead of `public` (created if missing): lets several test runs,
   * or several communities, share one database. Lower-case letters, digits and `_`.
   */
  schema?: string;
  /** Most connections the pool opens to PostgreSQL (default 10), plus one for LISTEN. */
  maxConnections?: number;
  /** Errors that happen away from any query (an idle connection dropped): logged by default. */
  onError?: (error: Error) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Lower case: PGlite LISTENs unquoted, so PostgreSQL would fold other names. */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`The schema name "${schema}" is not usable: use 1 to 63 lower-case letters, digits and _, starting with a letter or _.`);
  return schema;
}

/** A LISTEN channel as a quoted identifier (LISTEN takes no parameters, so the name is checked instead). */
function channelIdentifier(channel: string): string {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`The channel name "${channel}" is not usable: use lower-case letters, digits and _ only.`);
  return `"${channel}"`;
}

/** bigint and numeric as JS numbers while exact; beyond 2^53 they stay text rather than lose digits silently. */
function toNumber(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) || !/^-?\d+$/.test(text) ? n : text;
}

/** The server and database of a URL, without the password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `PostgreSQL at ${user}${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL could not be read as a URL)';
  }
}

/** Opens the database and brings its schema up to date (see migrations.ts). */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const schema = options.schema === undefined ? null : checkSchemaName(options.schema);
  const onError = options.onError ?? ((error: Error) => console.error('[majlis] database:', error.message));
  const db = options.url ? await openPostgres(options.url, schema, options.maxConnections ?? 10, onError) : await openPGlite(options.dataDir, schema);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new Error(`Could not bring the database schema up to date (${db.description}): ${(error as Error).message}`, { cause: error });
  }
  return db;
}

// ───────────────────────── PGlite

async function openPGlite(dataDir: string | undefined, schema: string | null): Promise<Database> {
  const where = dataDir ? `the PGlite data folder ${dataDir}` : 'an in-memory PGlite database';
  let pglite: PGlite;
  try {
    if (dataDir) await mkdir(dataDir, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    pglite = await PGlite.create({ ...(dataDir && { dataDir }), parsers: { 20: toNumber, 1700: toNumber } });
    if (schema) {
      // One connection: the search path set here holds for every query.
      await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
    }
  } catch (error) {
    throw new Error(
      `Could not open ${where}: ${(error as Error).message}. ` +
        (dataDir ? 'Check that the folder is writable and that no other server process is using it, or choose another data folder.' : ''),
      { cause: error },
    );
  }
  const wrap = (q: PGlite | PGliteTransaction): Queryable => ({
    async query<T>(text: string, params: unknown[] = []) {
      return (await q.query<T>(text, params.map((p) => (p === undefined ? null : p)))).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(pglite);
  return {
    kind: 'pglite',
    schema,
    description: where,
    query: base.query,
    exec: base.exec,
    // PGlite has one connection: its transaction() holds it, and every other query waits until it ends.
    transaction: (work) => pglite.transaction((tx) => work(wrap(tx))),
    async listen(channel, onPayload) {
      channelIdentifier(channel);
      const stop = await pglite.listen(channel, onPayload);
      return async () => {
        if (!pglite.closed) await stop();
      };
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

// ───────────────────────── PostgreSQL

async function openPostgres(url: string, schema: string | null, max: number, onError: (error: Error) => void): Promise<Database> {
  const where = describeUrl(url);
  const pg = await import('pg');
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === 20 || oid === 1700 ? toNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const config = {
    connectionString: url,
    types,
    application_name: 'majlis',
    // The schema's tables first; `public` still reachable for anything shared.
    ...(schema && { options: `-c search_path=${schema},public` }),
  };
  const pool: Pool = new pg.Pool({ ...config, max });
  pool.on('error', (error) => onError(new Error(`An idle connection to ${where} failed: ${error.message}`, { cause: error })));

  const connectError = (error: unknown) => {
    const e = error as Error & { code?: string };
    const hint =
      e.code === '28P01' || e.code === '28000'
        ? 'Check the user name and password in DATABASE_URL.'
        : e.code === '3D000'
          ? 'The database does not exist: create it (createdb) or fix its name in DATABASE_URL.'
          : 'Check DATABASE_URL and that the PostgreSQL server is running and reachable.';
    return new Error(`Could not connect to ${where}: ${e.message}. ${hint}`, { cause: error });
  };
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw connectError(error);
  }

  const wrap = (q: Pool | PoolClient | Client): Queryable => ({
    async query<T>(text: string, params: unknown[] = []) {
      return (await q.query({ text, values: params.map((p) => (p === undefined ? null : p)) })).rows as T[];
    },
    async exec(sql: string) {
      // No parameters: the simple protocol, which runs several statements.
      await q.query(sql);
    },
  });
  const base = wrap(pool);

  // LISTEN needs a connection of its own that stays open: one client for every channel, reconnected when lost.
  const channels = new Map<string, Set<{ onPayload: (payload: string) => void; options: ListenOptions }>>();
  let listener: Client | null = null;
  let connecting: Promise<Client> | null = null;
  let closed = false;
  let lostOne = false;
  let retryDelay = 250;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const retryLater = () => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(reconnect, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 5000);
  };

  const connectListener = (): Promise<Client> => {
    connecting ??= (async () => {
      const client = new pg.Client(config);
      client.on('notification', (message) => {
        for (const entry of [...(channels.get(message.channel) ?? [])]) {
          try {
            entry.onPayload(message.payload ?? '');
          } catch (error) {
            onError(error as Error);
          }
        }
      });
      const lost = (error?: Error) => {
        if (listener !== client) return;
        listener = null;
        lostOne = true;
        client.removeAllListeners('end');
        client.end().catch(() => undefined);
        if (closed) return;
        onError(new Error(`The LISTEN connection to ${where} was lost${error ? `: ${error.message}` : ''}; reconnecting.`));
        retryLater();
      };
      client.on('error', lost);
      client.on('end', () => lost());
      try {
        await client.connect();
        for (const channel of channels.keys()) await client.query(`LISTEN ${channelIdentifier(channel)}`);
      } catch (error) {
        client.end().catch(() => undefined);
        throw connectError(error);
      }
      if (closed) {
        await client.end().catch(() => undefined);
        throw new Error(`The connection to ${where} is closed.`);
      }
      listener = client;
      retryDelay = 250;
      if (lostOne) {
        // Back after a loss: whatever was notified meanwhile is gone, so tell every listener to catch up.
        lostOne = false;
        for (const set of channels.values()) for (const entry of set) entry.options.onReconnect?.();
      }
      return client;
    })().finally(() => (connecting = null));
    return connecting;
  };

  const reconnect = () => {
    if (closed || listener || connecting) return;
    connectListener().catch((error: Error) => {
      if (closed) return;
      onError(error);
      retryLater();
    });
  };

  return {
    kind: 'postgres',
    schema,
    description: where,
    query: base.query,
    exec: base.exec,
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error; // the connection is unusable: the pool drops it
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async listen(channel, onPayload, options = {}) {
      const identifier = channelIdentifier(channel);
      const entry = { onPayload, options };
      let set = channels.get(channel);
      const first = !set;
      if (!set) channels.set(channel, (set = new Set()));
      set.add(entry);
      try {
        const client = listener ?? (await connectListener());
        // LISTEN twice is harmless: a fresh connection may already listen to it.
        if (first) await client.query(`LISTEN ${identifier}`);
      } catch (error) {
        set.delete(entry);
        if (set.size === 0) channels.delete(channel);
        throw error;
      }
      return async () => {
        if (!set.delete(entry) || set.size > 0) return;
        channels.delete(channel);
        if (listener && !closed) await listener.query(`UNLISTEN ${identifier}`).catch(() => undefined);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
