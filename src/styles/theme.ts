import { unsafeCSS, type CSSResult } from 'lit';
import { COLOR_TOKENS, SHAPE_TOKENS, dark, light, type Palette } from './palette.js';

/**
 * Three tiers: the palettes (reference), `--majlis-*` (system: what a page sets, inherited through
 * shadow roots), and private `--_*` copies that each element reads. The private copy lets a page's
 * `--majlis-color-accent` win in every theme while the theme supplies the fallback.
 */
const colorDeclarations = (palette: Palette) => COLOR_TOKENS.map((name) => `--_${name}:var(--majlis-color-${name},${palette[name]});`).join('');

const shapeDeclarations = Object.entries(SHAPE_TOKENS)
  .map(([name, value]) => `--_${name}:var(--majlis-${name},${value});`)
  .join('');

/**
 * Tokens and theme switching, shared by every element. Themes arrive as the `light`/`dark` custom states.
 * Built from the palettes as a string, written compact: it is apart from tokens.ts so that the build
 * can minify the styles there (minify-literals leaves a file that calls unsafeCSS as written).
 */
export const tokenStyles: CSSResult = unsafeCSS(
  `:host{${colorDeclarations(light)}${shapeDeclarations}color-scheme:light}:host(:state(dark)){${colorDeclarations(dark)}color-scheme:dark}`,
);
