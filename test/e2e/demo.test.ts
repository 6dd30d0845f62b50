/**
 * The README's first command, as a visitor and a moderator use it: the built library and the demo site
 * served by `majlis serve --demo` on its embedded database, driven in headless Chromium.
 * Needs `npm run build` first (npm test runs it before this file).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

let server: ChildProcess;
let base = '';
let browser: Browser;
const dataDir = mkdtempSync(join(tmpdir(), 'majlis-e2e-'));
const problems: string[] = [];

before(async () => {
  server = spawn(process.execPath, ['dist/server/cli.js', 'serve', '--demo', '--port', '0', '--data', dataDir, '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 30_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /demo site: (http:\/\/\S+?)\/demo\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    server.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${out}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`${path}: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${path}: ${response.status()} ${response.url()}`);
  });
  await page.goto(`${base}${path}`);
  return page;
}

describe('the demo site on the reference server', () => {
  it('serves the demo at / and the API description', async () => {
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/demo/');
    const openapi = (await (await fetch(`${base}/api/openapi.json`)).json()) as { openapi: string };
    assert.match(openapi.openapi, /^3\./);
  });

  it('lets a member post, react, vote and report', async () => {
    const page = await open('/demo/?as=visitor');
    await page.locator('#viewer-line', { hasText: 'You (demo visitor)' }).waitFor();
    const thread = page.locator('majlis-comments');
    await thread.locator('[part~="comment"]').first().waitFor();
    await page.locator('majlis-leaderboard table').waitFor();
    await page.locator('majlis-member[member="layla"] [part~="name"], majlis-member[member="layla"] bdi').first().waitFor();

    // Post.
    const body = `Hello from the end-to-end test ${Date.now()}`;
    await thread.locator('[part="input"]').first().fill(body);
    await thread.locator('[part="send-button"]').first().click();
    await thread.locator('[part="body"]', { hasText: body }).waitFor();

    // React to the welcome comment.
    const reaction = thread.locator('[part~="comment"]').first().locator('[part~="reaction"]').first();
    const pressedBefore = await reaction.getAttribute('aria-pressed');
    await reaction.click();
    await page.waitForFunction(
      ([before]) => {
        const thread = document.querySelector('majlis-comments')!.shadowRoot!;
        return thread.querySelector('[part~="reaction"]')?.getAttribute('aria-pressed') !== before;
      },
      [pressedBefore],
    );

    // Vote.
    const poll = page.locator('majlis-poll');
    await poll.locator('input').nth(1).check();
    await poll.locator('[part="vote-button"]').click();
    await poll.locator('[part~="results"], [part~="result"]').first().waitFor();

    // Report a comment by Yusuf, with a reason.
    const target = thread.locator('[part~="comment"]', { hasText: 'سعيد بالانضمام' }).first();
    await target.locator('[part="report-button"]').first().click();
    const dialog = page.locator('majlis-report-button dialog[open]');
    await dialog.waitFor();
    await dialog.locator('input[name="reason"]').nth(1).check();
    await dialog.locator('[part="send-button"]').click();
    await dialog.locator('[role="status"]').waitFor();
    await page.close();
  });

  it('lets a moderator remove the reported spam with a reason, and the thread loses it', async () => {
    const page = await open('/demo/moderation.html?as=omar');
    const queue = page.locator('majlis-moderation-queue');
    const spam = queue.locator('[part~="item"]', { hasText: 'QuickDeals Store' });
    await spam.waitFor();
    await queue.evaluate((el) => el.setAttribute('undo-seconds', '0.2'));
    await spam.getByRole('button', { name: 'Remove…' }).click();
    await queue.locator('[part="reason-form"] textarea').fill('Advertising is not allowed here.');
    // The decision is sent once its undo time is over: the page must stay open until the server has it.
    const decided = page.waitForResponse((r) => r.url().includes('/api/moderation/decisions') && r.request().method() === 'POST');
    await queue.locator('[part="reason-form"] button[type="submit"]').click();
    assert.equal((await decided).status(), 200, 'the server took the decision');
    await queue.locator('#tab-decided').click();
    await queue.locator('[part="audit"] tbody tr', { hasText: 'Advertising is not allowed here.' }).first().waitFor();
    await page.close();

    const reader = await open('/demo/?as=mei');
    const thread = reader.locator('majlis-comments');
    await thread.locator('[part~="comment"]').first().waitFor();
    assert.equal(await thread.locator('[part="body"]', { hasText: 'Get 1000 followers' }).count(), 0, 'the removed spam is gone from the thread');
    await reader.close();
  });

  it('logged no page errors', () => {
    assert.deepEqual(problems, []);
  });
});
