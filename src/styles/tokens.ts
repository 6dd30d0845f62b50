import { css, type CSSResult } from 'lit';
import { tokenStyles } from './theme.js';

export { tokenStyles };

/**
 * What every element starts from: block display, tokens applied, visible focus, hidden honoured.
 * The tokens come last: the minifier reads a binding as an unknown rule and leaves what follows it as written.
 */
export const baseStyles: CSSResult = css`
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
  ${tokenStyles}
`;
