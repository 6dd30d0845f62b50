#!/usr/bin/env node
/**
 * The `majlis` command.
 *
 *   majlis serve [--port 8787] [--host 127.0.0.1] [--data ./.majlis-data] [--demo] [--memory] …
 *   majlis token --sub <id> --name <name> [--roles moderator,admin] [--picture <url>] [--expires 3600]
 *
 * Environment: MAJLIS_SECRET (required unless --demo), DATABASE_URL (PostgreSQL; otherwise the embedded
 * PGlite database in --data), MAJLIS_ORIGINS (comma-separated origins allowed to call the API).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Role } from '../core/types.js';
import { ManualClock, systemClock, type Clock } from '../engine/clock.js';
import { Engine } from '../engine/engine.js';
import { MemoryStore } from '../engine/memory-store.js';
import type { Store } from '../engine/store.js';
import type { TestModeOptions } from './app.js';
import { signViewerToken } from './auth.js';
import type { EventFeed } from './live.js';
import { DEFAULT_RATE_LIMITS, parseOrigins, parseRateLimit, type RateLimit } from './protection.js';
import { seedDemoStore } from './seed.js';
import { startServer } from './start.js';

const HELP = `majlis — the Majlis community server

Usage:
  majlis serve [options]     Serve the API (and the demo site with --demo)
  majlis token [options]     Print a viewer token signed with MAJLIS_SECRET (for trying the API)
  majlis help

serve options:
  --port <n>            Port (default 8787; 0 picks a free one)
  --host <addr>         Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --data <dir>          Data folder for the embedded database (default ./.majlis-data)
  --memory              Keep everything in memory (lost on exit): for trying things out and tests
  --demo                Demo mode: seed the demo community on first run, let visitors act as demo
                        members, and make a token secret for this data folder if MAJLIS_SECRET is unset
  --static <dir>        Serve this folder at / (default with --demo: the package's demo site at /demo/)
  --origins <list>      Origins allowed to call the API (default: MAJLIS_ORIGINS)
  --rate-ip <b/m>       Per-IP limit: burst/perMinute, or off (default ${DEFAULT_RATE_LIMITS.ip.burst}/${DEFAULT_RATE_LIMITS.ip.perMinute})
  --rate-member <b/m>   Per-member limit (default ${DEFAULT_RATE_LIMITS.member.burst}/${DEFAULT_RATE_LIMITS.member.perMinute})
  --trust-proxy         Behind a reverse proxy: client IP from X-Forwarded-For
  --quiet               No request log lines

Environment:
  MAJLIS_SECRET         The HS256 secret shared with the host site's backend (32+ bytes)
  DATABASE_URL          postgres://… to use PostgreSQL instead of the embedded database
  MAJLIS_ORIGINS        Comma-separated origins, e.g. https://blog.example.com,https://example.com
  MAJLIS_AUDIENCE       The token audience (default majlis); MAJLIS_ISSUER: required issuer, if any

token options:
  --sub <id> --name <name> [--roles moderator,admin] [--picture <url>] [--expires <seconds>]
`;

const say = (line: string) => process.stdout.write(`majlis: ${line}\n`);
const fail = (message: string): never => {
  process.stderr.write(`majlis: ${message}\n`);
  process.exit(1);
};

/** The package folder: the CLI lives at src/server/cli.ts or dist/server/cli.js. */
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Storage {
  store: Store;
  events?: EventFeed;
  reset(): Promise<void>;
  close(): Promise<void>;
  description: string;
}

async function openStorage(memory: boolean, dataDir: string, schema: string | undefined): Promise<Storage> {
  if (memory) {
    const store = new MemoryStore();
    return { store, reset: async () => store.load(), close: async () => undefined, description: 'in memory (nothing is kept after exit)' };
  }
  const url = process.env['DATABASE_URL'] || undefined;
  const { SqlStore } = await import('./sql-store.js');
  // The embedded database gets a folder of its own inside the data folder, beside the demo secret.
  const store = await SqlStore.open({ ...(url ? { url } : { dataDir: join(dataDir, 'pglite') }), ...(schema && { schema }) });
  return {
    store,
    // Every instance on the database hears every committed event, this one's included.
    events: (listener) => store.watchEvents(listener),
    reset: () => store.reset(),
    close: () => store.close(),
    description: store.db.description,
  };
}

