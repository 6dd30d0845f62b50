/**
 * Sizes measured in one run, so they compare: Lit alone (the floor) and the self-contained bundle,
 * minified, gzip -9 and brotli. Run after `npm run build`. Prints a table and writes bench/results/size.json.
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const gzip = (buffer) => gzipSync(buffer, { level: 9 }).length;
const brotli = (buffer) => brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

async function bundle(contents) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    // Dynamic imports (demo community, other languages, the composer, the HTTP adapter) stay out, as lazy chunks do.
    external: ['*/adapters/local/demo.js', '*.messages.ar.js', './ar.js', '*/define/comment-composer.js', '*/define/report-button.js', '*/adapters/http/http-adapter.js'],
    bundle: true,
    minify: true,
    format: 'esm',
    conditions: ['production'],
    charset: 'utf8',
    legalComments: 'none',
    write: false,
  });
  return Buffer.from(result.outputFiles[0].contents);
}

const rows = [];
const add = (name, buffer) => rows.push({ name, raw: buffer.length, gzip: gzip(buffer), brotli: brotli(buffer) });

add('Lit alone (lit + lit/decorators.js)', await bundle("export * from 'lit'; export * from 'lit/decorators.js';"));
add('Self-contained bundle (dist/cdn/majlis.min.js)', readFileSync('dist/cdn/majlis.min.js'));
// Each element's entry with Lit, as a page using only that element loads it (lazy chunks apart).
for (const entry of ['comments', 'comment-count', 'poll', 'poll-editor', 'moderation-queue', 'member', 'badges', 'leaderboard', 'report-button', 'community']) add(`<majlis-${entry}> entry with Lit`, await bundle(`import './src/define/${entry}.ts';`));
for (const file of readdirSync('dist/cdn/chunks').filter((f) => f.endsWith('.js'))) {
  add(`  lazy chunk: ${file.replace(/-[\w-]+\.js$/, '')} (loaded on demand)`, readFileSync(`dist/cdn/chunks/${file}`));
}

const lit = rows[0].gzip;
const kb = (n) => (n / 1024).toFixed(1);
console.log('| what | raw kB | gzip kB | brotli kB | gzip × Lit |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.name} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} | ${(r.gzip / lit).toFixed(2)} |`);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/size.json', JSON.stringify({ measuredAt: new Date().toISOString(), rows }, null, 2));
