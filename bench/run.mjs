/**
 * `npm run bench`: builds if dist/ is missing or older than the sources, runs every part in turn —
 * size, render, page load (requests and layout shift), server, insights — keeps each part's JSON in
 * bench/results/, and writes docs/benchmarks.md: the machine, one table per part, and DESIGN.md's
 * performance budgets, met or not, with the figure for each. Each part also runs alone:
 * `node bench/size.mjs`, `node bench/render.mjs`, `node bench/page-load.mjs`, `node bench/server.mjs`.
 */
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { describeMachine, writeResult } from './common.mjs';
import { formatPageLoadTables, measurePageLoad } from './page-load.mjs';
import { formatRenderTables, measureRender } from './render.mjs';
import { formatServerTable, measureServer } from './server.mjs';
import { formatHeavyTable, formatSizeTable, measureSizes } from './size.mjs';

const started = Date.now();
const log = (line) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
const loadAtStart = loadavg();

function newestIn(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestIn(join(path, name))));
}

/** The built files the parts use: the CDN bundle (size, page load) and the server (page load, server). */
const BUILT = ['dist/cdn/majlis.min.js', 'dist/server/cli.js'];
if (!BUILT.every(existsSync) || Math.min(...BUILT.map((f) => statSync(f).mtimeMs)) < Math.max(newestIn('src'), newestIn('rollup.config.mjs'))) {
  log('dist/ is missing or older than src/: npm run build');
  execSync('npm run build --silent', { stdio: 'inherit' });
}

const parts = [
  ['size', () => measureSizes()],
  ['render', () => measureRender({ log })],
  ['page-load', () => measurePageLoad({ log })],
  ['server', () => measureServer({ log })],
  // Insights read the engine's TypeScript: a child process with tsx, its JSON read back.
  ['insights', () => {
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/insights.mjs', '3'], { stdio: ['ignore', 'ignore', 'inherit'] });
    return JSON.parse(readFileSync('bench/results/insights.json', 'utf8'));
  }],
];
const results = {};
const failures = {};
for (const [name, measure] of parts) {
  log(`${name}…`);
  try {
    results[name] = await measure();
    writeResult(name, results[name]);
  } catch (error) {
    failures[name] = error;
    console.error(error);
  }
}

const chromium = results.render?.chromium ?? results['page-load']?.chromium ?? 'unknown';
const machine = describeMachine(chromium);
const seconds = (Date.now() - started) / 1000;
writeResult('run', { measuredAt: new Date().toISOString(), seconds, machine, loadAtStart, failed: Object.keys(failures) });
writeFileSync('docs/benchmarks.md', report());
log(`wrote docs/benchmarks.md (${(seconds / 60).toFixed(1)} min)`);
if (Object.keys(failures).length) process.exit(1);

/** Tag names as code: bare, markdown renderers take `<majlis-comments>` for HTML and show nothing. */
function codeTags(text) {
  return text.replace(/(?<!`)<majlis-[a-z-]+>(?!`)/g, (tag) => `\`${tag}\``);
}

function report() {
  const section = (name, format) => (results[name] ? codeTags(format(results[name])) : `**Not measured: this part failed** (\`${String(failures[name]?.message ?? failures[name]).split('\n')[0]}\`).`);
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16);
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs) on ${date} UTC; the whole run took ${(seconds / 60).toFixed(1)} minutes, build included.
Figures compare within one run on one machine: the ratios are the point, not the absolute times.
Each figure is the median of repeated measures, with the spread (min–max) in brackets.
Run it again with \`npm run bench\` (the PostgreSQL figures need \`MAJLIS_TEST_DATABASE_URL\`); each part also runs alone: \`node bench/size.mjs\`, \`node bench/render.mjs\`, \`node bench/page-load.mjs\`, \`node bench/server.mjs\` (they write bench/results/*.json).

## The machine

| CPU | cores | memory | OS | Node | Chromium |
| --- | ---: | ---: | --- | --- | --- |
| ${machine.cpu} | ${machine.cores} | ${machine.memoryGB} GB | ${machine.os} | ${machine.node} | ${machine.chromium} |

Load average when the run began: ${loadAtStart.map((x) => x.toFixed(2)).join(', ')} (1, 5, 15 min). The machine may be shared: a busy moment widens the spread.

## Budgets

DESIGN.md's performance budgets, as this run found them.

${budgetTable()}

## 1. Size

Minified, then gzip -9 and brotli 11, in the same run as Lit alone (the floor). Sizes do not vary between runs of the same code, so they are measured once.

${section('size', formatSizeTable)}

### What is heavy

Where the bytes of the two budgets not met come from: each module's minified bytes from esbuild's metafile, and its pro-rata share of the gzip size (gzip does not add up by module, so the share is an estimate). Lit's four packages are one line.

${section('size', (size) => (size.heavy ? `\`<majlis-comments>\` entry with Lit:\n\n${formatHeavyTable(size.heavy.comments)}\n\n\`majlis.min.js\` (every visitor element, Lit and HttpAdapter) as one file with its exports, the composer's chunk included, nothing counted twice:\n\n${formatHeavyTable(size.heavy.visitor)}` : 'Not measured.'))}

