import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { readdirSync } from 'node:fs';
import { minifyTemplates } from './scripts/minify-templates.mjs';

/** Prints one plain closing line, `N passed, N failed, N skipped`, so CI and people see what ran. */
function countingReporter() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const walk = (suite) => {
    for (const test of suite.tests ?? []) {
      if (test.skipped) skipped++;
      else if (test.passed) passed++;
      else failed++;
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  return {
    onTestRunFinished({ sessions }) {
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load counts as a failure, never as silence.
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length) failed++;
      }
    },
    async stop() {
      console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
    },
  };
}

/** Serves /__stories__.js: every stories/*.stories.ts, so a new story is tested without a new test. */
function storiesIndexPlugin() {
  return {
    name: 'majlis-stories-index',
    serve(context) {
      if (context.path !== '/__stories__.js') return undefined;
      const files = readdirSync('stories').filter((f) => f.endsWith('.stories.ts')).sort();
      const body = files.map((f, i) => `import * as s${i} from '/stories/${f}';`).join('\n') + `\nexport default { ${files.map((f, i) => `${JSON.stringify(f)}: s${i}`).join(', ')} };\n`;
      return { body, type: 'js' };
    },
  };
}

/** The elements are tested with their templates minified, as every build ships them. */
function minifyTemplatesPlugin() {
  return {
    name: 'majlis-minify-templates',
    async transform(context) {
      if (!context.path.endsWith('.ts')) return undefined;
      const result = await minifyTemplates(context.body, context.path);
      return result ? { body: result.code } : undefined;
    },
  };
}

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development'] },
  // Storybook's preview-api reads process.env; the stories need nothing else from Node.
  testRunnerHtml: (testFramework) => `<html><head><script>window.process = { env: { NODE_ENV: 'test' } };</script></head><body><script type="module" src="${testFramework}"></script></body></html>`,
  plugins: [storiesIndexPlugin(), minifyTemplatesPlugin(), esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'],
      },
    }),
  ],
  // One page at a time: a background page gets no IntersectionObserver callbacks, and lazy elements wait for the viewport.
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter()],
};
