/**
 * A page on the reference server with a comment thread below the fold and member chips beside it
 * (bench/pages/thread.html), loaded cold in headless Chromium with the CPU throttled 4×:
 * - every request from navigation to the rendered thread, by kind, with transfer bytes, and whether
 *   any data request went out before the thread neared the viewport;
 * - layout shift (PerformanceObserver 'layout-shift') while the thread loads and once it has loaded;
 * - time from jumping to the conversation to the first frame showing comments, for a 20-comment and a 10,000-comment
 *   thread (paged, 20 a page): a long thread must open as fast as a short one.
 *
 *   node bench/page-load.mjs [repeats, default 5]      (needs `npm run build`)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CPU_THROTTLING, PHONE_VIEWPORT, formatSpread, isMain, launchBrowser, startServer, summarize, writeResult } from './common.mjs';

export const THREADS = { short: { id: 'bench-20', comments: 20 }, long: { id: 'bench-10k', comments: 10_000 } };
/** With nothing asked for in this long after load, nothing is waiting for the viewport by mistake. */
const IDLE_BEFORE_SCROLL_MS = 1000;
/** How long after the thread has loaded shifts and late requests are still watched for. */
const SETTLE_MS = 1500;

const NAMES = ['Amina Haddad', 'Bilal Rahman', 'Chen Wei', 'Dalia Mansour', 'Emre Yilmaz', 'Fatima Zahra', 'Grace Okafor', 'Hassan Ali', 'Ines Duarte', 'Jonas Berg'];
const BODIES = [
  'I agree with the point about answering newcomers **by name**: it changed how our forum felt within a month.',
  'We tried points and badges and found the leaderboard mattered less than the *first reply*. Curious what others saw.',
  'Clear rules, applied in the open — yes. Posting the outcome of reports was the single best thing we did.',
  'Does anyone have numbers on how quickly a first reply needs to come? We aim for an hour during the day.',
  'Short comment: thanks for writing this up.',
];

/**
 * Writes the two threads straight into the server's embedded database (the engine over a memory
 * store, copied in one transaction): posting 10,000 comments over HTTP would take minutes.
 */
async function seedDatabase(dataDir) {
  const [{ Engine }, { MemoryStore }, { ManualClock }, { SqlStore }, { copySnapshot }] = await Promise.all([
    import('../dist/engine/engine.js'),
    import('../dist/engine/memory-store.js'),
    import('../dist/engine/clock.js'),
    import('../dist/server/sql-store.js'),
    import('../dist/server/seed.js'),
  ]);
  const store = new MemoryStore();
  // Far enough back that 10,000 comments, 4 s apart (the rate limit is one per 3 s per member), end before now.
  const clock = new ManualClock(Date.now() - 12 * 3600_000);
  const engine = new Engine({ store, clock });
  const readers = Array.from({ length: 50 }, (_, i) => ({ id: `reader-${i}`, name: i < NAMES.length ? NAMES[i] : `Reader ${i}` }));
  let key = 0;
  const post = async (thread, i, author) => {
    clock.advance(4000);
    return engine.postComment(author, { thread, body: `${BODIES[i % BODIES.length]} (#${i + 1})` }, `bench-seed-${key++}`);
  };
  for (let i = 0; i < THREADS.short.comments; i++) {
    const comment = await post(THREADS.short.id, i, readers[i % 10]);
    // Some reactions, as a real thread has.
    for (let r = 0; r < i % 4; r++) await engine.react(readers[10 + r], comment.id, ['👍', '❤️', '🎉'][r % 3], true, `bench-seed-${key++}`);
  }
  for (let i = 0; i < THREADS.long.comments; i++) await post(THREADS.long.id, i, readers[i % readers.length]);
  const sql = await SqlStore.open({ dataDir: join(dataDir, 'pglite') });
  try {
    await copySnapshot(store.snapshot(), sql);
  } finally {
    await sql.close();
  }
}

