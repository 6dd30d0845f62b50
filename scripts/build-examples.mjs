#!/usr/bin/env node
/**
 * Builds and checks every example under docs/examples/ against the library in this working tree
 * (`majlis/...` resolves to dist/ through package.json `exports`: Node's package self-reference,
 * which esbuild, Vite and TypeScript all follow). Run `npm run build` first.
 *
 * - plain-html: its script tag points at a built file; its tags and attributes exist in custom-elements.json.
 * - bundler:    esbuild bundle with code splitting.
 * - react:      `tsc --noEmit` (the generated JSX types, including must-fail cases), then a Vite build.
 * - vue:        Vite build with @vitejs/plugin-vue.
 * - svelte:     Vite build with @sveltejs/vite-plugin-svelte.
 * - then, when Chromium is available (CHROME_PATH or /usr/bin/chromium), each built page is opened
 *   over HTTP and must render its elements' content with no page or console errors.
 *
 * Output goes to $MAJLIS_EXAMPLES_OUT or <tmpdir>/majlis-examples. Exits non-zero on any failure.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'docs/examples');
const out = resolve(process.env.MAJLIS_EXAMPLES_OUT ?? join(tmpdir(), 'majlis-examples'));
const started = performance.now();
const failures = [];

/** What each element shows once its data is in. */
const CONTENT = {
  'majlis-comments': '[part~="comment"]',
  'majlis-comment-count': '[part~="count"]',
  'majlis-poll': '[part~="option"], [part~="result"]',
  'majlis-member': '[part~="name"]',
  'majlis-leaderboard': '[part~="row"]',
  'majlis-badges': '[part~="badge"]',
};


for (const file of ['dist/index.js', 'dist/cdn/majlis.min.js', 'dist/jsx.d.ts', 'custom-elements.json']) {
  if (!existsSync(join(root, file))) {
    console.error(`[examples] ${file} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** Runs one step, timing it and recording a failure instead of stopping. */
async function step(name, work) {
  const t0 = performance.now();
  try {
    await work();
    console.log(`  ok   ${name} (${ms(t0)})`);
  } catch (error) {
    failures.push(name);
    console.error(`  FAIL ${name} (${ms(t0)})\n${indent(brief(error instanceof Error ? error.message : String(error)))}`);
  }
}

const ms = (t0) => `${Math.round(performance.now() - t0)} ms`;
/** An error message without colours, cut to its first 25 lines (bundlers repeat themselves). */
const brief = (text) => {
  // eslint-disable-next-line no-control-regex -- removing terminal colour codes
  const lines = text.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  return lines.length > 25 ? [...lines.slice(0, 25), `… (${lines.length - 25} more lines)`].join('\n') : lines.join('\n');
};
const indent = (text) => text.replace(/^/gm, '       ');

function run(command, args, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(output) : reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${output}`))));
  });
}

async function viteBuild(name) {
  const { build } = await import('vite');
  const dir = join(examples, name);
  const config = ['vite.config.js', 'vite.config.mjs', 'vite.config.ts'].map((f) => join(dir, f)).find(existsSync);
  await build({
    root: dir,
    configFile: config ?? false,
    base: './',
    logLevel: 'warn',
    build: { outDir: join(out, name), emptyOutDir: true, reportCompressedSize: false },
  });
}

// The TypeScript check runs in its own process while the bundlers work.
const typecheck = step('react: tsc --noEmit (JSX types)', () => run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(examples, 'react/tsconfig.json')], root));

console.log(`[examples] building docs/examples → ${out}`);

await step('plain-html: script tag and tags against custom-elements.json', () => checkPlainHtml(join(examples, 'plain-html/index.html')));

await step('bundler: esbuild --bundle --splitting', async () => {
  const esbuild = await import('esbuild');
  const dir = join(examples, 'bundler');
  const result = await esbuild.build({
    absWorkingDir: dir,
    entryPoints: ['main.js'],
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    outdir: join(out, 'bundler/out'),
    logLevel: 'silent', // errors are reported by step(); warnings below
  });
  for (const warning of await esbuild.formatMessages(result.warnings, { kind: 'warning' })) console.warn(warning);
  cpSync(join(dir, 'index.html'), join(out, 'bundler/index.html'));
});

for (const name of ['react', 'vue', 'svelte']) await step(`${name}: vite build`, () => viteBuild(name));
await typecheck;

if (failures.length === 0) await smokeTest();

console.log(`[examples] ${failures.length ? `${failures.length} failed: ${failures.join('; ')}` : 'all passed'} in ${ms(started)}`);
process.exit(failures.length ? 1 : 0);

// ---------- plain HTML ----------

