/**
 * Sizes measured in one run, so they compare: Lit alone (the floor), every element's entry with Lit,
 * each element's increment over the shared core, the adapters, and the whole visitor bundle as built
 * (dist/cdn/majlis.min.js plus every lazy chunk a visitor's page can load). Minified, gzip -9 and brotli.
 * The budgets are DESIGN.md's; `npm test` runs `node bench/size.mjs --check` (see `check` below).
 *
 *   node bench/size.mjs [--check]      (needs `npm run build` for the built bundle)
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { esbuildMinifyTemplates } from '../scripts/minify-templates.mjs';

const KB = 1024;
export const BUDGETS = {
  visitorBundle: 30 * KB,
  commentsEntry: 16 * KB,
  visitorIncrement: 4 * KB,
  moderatorIncrement: 8 * KB,
};
export const VISITOR_ELEMENTS = ['comment-count', 'poll', 'member', 'badges', 'leaderboard', 'report-button'];
export const MODERATOR_ELEMENTS = ['poll-editor', 'moderation-queue', 'insights'];

/** Loaded only on demand and never by a visitor's page in English: the demo community and other languages. */
const notVisitorChunk = (file) => /^demo-|moderators|\.ar-|^ar-/.test(file);
/** The modules behind those chunks, and the schemas only moderators' calls load. */
const NOT_FOR_VISITORS = ['*/adapters/local/demo.js', '*.messages.ar.js', './ar.js', './wire-moderators.js'];
/** What an entry leaves to lazy chunks (loaded on intent or by configuration), as an app's bundler does. */
const LAZY = [...NOT_FOR_VISITORS, '*/define/comment-composer.js', '*/define/report-button.js', '*/adapters/http/http-adapter.js'];

const gzip = (buffer) => gzipSync(buffer, { level: 9 }).length;
const brotli = (buffer) => brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

async function bundle(contents, { lazy = LAZY } = {}) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    external: lazy,
    bundle: true,
    minify: true,
    format: 'esm',
    conditions: ['production'],
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    metafile: true,
    plugins: [esbuildMinifyTemplates()],
  });
  const output = Object.values(result.metafile.outputs)[0];
  return { buffer: Buffer.from(result.outputFiles[0].contents), inputs: Object.keys(output.inputs), bytesByInput: output.inputs };
}

const exists = (path) => {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
};