/** Installed before any page script: every layout shift without recent input, with its time and what moved. */
function watchLayoutShifts() {
  window.__benchShifts = [];
  const describe = (node) => {
    const element = node instanceof Element ? node : node?.parentElement;
    if (!element) return 'unknown';
    const host = element.getRootNode().host;
    const name = `<${element.localName}${element.id ? `#${element.id}` : ''}${element.getAttribute('part') ? ` part=${element.getAttribute('part')}` : ''}>`;
    return host ? `${name} in <${host.localName}>` : name;
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.__benchShifts.push({ time: entry.startTime, value: entry.value, moved: entry.sources.map((s) => describe(s.node)) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/**
 * In the page: jump to the conversation (as a "#comments" link does); time the first frame showing
 * comments, then until the thread and the chips are complete.
 */
async function jumpToConversation(expected) {
  const thread = document.querySelector('majlis-comments');
  const chips = [...document.querySelectorAll('majlis-member')];
  const comments = () => thread.shadowRoot?.querySelectorAll('[part~="comment"]') ?? [];
  const onScreen = () => {
    const first = comments()[0];
    if (!first) return false;
    const box = first.getBoundingClientRect();
    return box.top < innerHeight && box.bottom > 0;
  };
  const complete = () => comments().length === expected && chips.every((chip) => chip.shadowRoot?.querySelector('[part="name"]'));
  const endOfFirstFrameWhere = (ready) =>
    new Promise((resolve, reject) => {
      const chipText = (chip) => chip.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 60) ?? 'no shadow root';
      const state = () =>
        `${comments().length} comments, the first at ${comments()[0]?.getBoundingClientRect().top} px of ${innerHeight} ` +
        `(scrolled ${scrollY} of ${document.documentElement.scrollHeight}); chips: ${chips.map((chip) => `${chip.getAttribute('member')}: "${chipText(chip)}"`).join(', ')}`;
      const give = setTimeout(() => reject(new Error(`the thread did not render within 30 s (${state()})`)), 30_000);
      const check = () => {
        if (!ready()) return requestAnimationFrame(check);
        clearTimeout(give);
        // Handled once the frame's style, layout and paint are done.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      };
      requestAnimationFrame(check);
    });
  const start = performance.now();
  document.getElementById('comments').scrollIntoView({ block: 'start' });
  const firstFrame = await endOfFirstFrameWhere(onScreen);
  const loaded = await endOfFirstFrameWhere(complete);
  return { start, firstFrame: firstFrame - start, loaded: loaded - start, loadedAt: loaded, rendered: comments().length };
}

function kindOf(request) {
  const path = new URL(request.url).pathname;
  if (path === '/api/live' || path.startsWith('/api/live/')) return 'live stream';
  if (path.startsWith('/api/')) return 'API';
  if (request.type === 'Document') return 'document';
  if (request.type === 'Script') return 'script';
  return 'other';
}

async function loadOnce(browser, base, thread) {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT });
  try {
    await context.addInitScript(watchLayoutShifts);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLING });
    const requests = new Map();
    let phase = 'before the jump';
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!e.request.url.startsWith('http')) return;
      requests.set(e.requestId, { method: e.request.method, url: e.request.url, type: e.type, phase, status: null, bytes: 0, finished: false, sentAt: e.timestamp, doneAt: null });
    });
    cdp.on('Network.responseReceived', (e) => {
      const request = requests.get(e.requestId);
      if (request) Object.assign(request, { status: e.response.status, type: e.type });
    });
    // A stream never finishes: its bytes so far.
    cdp.on('Network.dataReceived', (e) => {
      const request = requests.get(e.requestId);
      if (request && !request.finished) request.bytes += e.encodedDataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const request = requests.get(e.requestId);
      if (request) Object.assign(request, { bytes: e.encodedDataLength, finished: true, doneAt: e.timestamp });
    });

    await page.goto(`${base}/thread.html?thread=${thread.id}`, { waitUntil: 'load' });
    await page.waitForFunction(() => customElements.get('majlis-comments') && document.querySelector('majlis-comments')?.shadowRoot);
    await page.waitForTimeout(IDLE_BEFORE_SCROLL_MS);
    phase = 'after the jump';
    const timing = await page.evaluate(jumpToConversation, Math.min(thread.comments, 20));
    await page.waitForTimeout(SETTLE_MS);
    const shifts = await page.evaluate(() => window.__benchShifts);
    const all = [...requests.values()].map((r) => ({ ...r, kind: kindOf(r), path: new URL(r.url).pathname + new URL(r.url).search }));
    const api = all.filter((r) => r.kind === 'API');
    const sum = (xs) => xs.reduce((total, x) => total + x, 0);
    return {
      thread: thread.id,
      errors,
      timing,
      requests: all,
      count: { total: all.length, script: all.filter((r) => r.kind === 'script').length, api: api.length, live: all.filter((r) => r.kind === 'live stream').length },
      bytes: { total: sum(all.map((r) => r.bytes)), script: sum(all.filter((r) => r.kind === 'script').map((r) => r.bytes)), api: sum(api.map((r) => r.bytes)) },
      dataBeforeScroll: all.filter((r) => (r.kind === 'API' || r.kind === 'live stream') && r.phase === 'before the jump').map((r) => `${r.method} ${r.path}`),
      commentPages: api.filter((r) => r.method === 'GET' && new URL(r.url).pathname === '/api/comments').length,
      // The server's part of opening the thread, as the browser saw it: sent → last byte.
      commentPageMs: sum(api.filter((r) => r.method === 'GET' && new URL(r.url).pathname === '/api/comments' && r.doneAt).map((r) => (r.doneAt - r.sentAt) * 1000)),
      memberRequests: api.filter((r) => r.method === 'GET' && /^\/api\/members(\/|$)/.test(new URL(r.url).pathname)).length,
      layoutShift: {
        whileLoading: sum(shifts.filter((s) => s.time <= timing.loadedAt).map((s) => s.value)),
        afterLoaded: sum(shifts.filter((s) => s.time > timing.loadedAt).map((s) => s.value)),
        shifts,
      },
    };
  } finally {
    await context.close();
  }
}

