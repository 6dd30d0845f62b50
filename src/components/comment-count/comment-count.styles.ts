import { css } from 'lit';

export const commentCountStyles = css`
  /* Text that sits inside a line ("Post title · 12 comments"), so inline-block, not block. */
  :host {
    display: inline-block;
    color: var(--majlis-comment-count-color, var(--_muted));
    font-size: var(--majlis-comment-count-font-size, 0.875em);
  }
  [part~='base'] {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
    min-block-size: 1.5em;
  }
  [part~='link'] {
    color: var(--majlis-comment-count-link-color, var(--_accent));
  }
  [part~='loading'] {
    display: inline-block;
    inline-size: 7ch;
    block-size: 1em;
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  [part~='error'] {
    color: var(--_danger);
  }
  [part~='retry-button'] {
    border: none;
    background: none;
    padding: 0;
    color: var(--_accent);
    text-decoration: underline;
    font-size: inherit;
  }
`;