## 2. Render

\`<majlis-comments>\` against the same DOM built by plain DOM calls, in one page, in headless Chromium with the CPU throttled ${results.render?.cpuThrottling ?? 4}× through the DevTools protocol (a mid-range phone), ${results.render ? `${results.render.viewport.width}×${results.render.viewport.height}` : ''} viewport. The adapter answers from memory, so this is rendering alone. The hand-built copy is made with \`createElement\`/\`setAttribute\`/\`append\` from the element's own output (Lit's comment markers left out), with the element's stylesheets and a listener on each button, so both build the same nodes. Element time: from the start of the update that puts the comments in to the end of the forced layout; by hand: from the first call to the end of the forced layout. Garbage is collected before each measure. Chromium's CPU throttling pauses the page in slices, so short measures (20 comments) are grainy: read their medians, not their extremes.

First paint: a 20-comment thread placed 4,000 px down the page (beyond the elements' 800 px look-ahead) is scrolled into view. The time runs from the scroll to the end of the first frame in which a comment is on screen (checked in \`requestAnimationFrame\`, timed by a message posted from there, which is handled once the frame is painted); long tasks come from \`PerformanceObserver('longtask')\`, which reports tasks of 50 ms or more.

${section('render', formatRenderTables)}

## 3. Requests and 4. layout shift

bench/pages/thread.html on the reference server (\`majlis serve\` from dist/, PGlite), loaded cold (new browser context each time) in headless Chromium with the CPU throttled ${results['page-load']?.cpuThrottling ?? 4}×, phone viewport. The page has an article three screens long, then the conversation: five \`<majlis-member>\` chips of people in it, and \`<majlis-comments>\` (guest, 20 a page), then more page. After load and 1 s of quiet, the page jumps to the conversation (as a "#comments" link does). Requests are counted from navigation until the thread and the chips are complete and 1.5 s have passed; bytes are transfer bytes (headers included) from the DevTools protocol. Layout shift sums the \`layout-shift\` entries (PerformanceObserver, without recent input) up to the moment the thread and chips are complete, and after it.

${section('page-load', formatPageLoadTables)}

## 5. Server

autocannon on loopback, ${results.server?.connections ?? 10} connections, ${results.server?.seconds ?? 5} s per measure, rate limits off; reads of a page of 20 comments from a 200-comment thread, and comment posts by 4,000 signed members in turn (each write is one transaction with its live event). The spread is the slowest and fastest second of the measure.

${section('server', formatServerTable)}

## 6. Community insights

\`<majlis-insights>\` figures computed by the engine (one SQL statement) on a seeded community of 10,000 members and 200,000 comments (a third of them replies), about 300,000 reactions, 35,000 poll votes and 4,000 reports with their decisions, over the last 180 days; seeded with SQL batch inserts (bench/insights.mjs). The first report after opening, then the median (min–max) of 3 more, with the insights indexes of migration 2.

${section('insights', formatInsightsTable)}
`;
}

