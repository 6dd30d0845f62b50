/**
 * Server throughput on loopback: thread reads and comment writes, requests per second with p50 and
 * p99 latency, on the embedded database (PGlite) and on PostgreSQL (when MAJLIS_TEST_DATABASE_URL
 * is set), in one run so the figures compare. Also the server process's memory afterwards.
 *
 *   node bench/server.mjs [seconds per measure, default 10]      (needs `npm run build`)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';

const seconds = Number(process.argv[2] ?? 10);
const SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';
const WRITERS = 4000;

async function startServer(args, env = {}) {
  const child = spawn(process.execPath, ['dist/server/cli.js', 'serve', '--port', '0', '--quiet', '--rate-ip', 'off', '--rate-member', 'off', ...args], {
    env: { ...process.env, MAJLIS_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return { child, url };
}

const token = (sub) =>
  new SignJWT({ name: `Writer ${sub}` }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setAudience('majlis').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));

function run(options) {
  return new Promise((resolve, reject) => autocannon({ connections: 10, duration: seconds, ...options }, (error, result) => (error ? reject(error) : resolve(result))));
}

const memoryOf = async (pid) => {
  try {
    const { readFile } = await import('node:fs/promises');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
};

async function measure(name, args, env) {
  const { child, url } = await startServer(args, env);
  try {
    // A thread of 200 comments to read (20 a page), from 200 members.
    const thread = `bench-${Date.now().toString(36)}`;
    for (let i = 0; i < 200; i++) {
      const response = await fetch(`${url}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(`seed-${i}`)}`, 'idempotency-key': `seed-${thread}-${i}` },
        body: JSON.stringify({ thread, body: `Seed comment ${i}` }),
      });
      if (!response.ok) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
    }
    const read = await run({ url: `${url}/api/comments?thread=${thread}&limit=20` });
    const tokens = await Promise.all(Array.from({ length: WRITERS }, (_, i) => token(`writer-${i}`)));
    let n = 0;
    const write = await run({
      url: `${url}/api/comments`,
      method: 'POST',
      requests: [
        {
          setupRequest: (request) => {
            const i = n++;
            // Each writer posts once every WRITERS requests: well clear of the 3 s rule between one member's comments.
            return {
              ...request,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i % WRITERS]}`, 'idempotency-key': `bench-${thread}-${i}` },
              body: JSON.stringify({ thread: `${thread}-w`, body: `Load comment ${i}` }),
            };
          },
        },
      ],
    });
    const rss = await memoryOf(child.pid);
    const row = (what, r) => ({ what: `${name}: ${what}`, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, total: r.requests.total });
    return { rows: [row('thread read (20 comments)', read), row('comment write', write)], rss };
  } finally {
    child.kill('SIGTERM');
  }
}

const data = mkdtempSync(join(tmpdir(), 'majlis-bench-'));
const results = [];
try {
  results.push(await measure('PGlite', ['--data', data]));
  const pg = process.env.MAJLIS_TEST_DATABASE_URL;
  if (pg) results.push(await measure('PostgreSQL', ['--schema', `bench_${Date.now().toString(36)}`], { DATABASE_URL: pg }));
} finally {
  rmSync(data, { recursive: true, force: true });
}

console.log(`| what | req/s | p50 ms | p99 ms | non-2xx or errors | requests |`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
for (const { rows } of results) for (const r of rows) console.log(`| ${r.what} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.total} |`);
for (const [i, { rss }] of results.entries()) console.log(`server memory after the run (${i === 0 ? 'PGlite' : 'PostgreSQL'}): ${rss.toFixed(0)} MB resident`);
