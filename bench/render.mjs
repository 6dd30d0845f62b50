/**
 * Render benchmark: <majlis-comments> against the same DOM built by plain DOM calls, in the same page
 * and run, in headless Chromium with the CPU throttled 4× (a mid-range phone). Medians and spread.
 * Usage: node bench/render.mjs [counts…]   (default 20 1000)
 */
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const counts = process.argv.slice(2).map(Number).filter(Boolean);
const sizes = counts.length ? counts : [20, 1000];
const repeats = 5;

mkdirSync('bench/results', { recursive: true });
const bundle = await build({ entryPoints: ['bench/render-page.ts'], bundle: true, format: 'esm', minify: true, conditions: ['production'], write: false, charset: 'utf8' });
const script = bundle.outputFiles[0].text;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const page = await browser.newPage({ viewport: { width: 412, height: 900 } });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.setContent('<!doctype html><html lang="en"><body></body></html>');
  await page.addScriptTag({ content: script, type: 'module' });
  await page.waitForFunction(() => typeof window.runBench === 'function');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const results = await page.evaluate(([s, r]) => window.runBench(s, r), [sizes, repeats]);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log('| comments | <majlis-comments> render ms (median, min–max) | by hand ms (median, min–max) | ratio | element from insertion, incl. loading ms |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  const rows = [];
  for (const [count, { element, elementTotal, hand }] of Object.entries(results)) {
    const row = { count: Number(count), element: median(element), hand: median(hand), total: median(elementTotal), elementRange: [Math.min(...element), Math.max(...element)], handRange: [Math.min(...hand), Math.max(...hand)] };
    rows.push(row);
    console.log(`| ${count} | ${row.element.toFixed(1)} (${row.elementRange.map((x) => x.toFixed(0)).join('–')}) | ${row.hand.toFixed(1)} (${row.handRange.map((x) => x.toFixed(0)).join('–')}) | ${(row.element / row.hand).toFixed(2)} |`);
  }
  writeFileSync('bench/results/render.json', JSON.stringify({ measuredAt: new Date().toISOString(), cpuThrottling: 4, repeats, rows }, null, 2));
} finally {
  await browser.close();
}