/** MAJLIS_SECRET, or in demo mode a secret made once per data folder (or per process in memory). */
async function resolveSecret(demo: boolean, memory: boolean, dataDir: string): Promise<string> {
  const secret = process.env['MAJLIS_SECRET'];
  if (secret) {
    if (Buffer.byteLength(secret) < 32) fail('MAJLIS_SECRET is too short: use at least 32 bytes, e.g. `openssl rand -base64 48`.');
    return secret;
  }
  if (!demo) fail('MAJLIS_SECRET is not set. Set it to the secret your site signs viewer tokens with (32+ bytes, e.g. `openssl rand -base64 48`), or run with --demo.');
  if (memory) {
    say('demo mode: made a token secret for this run only (MAJLIS_SECRET is not set).');
    return randomBytes(48).toString('base64url');
  }
  const file = join(dataDir, 'secret');
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) {
      say(`demo mode: using the token secret in ${file} (MAJLIS_SECRET is not set).`);
      return stored;
    }
  } catch {
    // first run
  }
  await mkdir(dataDir, { recursive: true });
  const made = randomBytes(48).toString('base64url');
  await writeFile(file, `${made}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  say(`demo mode: made a token secret and kept it in ${file} (MAJLIS_SECRET is not set).`);
  return made;
}

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: process.env['PORT'] ?? '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: process.env['MAJLIS_DATA'] ?? './.majlis-data' },
      memory: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      static: { type: 'string' },
      origins: { type: 'string' },
      'rate-ip': { type: 'string' },
      'rate-member': { type: 'string' },
      'trust-proxy': { type: 'boolean', default: process.env['MAJLIS_TRUST_PROXY'] === '1' },
      quiet: { type: 'boolean', default: false },
      schema: { type: 'string' },
      // Hidden, for tests only: a manual clock and the /api/test routes.
      'test-clock': { type: 'string' },
      'heartbeat-ms': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not "${values.port}".`);
  const dataDir = resolve(values.data);
  const testClock = values['test-clock'] ?? process.env['MAJLIS_TEST_CLOCK'];
  let origins: string[] = [];
  let rateIp: RateLimit | false | undefined;
  let rateMember: RateLimit | false | undefined;
  try {
    origins = parseOrigins(values.origins ?? process.env['MAJLIS_ORIGINS']);
    const ip = values['rate-ip'] ?? process.env['MAJLIS_RATE_IP'];
    const member = values['rate-member'] ?? process.env['MAJLIS_RATE_MEMBER'];
    rateIp = ip === undefined ? undefined : parseRateLimit(ip);
    rateMember = member === undefined ? undefined : parseRateLimit(member);
  } catch (error) {
    fail((error as Error).message);
  }

  const secret = await resolveSecret(values.demo, values.memory, dataDir);
  let clock: Clock = systemClock;
  let start = 0;
  if (testClock !== undefined) {
    start = Date.parse(testClock);
    if (!Number.isFinite(start)) fail(`--test-clock must be an ISO date, not "${testClock}".`);
    clock = new ManualClock(start);
  }

  let storage: Storage;
  try {
    storage = await openStorage(values.memory, dataDir, values.schema);
  } catch (error) {
    return fail(`could not open the database: ${(error as Error).message}`);
  }
  const engine = new Engine({ store: storage.store, clock });
  if (values.demo && (await seedDemoStore(storage.store, clock.now()))) say('demo mode: seeded the demo community.');

  const statics: Record<string, string> = {};
  let rootRedirect: string | undefined;
  if (values.static) statics['/'] = resolve(values.static);
  else if (values.demo && existsSync(join(packageRoot, 'demo'))) {
    statics['/demo/'] = join(packageRoot, 'demo');
    rootRedirect = '/demo/';
  }
  if (existsSync(join(packageRoot, 'dist'))) statics['/dist/'] = join(packageRoot, 'dist');

  const testMode: TestModeOptions | undefined =
    clock instanceof ManualClock
      ? { clock, start, reset: async () => { await storage.reset(); if (values.demo) await seedDemoStore(storage.store, start); } }
      : undefined;

  const server = await startServer({
    engine,
    secret,
    ...(process.env['MAJLIS_AUDIENCE'] && { audience: process.env['MAJLIS_AUDIENCE'] }),
    ...(process.env['MAJLIS_ISSUER'] && { issuer: process.env['MAJLIS_ISSUER'] }),
    ...(storage.events && { events: storage.events }),
    origins,
    rateLimits: { ...(rateIp !== undefined && { ip: rateIp }), ...(rateMember !== undefined && { member: rateMember }) },
    ...(values['heartbeat-ms'] && { heartbeatMs: Number(values['heartbeat-ms']) }),
    demo: values.demo,
    ...(testMode && { testMode }),
    static: statics,
    ...(rootRedirect && { rootRedirect }),
    trustProxy: values['trust-proxy'],
    ...(values.quiet && { log: false }),
    port,
    host: values.host,
  }).catch((error: Error) => fail(`could not listen on ${values.host}:${port}: ${error.message}`));

  say(`storage: ${storage.description}`);
  if (testMode) say(`TEST MODE: the clock starts at ${new Date(start).toISOString()} and /api/test/* can reset everything. Never use this in production.`);
  if (origins.length) say(`origins allowed: ${origins.join(', ')}`);
  say(`listening on ${server.url}`);
  if (rootRedirect) say(`demo site: ${server.url}${rootRedirect}`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    say('closing…');
    await server.close().catch(() => undefined);
    await storage.close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

async function token(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { sub: { type: 'string' }, name: { type: 'string' }, roles: { type: 'string' }, picture: { type: 'string' }, expires: { type: 'string', default: '3600' } },
    strict: true,
  });
  const secret = process.env['MAJLIS_SECRET'];
  if (!secret) fail('MAJLIS_SECRET is not set.');
  if (!values.sub || !values.name) fail('Give --sub <member id> and --name <display name>.');
  const roles = (values.roles ?? '').split(',').map((r) => r.trim()).filter((r): r is Role => r === 'moderator' || r === 'admin');
  const jwt = await signViewerToken(
    { id: values.sub!, name: values.name!, roles, ...(values.picture && { avatarUrl: values.picture }) },
    { secret: secret!, expiresInSeconds: Number(values.expires), ...(process.env['MAJLIS_AUDIENCE'] && { audience: process.env['MAJLIS_AUDIENCE'] }), ...(process.env['MAJLIS_ISSUER'] && { issuer: process.env['MAJLIS_ISSUER'] }) },
  );
  process.stdout.write(`${jwt}\n`);
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'serve') await serve(rest);
  else if (command === 'token') await token(rest);
  else if (command === undefined || command === 'help' || command === '--help' || command === '-h') process.stdout.write(HELP);
  else fail(`unknown command "${command}". Try: majlis help`);
} catch (error) {
  fail((error as Error).message);
}
