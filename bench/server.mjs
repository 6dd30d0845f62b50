/**
 * Server throughput on loopback with autocannon: thread reads and comment writes, requests per second
 * (mean, and the slowest and fastest second) with p50 and p99 latency, on the embedded database
 * (PGlite) and on PostgreSQL (when MAJLIS_TEST_DATABASE_URL is set), in one run so the figures
 * compare. Also the server process's resident memory, idle after seeding and after the load.
 *
 *   node bench/server.mjs [seconds per measure, default 5]      (needs `npm run build`)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { BENCH_SECRET, isMain, residentMemoryMB, startServer, writeResult } from './common.mjs';

const CONNECTIONS = 10;
/** Each writer posts once every WRITERS requests: well clear of the 3 s rule between one member's comments. */
const WRITERS = 4000;
const SEEDED_COMMENTS = 200;

const token = (sub) =>
  new SignJWT({ name: `Writer ${sub}` }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setAudience('majlis').setExpirationTime('1h').sign(new TextEncoder().encode(BENCH_SECRET));

const load = (seconds, options) =>
  new Promise((resolve, reject) => autocannon({ connections: CONNECTIONS, duration: seconds, ...options }, (error, result) => (error ? reject(error) : resolve(result))));

async function measure(database, args, env, seconds, log) {
  const server = await startServer(['--rate-ip', 'off', '--rate-member', 'off', ...args], env);
  try {
    const { url } = server;
    const thread = `bench-${Date.now().toString(36)}`;
    log(`server: ${database}: seeding a thread of ${SEEDED_COMMENTS} comments`);
    for (let i = 0; i < SEEDED_COMMENTS; i++) {
      const response = await fetch(`${url}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(`seed-${i}`)}`, 'idempotency-key': `seed-${thread}-${i}` },
        body: JSON.stringify({ thread, body: `Seed comment ${i}` }),
      });
      if (!response.ok) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
    }
    const idleMB = residentMemoryMB(server.pid);
    log(`server: ${database}: thread reads for ${seconds} s`);
    const read = await load(seconds, { url: `${url}/api/comments?thread=${thread}&limit=20` });
    const tokens = await Promise.all(Array.from({ length: WRITERS }, (_, i) => token(`writer-${i}`)));
    let n = 0;
    log(`server: ${database}: comment writes for ${seconds} s`);
    const write = await load(seconds, {
      url: `${url}/api/comments`,
      method: 'POST',
      requests: [
        {
          setupRequest: (request) => {
            const i = n++;
            return {
              ...request,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % WRITERS]}`, 'idempotency-key': `bench-${thread}-${i}` },
              body: JSON.stringify({ thread: `${thread}-w`, body: `Load comment ${i}` }),
            };
          },
        },
      ],
    });
    const loadedMB = residentMemoryMB(server.pid);
    const row = (what, r) => ({
      what,
      rps: r.requests.average,
      rpsMin: r.requests.min,
      rpsMax: r.requests.max,
      p50: r.latency.p50,
      p99: r.latency.p99,
      failed: r.errors + r.timeouts + r.non2xx,
      total: r.requests.total,
    });
    return { database, rows: [row('thread read (a page of 20 comments)', read), row('comment write', write)], memoryMB: { idle: idleMB, afterLoad: loadedMB } };
  } finally {
    await server.stop();
  }
}

/** Drops the schema a PostgreSQL measure made, so runs leave the database as they found it. */
async function dropSchema(url, schema) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export async function measureServer({ seconds = 5, log = () => undefined } = {}) {
  const results = [];
  const data = mkdtempSync(join(tmpdir(), 'majlis-bench-server-'));
  try {
    results.push(await measure('PGlite', ['--data', data], {}, seconds, log));
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
  const postgres = process.env.MAJLIS_TEST_DATABASE_URL;
  let postgresError = null;
  if (postgres) {
    const schema = `bench_${Date.now().toString(36)}`;
    // A database that cannot be reached is reported, and the embedded database's figures are kept.
    try {
      results.push(await measure('PostgreSQL', ['--schema', schema], { DATABASE_URL: postgres }, seconds, log));
    } catch (error) {
      postgresError = String(error.message ?? error).split('\n')[0];
    } finally {
      await dropSchema(postgres, schema).catch((error) => console.error(`could not drop the benchmark's schema ${schema}: ${error.message}`));
    }
  }
  return { measuredAt: new Date().toISOString(), seconds, connections: CONNECTIONS, postgres: Boolean(postgres) && !postgresError, postgresError, results };
}

export function formatServerTable(result) {
  const lines = [
    `| database | what | req/s (slowest–fastest second) | p50 ms | p99 ms | failed | requests |`,
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const { database, rows } of result.results) {
    for (const r of rows) lines.push(`| ${database} | ${r.what} | ${r.rps.toFixed(0)} (${r.rpsMin}–${r.rpsMax}) | ${r.p50} | ${r.p99} | ${r.failed} | ${r.total.toLocaleString('en')} |`);
  }
  if (!result.postgres) lines.push(`| PostgreSQL | — | not measured: ${result.postgresError ? `failed (${result.postgresError})` : 'no PostgreSQL (set MAJLIS_TEST_DATABASE_URL)'} | | | | |`);
  const mb = (x) => (x === null ? 'n/a' : `${x.toFixed(0)} MB`);
  lines.push('', '| server process memory (resident) | idle, after seeding | after the load |', '| --- | ---: | ---: |');
  for (const { database, memoryMB } of result.results) lines.push(`| ${database} | ${mb(memoryMB.idle)} | ${mb(memoryMB.afterLoad)} |`);
  return lines.join('\n');
}

if (isMain(import.meta)) {
  const result = await measureServer({ seconds: Number(process.argv[2] ?? 5), log: (line) => console.error(line) });
  writeResult('server', result);
  console.log(formatServerTable(result));
}
