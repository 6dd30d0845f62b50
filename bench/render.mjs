/**
 * Render benchmark, in headless Chromium with the CPU throttled 4× (a mid-range phone):
 * - N comments in <majlis-comments> against the same DOM built by plain DOM calls, in the same page
 *   and run (the hand-built copy is made from the element's own output, so the DOM is identical);
 * - the first paint of a 20-comment thread scrolled into view from below the fold, and the longest
 *   main-thread task meanwhile.
 * Medians and spread (min–max) over repeats.
 *
 *   node bench/render.mjs [counts…]      (default 20 1000 5000)
 */
import { build } from 'esbuild';
import { esbuildMinifyTemplates } from '../scripts/minify-templates.mjs';
import { CPU_THROTTLING, PHONE_VIEWPORT, formatSpread, isMain, launchBrowser, summarize, writeResult } from './common.mjs';

/** Fewer repeats for the big threads keep the whole `npm run bench` within its 10 minutes. */
const repeatsFor = (count) => (count <= 100 ? 15 : count <= 1000 ? 9 : 3);
const FIRST_PAINT_REPEATS = 7;

export async function measureRender({ counts = [20, 1000, 5000], log = () => undefined } = {}) {
  const bundle = await build({ entryPoints: ['bench/render-page.ts'], bundle: true, format: 'esm', minify: true, conditions: ['production'], write: false, charset: 'utf8', logLevel: 'error', plugins: [esbuildMinifyTemplates()] });
  // gc() before each measure: a collection left over from the previous one is not charged to the next.
  const browser = await launchBrowser(['--js-flags=--expose-gc']);
  try {
    const page = await browser.newPage({ viewport: PHONE_VIEWPORT });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.setContent('<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"></head><body></body></html>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text, type: 'module' });
    await page.waitForFunction(() => typeof window.bench === 'object');
    const cdp = await page.context().newCDPSession(page);
    const throttle = (rate) => cdp.send('Emulation.setCPUThrottlingRate', { rate });
    // Seeding the engine is not measured: it runs at full speed.
    const prepare = async (count) => {
      await throttle(1);
      await page.evaluate((n) => window.bench.prepare(n), count);
      await throttle(CPU_THROTTLING);
    };

    const rows = [];
    for (const count of counts) {
      await prepare(count);
      const repeats = repeatsFor(count);
      log(`render: ${count} comments, ${repeats} repeats`);
      // One unmeasured round first: the JIT and the style caches warm up.
      await page.evaluate((n) => window.bench.renderElement(n), count);
      await page.evaluate((n) => window.bench.renderByHand(n), count);
      const element = [];
      const hand = [];
      for (let i = 0; i < repeats; i++) {
        element.push(await page.evaluate((n) => window.bench.renderElement(n), count));
        hand.push(await page.evaluate((n) => window.bench.renderByHand(n), count));
      }
      const render = summarize(element.map((e) => e.render));
      const byHand = summarize(hand.map((h) => h.time));
      rows.push({
        count,
        repeats,
        element: render,
        elementFromInsertion: summarize(element.map((e) => e.total)),
        hand: byHand,
        ratio: render.median / byHand.median,
        pairedRatios: summarize(element.map((e, i) => e.render / hand[i].time)),
        nodes: { element: element[0].nodes, hand: hand[0].nodes, customElementsInside: hand[0].customElements },
      });
    }

    await prepare(20);
    log(`render: first paint after scrolling into view, ${FIRST_PAINT_REPEATS} repeats`);
    await page.evaluate(() => window.bench.firstPaint(20));
    const paints = [];
    for (let i = 0; i < FIRST_PAINT_REPEATS; i++) paints.push(await page.evaluate(() => window.bench.firstPaint(20)));
    return {
      measuredAt: new Date().toISOString(),
      chromium: browser.version(),
      cpuThrottling: CPU_THROTTLING,
      viewport: PHONE_VIEWPORT,
      rows,
      firstPaint: {
        comments: 20,
        time: summarize(paints.map((p) => p.time)),
        longestTask: summarize(paints.map((p) => p.longestTask)),
        longTasks: summarize(paints.map((p) => p.longTasks)),
        loadedEarly: paints.some((p) => p.loadedEarly),
      },
    };
  } finally {
    await browser.close();
  }
}

export function formatRenderTables(result) {
  const lines = [
    '| comments | `<majlis-comments>` ms | same DOM by hand ms | ratio (paired min–max) | element from insertion, loading included, ms | DOM nodes (element / by hand) | repeats |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of result.rows) {
    lines.push(
      `| ${r.count.toLocaleString('en')} | ${formatSpread(r.element)} | ${formatSpread(r.hand)} | ${r.ratio.toFixed(2)}× (${r.pairedRatios.min.toFixed(2)}–${r.pairedRatios.max.toFixed(2)}) | ${formatSpread(r.elementFromInsertion)} | ${r.nodes.element.toLocaleString('en')} / ${r.nodes.hand.toLocaleString('en')} | ${r.repeats} |`,
    );
  }
  const f = result.firstPaint;
  lines.push(
    '',
    '| 20-comment thread scrolled into view from below the fold | median (min–max) | repeats |',
    '| --- | ---: | ---: |',
    `| scroll → end of the first frame with comments on screen, ms | ${formatSpread(f.time)} | ${f.time.n} |`,
    `| longest main-thread task meanwhile, ms (0: none ≥ 50 ms) | ${formatSpread(f.longestTask, 0)} | ${f.longestTask.n} |`,
    `| long tasks meanwhile | ${formatSpread(f.longTasks, 0)} | ${f.longTasks.n} |`,
    `| loaded anything before it neared the viewport | ${f.loadedEarly ? '**yes**' : 'no'} | |`,
  );
  return lines.join('\n');
}

if (isMain(import.meta)) {
  const counts = process.argv.slice(2).map(Number).filter(Boolean);
  const result = await measureRender({ ...(counts.length && { counts }), log: (line) => console.error(line) });
  writeResult('render', result);
  console.log(formatRenderTables(result));
}
