import { css } from 'lit';

export const memberStyles = css`
  :host {
    display: inline-block;
    --_avatar: var(--majlis-member-avatar-size, 2rem);
    max-inline-size: 100%;
  }
  :host([size='small']) {
    --_avatar: var(--majlis-member-avatar-size, 1.5rem);
    font-size: 0.875em;
  }
  :host([size='large']) {
    --_avatar: var(--majlis-member-avatar-size, 3rem);
    font-size: 1.125em;
  }
  [part~='base'] {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: var(--_space);
    max-inline-size: 100%;
    border-radius: var(--_radius);
  }
  .text {
    display: grid;
    min-inline-size: 0;
  }
  /* As wide as a chip with a badge: chips in a line of text wrap as they will once loaded. */
  .loading .text {
    inline-size: 26ch;
  }
  [part~='name'] {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-inline-size: var(--majlis-member-name-max, 24ch);
  }
  .details {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    color: var(--_muted);
    font-size: 0.8125em;
  }
  :host([compact]) .details {
    display: none;
  }
  [part~='role'] {
    padding: 0 0.5em;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  [part~='tooltip'] {
    position: absolute;
    inset-block-start: calc(100% + var(--_space) * 0.5);
    inset-inline-start: 0;
    z-index: 1;
    inline-size: max-content;
    max-inline-size: 18rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.875em;
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.2);
  }
  [part~='tooltip'][hidden] {
    display: none;
  }
  .missing {
    color: var(--_muted);
  }
`;