export async function measureSizes() {
  const rows = [];
  const add = (name, buffer, budget) => {
    const row = { name, raw: buffer.length, gzip: gzip(buffer), brotli: brotli(buffer) };
    if (budget) row.budget = budget(row);
    rows.push(row);
    return row;
  };

  const lit = add('Lit alone (lit + lit/decorators.js)', (await bundle("export * from 'lit'; export * from 'lit/decorators.js';")).buffer);

  // Each element's entry with Lit, as a page using only that element loads it (lazy chunks apart).
  const elements = ['comments', ...VISITOR_ELEMENTS, 'community', ...MODERATOR_ELEMENTS].filter((e) => exists(`src/define/${e}.ts`));
  const entries = new Map();
  for (const element of elements) entries.set(element, await bundle(`import './src/define/${element}.ts';`));

  // The shared core: the modules of this repository that most visitor elements use (Lit, context, the
  // data controller, states, the localizer come with them). What an element adds is measured on a page
  // that already has the core: the core and the element together, less the core.
  const visitors = ['comments', ...VISITOR_ELEMENTS].filter((e) => entries.has(e));
  const uses = (input) => visitors.filter((e) => entries.get(e).inputs.includes(input)).length;
  const coreModules = [...new Set(visitors.flatMap((e) => entries.get(e).inputs))].filter((input) => input.startsWith('src/') && !input.startsWith('src/define/') && uses(input) * 2 > visitors.length);
  const coreSource = coreModules.map((input) => `export * from ${JSON.stringify(resolve(input))};`).join('\n');
  const core = add(`Shared core, with Lit: the ${coreModules.length} modules most visitor elements use`, (await bundle(coreSource)).buffer);
  const increment = async (element) => gzip((await bundle(`${coreSource}\nimport './src/define/${element}.ts';`)).buffer) - core.gzip;

  for (const element of elements) {
    const { buffer } = entries.get(element);
    const tag = `<majlis-${element}>`;
    if (element === 'comments') {
      add(`${tag} entry with Lit`, buffer, (row) => ({ what: 'comments alone with Lit', limit: BUDGETS.commentsEntry, measured: row.gzip }));
    } else {
      const limit = MODERATOR_ELEMENTS.includes(element) ? BUDGETS.moderatorIncrement : element === 'community' ? null : BUDGETS.visitorIncrement;
      const added = limit ? await increment(element) : 0;
      add(`${tag} entry with Lit`, buffer, limit && (() => ({ what: `${tag} over the shared core`, limit, measured: added })));
    }
  }
  add('HttpAdapter (with what it imports, beside the core)', (await bundle("export * from './src/adapters/http/index.ts';", { lazy: [] })).buffer);
  add('LocalAdapter + engine (tests, demo, Storybook; not for visitors)', (await bundle("export * from './src/adapters/local/index.ts';", { lazy: [] })).buffer);

  // The visitor bundle as built: the entry and every chunk a visitor's page may load.
  if (exists('dist/cdn/majlis.min.js')) {
    const chunks = readdirSync('dist/cdn/chunks').filter((f) => f.endsWith('.js') && !notVisitorChunk(f));
    const files = ['dist/cdn/majlis.min.js', ...chunks.map((f) => `dist/cdn/chunks/${f}`)];
    // Chunk names carry a hash of their content: a change anywhere renames the demo chunk in majlis.min.js,
    // and gzip can differ by a byte or two. The check must not move with that, so every hash reads the same.
    const unhashed = (file) => Buffer.from(readFileSync(file, 'utf8').replace(/-[\w-]{8}\.js(?=["'])/g, '-00000000.js'));
    const parts = files.map((file) => add(`  ${file.replace('dist/cdn/', '')}`, unhashed(file)));
    const total = parts.reduce((sum, part) => ({ raw: sum.raw + part.raw, gzip: sum.gzip + part.gzip, brotli: sum.brotli + part.brotli }), { raw: 0, gzip: 0, brotli: 0 });
    rows.push({
      name: `Visitor bundle: dist/cdn/majlis.min.js + its ${chunks.length} visitor chunks (every visitor element, Lit, HttpAdapter)`,
      ...total,
      budget: { what: 'all visitor elements + Lit + HttpAdapter', limit: BUDGETS.visitorBundle, measured: total.gzip },
    });
  }
  for (const row of rows) if (row.budget) row.budget.met = row.budget.measured <= row.budget.limit;
  const heavy = {
    comments: weigh(entries.get('comments')),
    // majlis.min.js as one file, its exports kept: the composer's chunk included, nothing counted twice.
    visitor: weigh(await bundle("export * from './src/cdn.ts';", { lazy: NOT_FOR_VISITORS })),
  };
  return { measuredAt: new Date().toISOString(), lit: lit.gzip, core: { gzip: core.gzip, modules: coreModules }, rows, heavy };
}

/** Where a bundle's bytes come from: minified bytes of each module, and its share of the gzip size (pro rata: gzip does not add up by module). */
function weigh({ buffer, bytesByInput }) {
  const total = gzip(buffer);
  const minified = buffer.length;
  const groups = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(bytesByInput)) {
    if (!bytesInOutput) continue;
    const name = /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(input) ? 'Lit' : input.includes('node_modules/@lit/context/') ? '@lit/context' : input.replace(/^node_modules\//, '');
    groups.set(name, (groups.get(name) ?? 0) + bytesInOutput);
  }
  const modules = [...groups].map(([name, bytes]) => ({ name, minified: bytes, gzip: Math.round((bytes * total) / minified) })).sort((a, b) => b.minified - a.minified);
  return { gzip: total, minified, modules };
}

const kb = (n) => (n / KB).toFixed(1);

/** The heaviest modules of a bundle weighed by `weigh`, and the rest in one line. */
export function formatHeavyTable({ gzip: total, minified, modules }, top = 15) {
  const lines = ['| module | minified kB | ≈ gzip kB | share |', '| --- | ---: | ---: | ---: |'];
  const row = (name, bytes, gz) => lines.push(`| ${name} | ${kb(bytes)} | ${kb(gz)} | ${((100 * bytes) / minified).toFixed(0)}% |`);
  for (const m of modules.slice(0, top)) row(m.name, m.minified, m.gzip);
  const rest = modules.slice(top);
  if (rest.length) row(`${rest.length} more modules`, rest.reduce((n, m) => n + m.minified, 0), rest.reduce((n, m) => n + m.gzip, 0));
  lines.push(`| **all** | **${kb(minified)}** | **${kb(total)}** | 100% |`);
  return lines.join('\n');
}

export function formatSizeTable({ rows, lit }) {
  const lines = ['| what | raw kB | gzip kB | brotli kB | gzip × Lit | budget (gzip) |', '| --- | ---: | ---: | ---: | ---: | --- |'];
  for (const r of rows) {
    const budget = r.budget ? `${r.budget.met ? 'met' : '**not met**'}: ${r.budget.what} ${kb(r.budget.measured)} ≤ ${kb(r.budget.limit)}` : '';
    lines.push(`| ${r.name} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} | ${(r.gzip / lit).toFixed(2)} | ${budget} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await measureSizes();
  console.log(formatSizeTable(result));
  if (process.argv.includes('--heavy')) for (const [name, weighed] of Object.entries(result.heavy)) console.log(`\n${name}\n${formatHeavyTable(weighed, 40)}`);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/size.json', JSON.stringify(result, null, 2));
  if (process.argv.includes('--check')) {
    const failures = check(result, JSON.parse(readFileSync(new URL('./size-ceilings.json', import.meta.url), 'utf8')));
    for (const failure of failures) console.error(`size check: ${failure}`);
    if (failures.length) process.exitCode = 1;
  }
}

/**
 * Every budget must be met. A budget not met yet is held at its ceiling in bench/size-ceilings.json
 * (the size it had when the check came in), so it can only shrink: a ceiling is never raised, and is
 * taken out once its budget is met. Returns what failed (nothing when the check passes).
 */
export function check(result, ceilings) {
  const budgets = result.rows.filter((r) => r.budget).map((r) => r.budget);
  const failures = [];
  if (!result.rows.some((r) => r.name.startsWith('Visitor bundle'))) failures.push('the visitor bundle was not measured: run `npm run build` first');
  for (const b of budgets) {
    const ceiling = ceilings[b.what];
    if (b.met && ceiling !== undefined) failures.push(`${b.what} now meets its budget (${kb(b.measured)} ≤ ${kb(b.limit)} kB): take its ceiling out of bench/size-ceilings.json`);
    else if (!b.met && ceiling === undefined) failures.push(`${b.what} is ${kb(b.measured)} kB gzip, over its budget of ${kb(b.limit)} kB`);
    else if (!b.met && b.measured > ceiling) failures.push(`${b.what} grew to ${kb(b.measured)} kB gzip, over its ceiling of ${kb(ceiling)} kB (budget ${kb(b.limit)} kB, not met yet)`);
    else if (!b.met) console.warn(`budget NOT MET: ${b.what} is ${kb(b.measured)} kB gzip; budget ${kb(b.limit)} kB, held at ceiling ${kb(ceiling)} kB`);
  }
  for (const what of Object.keys(ceilings)) if (!budgets.some((b) => b.what === what)) failures.push(`bench/size-ceilings.json names "${what}", which is not a budget`);
  if (!failures.length) console.log(`size check: ${budgets.filter((b) => b.met).length} of ${budgets.length} budgets met; the others are held at their ceilings.`);
  return failures;
}
