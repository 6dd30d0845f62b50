import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { rollupMinifyTemplates } from './scripts/minify-templates.mjs';

/**
 * The builds:
 * - dist/: ESM for npm, one file per source module (tree-shakable), Lit (and zod, HttpAdapter's
 *   validator) left to the app's bundler.
 * - dist/cdn/: one minified file for a plain <script type="module">, Lit bundled. The demo community
 *   (LocalAdapter + engine) is a lazy chunk beside it, loaded only when no adapter is configured.
 * - dist/server/: the reference server and the `majlis` command, for Node, built with dist/ in one
 *   graph: every package import is left to node_modules, and a shared module keeps all its exports.
 */
const entries = {
  index: 'src/index.ts',
  'define/community': 'src/define/community.ts',
  'define/comment-count': 'src/define/comment-count.ts',
  'define/comments': 'src/define/comments.ts',
  'define/poll': 'src/define/poll.ts',
  'define/member': 'src/define/member.ts',
  'define/leaderboard': 'src/define/leaderboard.ts',
  'define/badges': 'src/define/badges.ts',
  'define/report-button': 'src/define/report-button.ts',
  'define/poll-editor': 'src/define/poll-editor.ts',
  'define/moderation-queue': 'src/define/moderation-queue.ts',
  'define/insights': 'src/define/insights.ts',
  'core/index': 'src/core/index.ts',
  'engine/index': 'src/engine/index.ts',
  'adapters/local/index': 'src/adapters/local/index.ts',
  'adapters/http/index': 'src/adapters/http/index.ts',
  'testing/index': 'src/testing/index.ts',
  'i18n/index': 'src/i18n/index.ts',
  'events/index': 'src/events/index.ts',
  // The reference server and its command line (bin: majlis), for Node 20+. In the same build as the
  // browser modules, so a module both use is one file with every export either needs.
  'server/index': 'src/server/index.ts',
  'server/cli': 'src/server/cli.ts',
};

/** Node's built-ins and every package (lit, zod, hono…): the per-module build holds only this repository's modules. */
const packageExternal = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[A-Za-z]:[\\/]/.test(id);

export default [
  {
    input: entries,
    external: packageExternal,
    plugins: [rollupMinifyTemplates(), esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist', format: 'esm', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
  },
  {
    input: { 'majlis.min': 'src/cdn.ts' },
    // Lets shared code live in the entry file itself (not a facade over an 'index' chunk); lazy chunks import from it.
    preserveEntrySignatures: 'allow-extension',
    plugins: [nodeResolve({ exportConditions: ['production'] }), rollupMinifyTemplates(), esbuild({ target: 'es2022', minify: true, charset: 'utf8', tsconfig: 'tsconfig.json', legalComments: 'none' })],
    output: { dir: 'dist/cdn', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  },
  // Moderators' elements: separate self-contained files, loaded only on their pages (the context key
  // is a global symbol, so they work beside majlis.min.js).
  {
    input: { 'poll-editor.min': 'src/define/poll-editor.ts', 'moderation-queue.min': 'src/define/moderation-queue.ts', 'insights.min': 'src/define/insights.ts' },
    plugins: [nodeResolve({ exportConditions: ['production'] }), rollupMinifyTemplates(), esbuild({ target: 'es2022', minify: true, charset: 'utf8', tsconfig: 'tsconfig.json', legalComments: 'none' })],
    output: { dir: 'dist/cdn', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/moderators-[name]-[hash].js', sourcemap: true },
  },
];
