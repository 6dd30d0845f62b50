import { css } from 'lit';

export const commentsStyles = css`
  :host {
    /* Density scales the space inside and between comments: 0.75 compact, 1 default, 1.25 airy. */
    --_density: var(--majlis-comments-density, 1);
    --_gap: var(--majlis-comments-gap, calc(var(--_space) * 2 * var(--_density)));
    --_indent: var(--majlis-comments-indent, calc(var(--_space) * 3));
    --_avatar: var(--majlis-comments-avatar-size, 2rem);
  }
  [part~='base'] {
    display: grid;
    gap: var(--_gap);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    border-block-end: 1px solid var(--_border);
    padding-block-end: var(--_space);
  }
  .count {
    margin: 0;
    font-size: 1.125em;
  }
  .sort {
    display: inline-flex;
    align-items: center;
    gap: var(--_space);
    color: var(--_muted);
    font-size: 0.875em;
  }
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.5) var(--_space);
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_gap);
  }
  .replies {
    margin-block-start: var(--_gap);
    padding-inline-start: var(--_indent);
    border-inline-start: 2px solid var(--_border);
  }
  article {
    display: grid;
    gap: calc(var(--_space) * 0.75 * var(--_density));
    padding: calc(var(--_space) * 1.5 * var(--_density));
    border-radius: var(--_radius);
    background: var(--_surface);
    border: 1px solid color-mix(in srgb, var(--_border) 45%, transparent);
  }
  article.featured {
    background: var(--majlis-comments-featured-background, var(--_accent-soft));
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .author {
    display: inline-flex;
    align-items: center;
    gap: var(--_space);
    min-inline-size: 0;
  }
  .name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-inline-size: 20ch;
  }
  .role {
    font-size: 0.75em;
    padding: 0.1em 0.5em;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .meta,
  .reply-to,
  .placeholder,
  .notice,
  .closed {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0;
  }
  .featured-mark {
    color: var(--_text);
    font-weight: 600;
  }
  .notice {
    border-inline-start: 3px solid var(--_warning);
    padding-inline-start: var(--_space);
  }
  .body {
    overflow-wrap: anywhere;
  }
  .body > :last-child {
    margin-block-end: 0;
  }
  .reactions,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
  .actions {
    column-gap: calc(var(--_space) * 2);
  }
  .reaction {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
    min-block-size: 2rem;
    min-inline-size: 2.5rem;
    padding-inline: var(--_space);
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface);
    line-height: 1;
  }
  .reaction[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent-soft);
  }
  .n {
    font-size: 0.875em;
  }
  .edited {
    border: none;
    background: none;
    padding: 0;
    color: inherit;
    font-size: inherit;
    text-decoration: underline dotted;
  }
  .history {
    border-inline-start: 3px solid var(--_border);
    padding-inline-start: var(--_space);
    color: var(--_muted);
    font-size: 0.875em;
  }
  .rev-time {
    margin: 0;
    font-weight: 600;
  }
  .confirm {
    align-items: center;
  }
  .danger {
    border: none;
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.5) calc(var(--_space) * 1.5);
    font-weight: 600;
    background: var(--_danger);
    color: var(--_surface);
  }
  .sign-in {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  .sign-in p {
    margin: 0;
  }
  .count:focus {
    outline: none;
  }
  [part~='load-more'] {
    justify-self: center;
  }
  .banner {
    justify-self: center;
    border: none;
    border-radius: 999px;
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 2);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  @media (max-width: 30rem) {
    :host {
      --_indent: calc(var(--_space) * 1.5);
    }
    article {
      padding: var(--_space);
    }
  }
`;
