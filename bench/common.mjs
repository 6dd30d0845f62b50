/**
 * What every benchmark part shares: the browser, the reference server as a child process, the
 * statistics (median and spread) and where results go.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

// Paths here are from the repository's root, wherever the command was started.
process.chdir(fileURLToPath(new URL('..', import.meta.url)));

export const RESULTS = 'bench/results';
/** A mid-range phone, as Lighthouse's mobile preset: the CPU throttled 4× through the DevTools protocol. */
export const CPU_THROTTLING = 4;
export const PHONE_VIEWPORT = { width: 412, height: 915 };
export const BENCH_SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';

export const isMain = (meta) => process.argv[1] !== undefined && meta.url === pathToFileURL(process.argv[1]).href;

export function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...extraArgs],
  });
}

/** Median and spread of repeated measures. */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length, values };
}

/** "12.3 (11.9–13.0)": the median, then min–max. */
export function formatSpread({ median, min, max, n }, digits = 1) {
  const f = (x) => x.toFixed(digits);
  return n > 1 ? `${f(median)} (${f(min)}–${f(max)})` : f(median);
}

export function writeResult(name, result) {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}/${name}.json`, JSON.stringify(result, null, 2));
}

/**
 * Starts `majlis serve` from dist/ on a free port and resolves once it listens.
 * `stop()` ends it and resolves when the process has exited (so its database folder can go).
 */
export async function startServer(args, env = {}) {
  const child = spawn(process.execPath, ['dist/server/cli.js', 'serve', '--port', '0', '--quiet', ...args], {
    env: { ...process.env, MAJLIS_SECRET: BENCH_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s:\n${out}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${out}`)));
  }).catch((error) => {
    child.kill('SIGTERM');
    throw error;
  });
  return {
    url,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident memory of a process in MB (Linux /proc), or null elsewhere. */
export function residentMemoryMB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return null;
  }
}

/** The machine, for the report: figures only compare within one run on one machine. */
export function describeMachine(browserVersion) {
  const cores = cpus();
  let os = `${type()} ${release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) os = `${pretty} (${os})`;
  } catch {
    // not Linux: the kernel name and release will do
  }
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os,
    node: process.version,
    chromium: browserVersion,
  };
}