function formatInsightsTable({ results: stores }) {
  const lines = ['| database | seeding | 90 days, first | 90 days | 30 days | 7 days | one thread, 90 days |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  const ms = (t) => `${t.medianMs} ms (${t.minMs}–${t.maxMs})`;
  for (const r of stores) {
    const t = r.withIndexes;
    lines.push(`| ${r.label} | ${(r.seedMs / 1000).toFixed(1)} s | ${t.community90.firstMs} ms | ${ms(t.community90)} | ${ms(t.community30)} | ${ms(t.community7)} | ${ms(t.thread90)} |`);
  }
  return lines.join('\n');
}

function budgetTable() {
  const rows = [];
  const add = (budget, met, figure) => rows.push(`| ${budget} | ${met === null ? 'not measured' : met ? 'met' : '**not met**'} | ${figure} |`);
  const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

  const size = results.size;
  if (size) {
    const lit = size.rows.find((r) => r.name.startsWith('Lit alone'));
    if (lit) rows.push(`| Lit alone is about 6 kB gzip: the floor | (reference) | ${kB(lit.gzip)} gzip |`);
    for (const r of size.rows.filter((row) => row.budget)) add(`${r.budget.what} ≤ ${kB(r.budget.limit)} gzip`, r.budget.met, `${kB(r.budget.measured)}`);
  } else add('size budgets', null, 'the size part failed');

  const page = results['page-load'];
  const render = results.render;
  if (page) {
    const early = [...new Set([...page.short.dataBeforeScroll, ...page.long.dataBeforeScroll])];
    add('no data request until an element is near the viewport', early.length === 0 && !render?.firstPaint.loadedEarly, early.length ? `at page load, before the jump to the thread: ${early.map((p) => `\`${p}\``).join(', ')}` : 'none before the jump to the thread');
    add('a page of 20 comments costs one request', page.short.commentPages.max === 1 && page.long.commentPages.max === 1, `${page.short.commentPages.median} \`GET /api/comments\` per load`);
    add('badges and members of everyone on a page in one batched request', page.short.memberRequests.max === 1, `${page.short.memberRequests.median} \`/api/members\` requests per load (thread authors and 5 chips)`);
  } else add('requests budgets', null, 'the page-load part failed');

  if (render) {
    const thousand = render.rows.find((r) => r.count === 1000);
    if (thousand) add('rendering 1,000 comments within 1.3× of the same DOM built by hand', thousand.ratio <= 1.3, `${thousand.ratio.toFixed(2)}× (${thousand.element.median.toFixed(0)} ms against ${thousand.hand.median.toFixed(0)} ms)`);
  } else add('rendering 1,000 comments within 1.3× of the same DOM built by hand', null, 'the render part failed');

  if (page) {
    add(
      '10,000-comment threads open as fast as 20-comment ones (paged; taken as within 1.2×)',
      page.longOverShort <= 1.2,
      `${page.longOverShort.toFixed(2)}×: ${page.long.firstFrame.median.toFixed(0)} ms against ${page.short.firstFrame.median.toFixed(0)} ms from the jump to the first frame with comments`,
    );
    const after = Math.max(page.short.clsAfterLoaded.max, page.long.clsAfterLoaded.max);
    add('zero layout shift once the element has loaded', after === 0, `${after.toFixed(4)} after loading (${page.short.clsWhileLoading.median.toFixed(4)} while loading)`);
  }

  const server = results.server;
  if (server) {
    const figures = server.results.map(({ database, rows }) => `${database}: ${rows.map((r) => `${r.what.split(' (')[0]} ${r.rps.toFixed(0)} req/s, p50 ${r.p50} / p99 ${r.p99} ms`).join('; ')}`);
    const missing = server.postgresError ? `. PostgreSQL: failed (${server.postgresError})` : '. PostgreSQL: not measured, no PostgreSQL (MAJLIS_TEST_DATABASE_URL unset)';
    add('server: reads and writes with a load tool on loopback, PGlite and PostgreSQL, p50/p99', server.postgres ? true : null, `${figures.join('. ')}${server.postgres ? '' : missing}`);
  } else add('server measures', null, 'the server part failed');

  return codeTags(['| budget | verdict | figure |', '| --- | --- | --- |', ...rows].join('\n'));
}
