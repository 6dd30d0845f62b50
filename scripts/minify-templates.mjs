/**
 * Minifies the markup and styles inside Lit's `html` and `css` templates of src/ for every build
 * (dist/, dist/cdn/), the size check, the render bench and the browser tests, so that what is weighed
 * and tested is what ships. esbuild minifies JavaScript but leaves template text as written: every
 * newline and indent of the components' templates and styles was shipped to visitors.
 * minify-literals does the work (html-minifier-next and Lightning CSS).
 *
 * Its options are set for Lit templates, where markup is also behaviour:
 * - `removeEmptyAttributes: false`: `<option value="">` must keep its empty value (without it the
 *   option's value is its text) and `alt=""` marks an image as decorative.
 * - `conservativeCollapse`: a run of whitespace becomes one space, never none, so text beside a
 *   binding (`· ${date}`) keeps its spaces; the browser collapses whitespace the same way.
 * - `decodeEntities: false`: an entity such as `&#96;` decoded into a template literal would end it.
 * - Lightning CSS targets the browsers that have custom states (`:state()`), which the elements need.
 * minify-literals leaves a whole file as written when the word unsafeCSS (or unsafeHTML) appears in
 * it, even in a comment: the build stops on such a file, so that code goes in a file of its own.
 */
import { readFile } from 'node:fs/promises';
import { minifyHTMLLiterals } from 'minify-literals';

const version = (major, minor = 0) => (major << 16) | (minor << 8);
const TARGETS = { chrome: version(125), edge: version(125), firefox: version(126), safari: version(17, 4), ios_saf: version(17, 4) };

const OPTIONS = {
  html: {
    removeEmptyAttributes: false,
    conservativeCollapse: true,
    decodeEntities: false,
    minifyJS: false,
  },
  css: { minify: true, targets: TARGETS },
};

/** Only this repository's browser modules hold Lit templates; the server's and tests' are left alone. */
const TEMPLATE_SOURCES = /[\\/]src[\\/](components|shared|styles)[\\/].*\.ts$/;

export async function minifyTemplates(code, id) {
  if (!TEMPLATE_SOURCES.test(id) || !/\b(html|css)`/.test(code)) return null;
  // minify-literals would leave the whole file as written, with only a warning: say so instead.
  const unsafe = /\bunsafe(CSS|HTML)\b/.exec(code);
  if (unsafe) throw new Error(`${id}: the word ${unsafe[0]} keeps minify-literals from minifying this file's templates; move that code to a file of its own (as styles/theme.ts).`);
  return minifyHTMLLiterals(code, { ...OPTIONS, fileName: id });
}

/** For rollup, before esbuild turns the TypeScript into JavaScript. */
export function rollupMinifyTemplates() {
  return {
    name: 'majlis-minify-templates',
    async transform(code, id) {
      const result = await minifyTemplates(code, id);
      return result && { code: result.code, map: result.map };
    },
  };
}

/** For esbuild's build API (the size check), the same transform on load. */
export function esbuildMinifyTemplates() {
  return {
    name: 'majlis-minify-templates',
    setup(build) {
      build.onLoad({ filter: TEMPLATE_SOURCES }, async ({ path }) => {
        const code = await readFile(path, 'utf8');
        const result = await minifyTemplates(code, path);
        return { contents: result?.code ?? code, loader: 'ts' };
      });
    },
  };
}
