import { css, unsafeCSS, type CSSResult } from 'lit';
import { COLOR_TOKENS, SHAPE_TOKENS, dark, light, type Palette } from './palette.js';

/**
 * Three tiers: the palettes (reference), `--majlis-*` (system: what a page sets, inherited through
 * shadow roots), and private `--_*` copies that each element reads. The private copy lets a page's
 * `--majlis-color-accent` win in every theme while the theme supplies the fallback.
 */
function colorDeclarations(palette: Palette): string {
  return COLOR_TOKENS.map((name) => `--_${name}: var(--majlis-color-${name}, ${palette[name]});`).join('\n');
}

const shapeDeclarations = Object.entries(SHAPE_TOKENS)
  .map(([name, value]) => `--_${name}: var(--majlis-${name}, ${value});`)
  .join('\n');

/** Tokens and theme switching, shared by every element. Themes arrive as the `light`/`dark` custom states. */
export const tokenStyles: CSSResult = css`
  :host {
    ${unsafeCSS(colorDeclarations(light))}
    ${unsafeCSS(shapeDeclarations)}
    color-scheme: light;
  }
  :host(:state(dark)) {
    ${unsafeCSS(colorDeclarations(dark))}
    color-scheme: dark;
  }
`;

/** What every element starts from: block display, tokens applied, visible focus, hidden honoured. */
export const baseStyles: CSSResult = css`
  ${tokenStyles}
  :host {
    display: block;
    box-sizing: border-box;
    color: var(--_text);
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
  }
`;