export async function measurePageLoad({ repeats = 5, log = () => undefined } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'majlis-bench-page-'));
  let server;
  let browser;
  try {
    log('page load: seeding a 20-comment and a 10,000-comment thread');
    await seedDatabase(dataDir);
    server = await startServer(['--data', dataDir, '--static', 'bench/pages']);
    browser = await launchBrowser();
    // One unmeasured load of each first: the server's JIT and database caches warm up (the browser's cache stays cold: a new context per load).
    await loadOnce(browser, server.url, THREADS.short);
    await loadOnce(browser, server.url, THREADS.long);
    const loads = { short: [], long: [] };
    for (let i = 0; i < repeats; i++) {
      log(`page load: round ${i + 1} of ${repeats}`);
      // Alternated, and in turn first, so neither thread always gets the machine's slow moments.
      const order = i % 2 ? ['long', 'short'] : ['short', 'long'];
      for (const which of order) loads[which].push(await loadOnce(browser, server.url, THREADS[which]));
    }
    const of = (list, pick) => summarize(list.map(pick));
    const describe = (list) => ({
      firstFrame: of(list, (l) => l.timing.firstFrame),
      loaded: of(list, (l) => l.timing.loaded),
      requests: of(list, (l) => l.count.total),
      scripts: of(list, (l) => l.count.script),
      api: of(list, (l) => l.count.api),
      live: of(list, (l) => l.count.live),
      bytes: of(list, (l) => l.bytes.total),
      scriptBytes: of(list, (l) => l.bytes.script),
      apiBytes: of(list, (l) => l.bytes.api),
      commentPages: of(list, (l) => l.commentPages),
      commentPageMs: of(list, (l) => l.commentPageMs),
      memberRequests: of(list, (l) => l.memberRequests),
      clsWhileLoading: of(list, (l) => l.layoutShift.whileLoading),
      clsAfterLoaded: of(list, (l) => l.layoutShift.afterLoaded),
      dataBeforeScroll: [...new Set(list.flatMap((l) => l.dataBeforeScroll))],
      rendered: of(list, (l) => l.timing.rendered),
      errors: [...new Set(list.flatMap((l) => l.errors))],
    });
    // What moved, summed over the loads of the 20-comment page: the layout shift's sources.
    const moved = new Map();
    for (const load of loads.short) {
      for (const shift of load.layoutShift.shifts) for (const what of new Set(shift.moved)) moved.set(what, (moved.get(what) ?? 0) + shift.value);
    }
    const short = describe(loads.short);
    const long = describe(loads.long);
    return {
      measuredAt: new Date().toISOString(),
      chromium: browser.version(),
      cpuThrottling: CPU_THROTTLING,
      viewport: PHONE_VIEWPORT,
      repeats,
      short,
      long,
      longOverShort: long.firstFrame.median / short.firstFrame.median,
      shiftSources: [...moved.entries()].sort((a, b) => b[1] - a[1]).map(([what]) => what),
      // One load's requests, one by one, to show what they are.
      sample: loads.short[0].requests.map(({ phase, kind, method, path, status, bytes }) => ({ phase, kind, method, path, status, bytes })),
    };
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const kB = (bytes) => (bytes / 1024).toFixed(1);

export function formatPageLoadTables(result) {
  const { short, long } = result;
  const row = (what, a, b, digits = 0) => `| ${what} | ${formatSpread(a, digits)} | ${formatSpread(b, digits)} |`;
  const listed = (paths) => (paths.length ? paths.map((p) => `\`${p}\``).join(', ') : 'none');
  const kBSpread = (s) => ({ ...s, median: s.median / 1024, min: s.min / 1024, max: s.max / 1024 });
  const lines = [
    `| from navigation to the rendered thread and chips (median, min–max of ${result.repeats} cold loads) | 20-comment thread | 10,000-comment thread (20 a page) |`,
    '| --- | ---: | ---: |',
    row('requests, all', short.requests, long.requests),
    row('— scripts', short.scripts, long.scripts),
    row('— API data requests', short.api, long.api),
    row('— live event stream (SSE)', short.live, long.live),
    row('— comment pages (`GET /api/comments`)', short.commentPages, long.commentPages),
    row('— members and badges (`GET /api/members…`)', short.memberRequests, long.memberRequests),
    row('transfer kB, all', kBSpread(short.bytes), kBSpread(long.bytes), 1),
    row('— scripts kB', kBSpread(short.scriptBytes), kBSpread(long.scriptBytes), 1),
    row('— API kB', kBSpread(short.apiBytes), kBSpread(long.apiBytes), 1),
    `| data requests (API, live stream) before the jump to the conversation | ${listed(short.dataBeforeScroll)} | ${listed(long.dataBeforeScroll)} |`,
    row('jump → end of the first frame with comments on screen, ms', short.firstFrame, long.firstFrame, 1),
    row('jump → thread and chips complete, ms', short.loaded, long.loaded, 1),
    row('— of which the `GET /api/comments` request, sent → last byte, ms', short.commentPageMs, long.commentPageMs, 1),
    row('comments rendered', short.rendered, long.rendered),
    row('layout shift while loading (sum of `layout-shift` values)', short.clsWhileLoading, long.clsWhileLoading, 4),
    row(`layout shift once loaded (next ${SETTLE_MS / 1000} s)`, short.clsAfterLoaded, long.clsAfterLoaded, 4),
    '',
    `10,000-comment thread over 20-comment thread, jump → first frame with comments: **${result.longOverShort.toFixed(2)}×**.`,
    ...(result.shiftSources.length ? ['', `What moved (layout-shift sources, most first): ${result.shiftSources.slice(0, 8).map((w) => `\`${w}\``).join(', ')}.`] : []),
    '',
    'The requests of one load of the 20-comment page, in order:',
    '',
    '| when | kind | request | status | transfer kB |',
    '| --- | --- | --- | ---: | ---: |',
    ...result.sample.map((r) => `| ${r.phase} | ${r.kind} | \`${r.method} ${r.path.length > 90 ? `${r.path.slice(0, 87)}…` : r.path}\` | ${r.status ?? '—'} | ${kB(r.bytes)} |`),
  ];
  const errors = [...short.errors, ...long.errors];
  if (errors.length) lines.push('', `Page errors: ${errors.map((e) => `\`${e}\``).join(', ')}`);
  return lines.join('\n');
}

if (isMain(import.meta)) {
  const result = await measurePageLoad({ repeats: Number(process.argv[2] ?? 5), log: (line) => console.error(line) });
  writeResult('page-load', result);
  console.log(formatPageLoadTables(result));
}