/** Every <script src> exists, and every <majlis-*> tag and attribute (and literal value) is in the manifest. */
function checkPlainHtml(file) {
  const html = readFileSync(file, 'utf8');
  const problems = [];
  for (const [, src] of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) if (!existsSync(resolve(dirname(file), src))) problems.push(`script ${src} does not exist`);
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const tags = new Map(manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName, d]));
  const global = new Set(['id', 'class', 'style', 'slot', 'lang', 'dir', 'hidden', 'title', 'part']);
  for (const [, tag, attrs] of html.matchAll(/<(majlis-[a-z-]+)((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const element = tags.get(tag);
    if (!element) {
      problems.push(`<${tag}> is not a Majlis element`);
      continue;
    }
    for (const [, name, value] of attrs.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) {
      if (global.has(name) || name.startsWith('data-') || name.startsWith('aria-')) continue;
      const attr = element.attributes?.find((a) => a.name === name);
      if (!attr) problems.push(`<${tag}> has no attribute ${name}`);
      const literals = [...(attr?.type?.text ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]);
      if (literals.length && value !== undefined && !literals.includes(value)) problems.push(`<${tag} ${name}="${value}">: expected ${literals.join(', ')}`);
    }
  }
  if (!/<majlis-/.test(html)) problems.push('no Majlis element on the page');
  if (problems.length) throw new Error(problems.join('\n'));
}

// ---------- in a browser ----------

/** Opens each built example over HTTP in Chromium: the elements must render content, with no errors. */
async function smokeTest() {
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chrome)) {
    console.log(`  skip in-browser check: no Chromium at ${chrome} (set CHROME_PATH)`);
    return;
  }
  const { chromium } = await import('playwright-core');
  const server = await serve({ '/repo/': root, '/out/': out });
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: chrome,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  // The plain page runs on the demo fallback; the others set a LocalAdapter (so no `:state(demo)`),
  // and the React and Vue ones log the viewer from a `majlis-viewer-change` listener.
  const viewerLog = 'viewer: Sara Lindqvist';
  const pages = {
    'plain-html': { url: `${base}/repo/docs/examples/plain-html/index.html`, demo: true },
    bundler: { url: `${base}/out/bundler/index.html` },
    react: { url: `${base}/out/react/index.html`, log: viewerLog },
    vue: { url: `${base}/out/vue/index.html`, log: viewerLog },
    svelte: { url: `${base}/out/svelte/index.html` },
  };
  try {
    await Promise.all(Object.entries(pages).map(([name, expected]) => step(`${name}: renders in Chromium`, () => visit(browser, expected))));
  } finally {
    await browser.close();
    server.close();
  }
}

async function visit(browser, { url, demo = false, log }) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 2400 } });
  const page = await context.newPage();
  const errors = [];
  const logs = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => (message.type() === 'error' ? errors.push(`console error: ${message.text()}`) : logs.push(message.text())));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
  try {
    await page.goto(url);
    await page.waitForFunction(
      (content) => {
        const elements = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('majlis-'));
        return elements.length > 1 && elements.every((el) => customElements.get(el.localName) && el.shadowRoot && (!content[el.localName] || el.shadowRoot.querySelector(content[el.localName])));
      },
      CONTENT,
      { timeout: 15_000 },
    );
    const broken = await page.evaluate(() =>
      [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('majlis-') && el.matches(':state(error)')).map((el) => el.localName),
    );
    if (broken.length) errors.push(`in an error state: ${broken.join(', ')}`);
    const onDemo = await page.evaluate(() => document.querySelector('majlis-community')?.matches(':state(demo)'));
    if (onDemo !== demo) errors.push(demo ? 'expected the demo community' : 'the provider fell back to the demo community: its adapter was not set');
    if (log && !logs.includes(log)) errors.push(`expected the console to say "${log}"; it said: ${logs.join(' | ') || 'nothing'}`);
  } catch (error) {
    const found = await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('majlis-')).map((el) => `<${el.localName}>${el.shadowRoot ? '' : ' (no shadow root)'}`)).catch(() => []);
    errors.push(`${error.message.split('\n')[0]}; elements: ${found.join(' ') || 'none'}`);
  } finally {
    await context.close();
  }
  if (errors.length) throw new Error(errors.join('\n'));
}

/** A static server for the given URL prefixes → folders, on a free port of 127.0.0.1. */
function serve(mounts) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json' };
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const prefix = Object.keys(mounts).find((p) => path.startsWith(p));
    const folder = prefix && mounts[prefix];
    const file = folder && resolve(folder, '.' + path.slice(prefix.length - 1));
    if (!file || !file.startsWith(folder + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(path === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise(server)));
}
