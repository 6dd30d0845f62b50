import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FetchEventSource, HttpAdapter } from '../../src/adapters/http/index.js';
import type { SequencedEvent } from '../../src/core/adapter.js';
import { isAdapterError } from '../../src/core/errors.js';
import type { ViewerClaims } from '../../src/core/types.js';
import { Engine, ManualClock } from '../../src/engine/index.js';
import { signViewerToken } from '../../src/server/auth.js';
import { openDatabase, type Database } from '../../src/server/database.js';
import { SqlStore } from '../../src/server/sql-store.js';
import type { StartOptions } from '../../src/server/start.js';
import { CONTRACT_START } from '../../src/testing/local-harness.js';
import { testServers } from './support/servers.js';

const SECRET = 'server-live-test-secret-0123456789abcdefghijklmnop';
const AMAL: ViewerClaims = { id: 'amal', name: 'Amal' };
const BILAL: ViewerClaims = { id: 'bilal', name: 'Bilal' };
const MONA: ViewerClaims = { id: 'mona', name: 'Mona', roles: ['moderator'] };
let keys = 0;
const key = () => `live-key-${++keys}`;

const servers = testServers({ secret: SECRET, log: false, heartbeatMs: 40, clockToleranceSeconds: 0 });
async function start(options: Partial<StartOptions> = {}) {
  const { server, engine, url } = await servers.start(options);
  return { server, engine, clock: engine.clock as ManualClock, url };
}

const token = (viewer: ViewerClaims, expiresInSeconds?: number) => signViewerToken(viewer, { secret: SECRET, ...(expiresInSeconds !== undefined && { expiresInSeconds }) });

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A raw SSE client: every message and its id, the ready position, and whether the stream ended. */
function listen(url: string, headers: Record<string, string> = {}) {
  const source = new FetchEventSource(url, { headers });
  const events: SequencedEvent[] = [];
  const state = { ready: null as number | null, open: false, ended: false };
  source.addEventListener('open', () => (state.open = true));
  source.addEventListener('ready', (e) => (state.ready = JSON.parse((e as MessageEvent).data).seq));
  source.addEventListener('message', (e) => events.push(JSON.parse((e as MessageEvent).data)));
  source.addEventListener('error', () => (state.ended = true));
  return { source, events, state, ready: () => waitFor(() => state.ready !== null, 'ready') };
}

