/**
 * Screenshots of a page as people see it: light and dark, English and Arabic RTL, desktop and phone.
 * Usage: node scripts/screenshots.mjs <url> [name]   (writes screenshots/<name>-<variant>.png)
 * Works for the demo (?theme=&lang=) and for Storybook stories (iframe.html?id=…, as toolbar globals).
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [url, name = 'page'] = process.argv.slice(2);
if (!url) {
  console.error('Usage: node scripts/screenshots.mjs <url> [name]');
  process.exit(2);
}
const variants = [
  { id: 'light-en-desktop', theme: 'light', lang: 'en', width: 1280, height: 800 },
  { id: 'dark-en-desktop', theme: 'dark', lang: 'en', width: 1280, height: 800 },
  { id: 'light-ar-phone', theme: 'light', lang: 'ar', width: 360, height: 740 },
  { id: 'dark-ar-phone', theme: 'dark', lang: 'ar', width: 360, height: 740 },
];

mkdirSync('screenshots', { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  for (const v of variants) {
    const page = await browser.newPage({ viewport: { width: v.width, height: v.height }, colorScheme: v.theme });
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    const target = new URL(url);
    if (target.pathname.endsWith('iframe.html')) {
      // A Storybook story: theme and locale are toolbar globals.
      target.searchParams.set('globals', `theme:${v.theme};locale:${v.lang}`);
    } else {
      target.searchParams.set('theme', v.theme);
      target.searchParams.set('lang', v.lang);
    }
    await page.goto(target.href, { waitUntil: 'networkidle' });
    await page.waitForTimeout(600);
    const file = `screenshots/${name}-${v.id}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(file, problems.length ? problems.join(' | ') : 'no errors');
    await page.close();
  }
} finally {
  await browser.close();
}
