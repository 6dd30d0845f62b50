import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FetchEventSource, HttpAdapter } from '../../src/adapters/http/index.js';
import { signViewerToken } from '../../src/server/auth.js';
import { adapterContract, type ContractHarness } from '../../src/testing/contract.js';
import { CONTRACT_START } from '../../src/testing/local-harness.js';

/**
 * The adapter contract against HttpAdapter talking to a real `majlis serve` process: one process per
 * storage for the whole file, on a test clock, emptied through /api/test/reset before each test.
 */
const SECRET = 'contract-http-test-secret-0123456789abcdefghijklmnop';

interface Child {
  url: string;
  process: ChildProcess;
}

function serve(args: string[], env: Record<string, string> = {}): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/server/cli.ts', 'serve', '--test-clock', CONTRACT_START, '--port', '0', '--quiet', '--rate-ip', 'off', '--rate-member', 'off', ...args],
    { env: { ...process.env, MAJLIS_SECRET: SECRET, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`The server did not start in time:\n${output}`));
    }, 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, process: child });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before listening:\n${output}`));
    });
  });
}

function httpHarness(name: string, start: () => Promise<Child>, cleanup?: () => Promise<void>): ContractHarness {
  let child: Promise<Child> | null = null;
  after(async () => {
    const running = await child?.catch(() => null);
    if (running) {
      const exited = new Promise((resolve) => running.process.once('exit', resolve));
      running.process.kill('SIGTERM');
      await exited;
    }
    await cleanup?.();
  });
  return {
    name,
    async setup() {
      const { url } = await (child ??= start());
      const reset = await fetch(`${url}/api/test/reset`, { method: 'POST' });
      if (reset.status !== 204) throw new Error(`reset failed: ${reset.status} ${await reset.text()}`);
      const adapters: HttpAdapter[] = [];
      return {
        async connect(viewer) {
          const token = viewer ? await signViewerToken(viewer, { secret: SECRET }) : null;
          const adapter = new HttpAdapter({ endpoint: `${url}/api`, token, EventSource: FetchEventSource, liveRetry: { baseDelayMs: 50, maxDelayMs: 500 } });
          adapters.push(adapter);
          return adapter;
        },
        async advance(ms) {
          const response = await fetch(`${url}/api/test/advance`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ms }) });
          if (!response.ok) throw new Error(`advance failed: ${response.status}`);
        },
        teardown() {
          for (const adapter of adapters) adapter.dispose();
        },
      };
    },
  };
}

describe('HttpAdapter against the server, in memory', () => {
  adapterContract(httpHarness('HttpAdapter → majlis serve --memory', () => serve(['--memory'])), { describe, it });
});

let pgliteDir: string | null = null;
describe('HttpAdapter against the server, on PGlite', () => {
  adapterContract(
    httpHarness(
      'HttpAdapter → majlis serve (PGlite)',
      async () => serve(['--data', (pgliteDir = await mkdtemp(join(tmpdir(), 'majlis-http-')))]),
      async () => {
        if (pgliteDir) await rm(pgliteDir, { recursive: true, force: true });
      },
    ),
    { describe, it },
  );
});

const postgres = process.env['MAJLIS_TEST_DATABASE_URL'];
describe('HttpAdapter against the server, on PostgreSQL', { skip: postgres ? false : 'MAJLIS_TEST_DATABASE_URL is not set: no PostgreSQL server to test against' }, () => {
  const schema = `majlis_http_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  adapterContract(
    httpHarness('HttpAdapter → majlis serve (PostgreSQL)', () => serve(['--schema', schema], { DATABASE_URL: postgres! }), async () => {
      const { openDatabase } = await import('../../src/server/database.js');
      const db = await openDatabase({ url: postgres!, schema });
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }),
    { describe, it },
  );
});