async function post(url: string, viewer: ViewerClaims, thread: string, body: string, clock?: ManualClock) {
  const res = await fetch(`${url}/api/comments`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await token(viewer)}`, 'Content-Type': 'application/json', 'Idempotency-Key': key() },
    body: JSON.stringify({ thread, body }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  clock?.advance(4000);
  return (await res.json()) as { id: string };
}

const created = (events: SequencedEvent[]) => events.filter((e) => e.type === 'comment.created').map((e) => (e.type === 'comment.created' ? e.comment.body : ''));

describe('live events over SSE', () => {
  it('a stream starts with ready, carries each event with its seq as id, and heartbeats', async () => {
    const { url, clock } = await start();
    const raw = await fetch(`${url}/api/live?topic=thread:t`);
    assert.equal(raw.status, 200);
    assert.match(raw.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.match(raw.headers.get('cache-control') ?? '', /no-store/);
    const reader = raw.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const read = async (until: RegExp) => {
      while (!until.test(text)) text += (await reader.read()).value ?? '';
    };
    await read(/event: ready\nid: 0\ndata: \{"seq":0\}\n\n/);
    await post(url, AMAL, 't', 'hello', clock);
    await read(/id: 1\ndata: \{"type":"comment.created"/);
    await read(/: ping\n\n/);
    await reader.cancel();
  });

  it('resumes after Last-Event-ID (header or query): the missed events once, then live ones', async () => {
    const { url, clock } = await start();
    const first = listen(`${url}/api/live?topic=thread:r`);
    await first.ready();
    await post(url, AMAL, 'r', 'one', clock);
    await waitFor(() => created(first.events).length === 1, 'one');
    const lastSeen = first.events.at(-1)!.seq;
    first.source.close();
    await post(url, AMAL, 'r', 'two', clock);
    await post(url, AMAL, 'r', 'three', clock);
    await post(url, AMAL, 'other', 'elsewhere', clock);
    for (const via of ['header', 'query'] as const) {
      const again = via === 'header' ? listen(`${url}/api/live?topic=thread:r`, { 'Last-Event-ID': String(lastSeen) }) : listen(`${url}/api/live?topic=thread:r&lastEventId=${lastSeen}`);
      await waitFor(() => created(again.events).length === 2, `${via}: the missed comments`);
      assert.deepEqual(created(again.events), ['two', 'three'], `${via}: missed events in order, not the one seen`);
      assert.ok(again.events.every((e) => e.seq > lastSeen && e.topic === 'thread:r'));
      again.source.close();
    }
    const live = listen(`${url}/api/live?topic=thread:r`, { 'Last-Event-ID': String(lastSeen) });
    await waitFor(() => created(live.events).length === 2, 'backlog');
    await post(url, AMAL, 'r', 'four', clock);
    await waitFor(() => created(live.events).length === 3, 'live after backlog');
    assert.deepEqual(created(live.events), ['two', 'three', 'four']);
    live.source.close();
  });

  it('no gap and no duplicate when events keep coming while a client resumes', async () => {
    const { url, engine } = await start();
    const writer = { ...AMAL };
    // Writes straight through the engine, back to back, while clients connect and resume.
    let n = 0;
    let writing = true;
    const writes = (async () => {
      while (writing) {
        (engine.clock as ManualClock).advance(4000);
        await engine.postComment(writer, { thread: 'busy', body: `message ${++n}` }, key());
        await new Promise((r) => setImmediate(r));
      }
    })();
    const clients = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 10));
      clients.push(listen(`${url}/api/live?topic=thread:busy&lastEventId=0`));
    }
    await new Promise((r) => setTimeout(r, 100));
    writing = false;
    await writes;
    const all = (await engine.store.eventsSince('thread:busy', 0)).map((e) => e.seq);
    for (const [i, client] of clients.entries()) {
      await waitFor(() => client.events.at(-1)?.seq === all.at(-1), `client ${i} caught up`);
      assert.deepEqual(client.events.map((e) => e.seq), all, `client ${i}: every event of the topic once, in order`);
      client.source.close();
    }
    assert.ok(n > 5, `enough writes happened (${n})`);
  });

  it('member:<id> is only that member’s and moderation only moderators’; EventSource’s token goes in access_token', async () => {
    const { url } = await start();
    const amal = await token(AMAL);
    const probe = async (topic: string, t?: string) => (await fetch(`${url}/api/live?topic=${encodeURIComponent(topic)}&probe=1${t ? `&access_token=${t}` : ''}`)).status;
    assert.equal(await probe('member:amal'), 401, 'a guest');
    assert.equal(await probe('member:bilal', amal), 403, 'another member');
    assert.equal(await probe('member:amal', amal), 204, 'the member');
    assert.equal(await probe('moderation', amal), 403, 'a member on the moderation topic');
    assert.equal(await probe('moderation', await token(MONA)), 204, 'a moderator');
    assert.equal(await probe('thread:open'), 204, 'a thread: anyone');
    const header = await fetch(`${url}/api/live?topic=member:amal&probe=1`, { headers: { Authorization: `Bearer ${amal}` } });
    assert.equal(header.status, 204, 'the Authorization header works too');
    const refused = await fetch(`${url}/api/live?topic=member:bilal`, { headers: { Authorization: `Bearer ${amal}` } });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'forbidden');
  });

  it('a restricted stream ends when its token expires; a closed client frees its stream', async () => {
    const { url, server } = await start();
    const short = listen(`${url}/api/live?topic=member:amal&access_token=${await token(AMAL, 1)}`);
    await short.ready();
    const open = listen(`${url}/api/live?topic=thread:x`);
    await open.ready();
    assert.equal(server.hub.size, 2);
    await waitFor(() => short.state.ended, 'the expired stream to end', 3000);
    open.source.close();
    await waitFor(() => server.hub.size === 0, 'the server to drop closed streams');
  });

  it('HttpAdapter reconnects when the server drops its streams and resumes without loss or duplicates', async () => {
    const { url, server, clock } = await start();
    const adapter = new HttpAdapter({ endpoint: `${url}/api`, EventSource: FetchEventSource, liveRetry: { baseDelayMs: 10, maxDelayMs: 50 } });
    const heard: SequencedEvent[] = [];
    const stop = adapter.live.subscribe('thread:drop', (event) => heard.push(event));
    await stop.ready;
    await post(url, AMAL, 'drop', 'before', clock);
    await waitFor(() => created(heard).length === 1, 'before');
    server.hub.closeAll();
    await post(url, BILAL, 'drop', 'while away', clock);
    await post(url, AMAL, 'drop', 'while away 2', clock);
    await waitFor(() => created(heard).length === 3, 'the missed comments after reconnecting');
    await post(url, BILAL, 'drop', 'after', clock);
    await waitFor(() => created(heard).length === 4, 'after');
    assert.deepEqual(created(heard), ['before', 'while away', 'while away 2', 'after']);
    assert.ok(heard.every((e, i) => i === 0 || e.seq > heard[i - 1]!.seq), 'seqs increase: no duplicate');
    stop();
  });

  it('HttpAdapter’s ready rejects when the server refuses the topic, and setToken reconnects restricted streams', async () => {
    const { url, engine } = await start();
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    const guest = new HttpAdapter({ endpoint: `${url}/api`, EventSource: FetchEventSource, liveRetry: { baseDelayMs: 10, maxDelayMs: 50 } });
    const refused = guest.live.subscribe('member:amal', () => assert.fail('no events for a refused stream'));
    await assert.rejects(refused.ready, (error: unknown) => isAdapterError(error) && error.code === 'unauthorized');
    console.warn = warn;
    assert.match(warnings[0] ?? '', /Live updates for "member:amal" stopped: Sign in/, 'the developer is told why');
    const urls: string[] = [];
    class Spy extends FetchEventSource {
      constructor(url: string) {
        super(url);
        urls.push(url);
      }
    }
    const first = await token(AMAL, 600);
    const adapter = new HttpAdapter({ endpoint: `${url}/api`, token: first, EventSource: Spy, liveRetry: { baseDelayMs: 10, maxDelayMs: 50 } });
    const heard: SequencedEvent[] = [];
    const stop = adapter.live.subscribe('member:amal', (event) => heard.push(event));
    const thread = adapter.live.subscribe('thread:badge', () => undefined);
    await Promise.all([stop.ready, thread.ready]);
    assert.equal(urls.length, 1, 'both topics share one connection (browsers allow about six per host)');
    assert.ok(urls[0]!.includes('topic=member%3Aamal') && urls[0]!.includes('topic=thread%3Abadge'), 'the one stream carries both topics');
    assert.ok(urls[0]!.includes(`access_token=${first}`), 'with the token, for the member topic');
    const second = await token(AMAL, 900);
    adapter.setToken(second);
    await waitFor(() => urls.length === 2, 'the stream to reconnect with the new token');
    assert.ok(urls[1]!.includes(`access_token=${second}`) && urls[1]!.includes('topic=member'), 'the new token reconnects the stream');
    assert.ok(urls[1]!.includes('lastEventId='), 'resuming where it was');
    await new Promise((r) => setTimeout(r, 30));
    await engine.postComment(AMAL, { thread: 'badge', body: 'my first comment' }, key());
    await waitFor(() => heard.some((e) => e.type === 'badge.awarded'), 'a badge on the member topic');
    stop();
    thread();
  });
});

/** Two server instances, each with its own database connection, on one database: PGlite always, PostgreSQL when MAJLIS_TEST_DATABASE_URL is set. */
const POSTGRES_URL = process.env['MAJLIS_TEST_DATABASE_URL'];
for (const kind of ['PGlite', 'PostgreSQL'] as const) {
  describe(`live events across two server instances on one ${kind} database`, { skip: kind === 'PostgreSQL' && !POSTGRES_URL ? 'MAJLIS_TEST_DATABASE_URL is not set' : false }, () => {
    const schema = `majlis_live_${process.pid}_${Date.now().toString(36)}`;
    let first: Database;
    let second: Database;
    before(async () => {
      if (kind === 'PGlite') first = second = await openDatabase({});
      else {
        first = await openDatabase({ url: POSTGRES_URL!, schema });
        second = await openDatabase({ url: POSTGRES_URL!, schema });
      }
    });
    after(async () => {
      if (kind === 'PostgreSQL') {
        await second.close();
        await first.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
      await first.close();
    });

    it('a comment posted through one instance reaches an SSE client of the other', async () => {
      const clock = new ManualClock(CONTRACT_START);
      const one = new SqlStore(first);
      const two = new SqlStore(second);
      await one.reset();
      const a = await start({ engine: new Engine({ store: one, clock }), events: (l) => one.watchEvents(l) });
      const b = await start({ engine: new Engine({ store: two, clock }), events: (l) => two.watchEvents(l) });
      const onB = listen(`${b.url}/api/live?topic=thread:shared`);
      await onB.ready();
      await post(a.url, AMAL, 'shared', 'posted on A', clock);
      await waitFor(() => created(onB.events).length === 1, 'the event on B');
      const onA = listen(`${a.url}/api/live?topic=thread:shared`);
      await onA.ready();
      await post(b.url, BILAL, 'shared', 'posted on B', clock);
      await waitFor(() => created(onA.events).length === 1 && created(onB.events).length === 2, 'the event on both');
      assert.deepEqual(created(onB.events), ['posted on A', 'posted on B']);
      assert.deepEqual(created(onA.events), ['posted on B']);
      onA.source.close();
      onB.source.close();
    });
  });
}

