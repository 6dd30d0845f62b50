/** Explicit src/ globs: without them the analyzer crawls node_modules for many minutes. */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/testing/**', 'src/engine/**', 'src/adapters/**'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
