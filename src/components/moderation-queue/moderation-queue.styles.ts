import { css } from 'lit';

export const moderationQueueStyles = css`
  [part~='base'] {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    container-type: inline-size;
  }
  h2 {
    margin: 0;
    font-size: 1.25em;
  }
  h3 {
    margin: 0;
    font-size: 1em;
    flex: 1 1 auto;
  }
  [part~='tabs'] {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    border-block-end: 1px solid var(--_border);
  }
  [part~='tab'] {
    border: none;
    border-block-end: 3px solid transparent;
    background: none;
    padding: var(--_space) calc(var(--_space) * 1.5);
    color: var(--_muted);
  }
  [part~='tab'][aria-selected='true'] {
    border-block-end-color: var(--_accent);
    color: var(--_text);
    font-weight: 700;
  }
  [part~='panel'] {
    display: grid;
    gap: var(--_space);
  }
  .keys,
  .meta,
  .author,
  .label,
  caption {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .keys {
    margin: 0;
  }
  .toolbar,
  .actions,
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space);
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }
  .items {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part~='item'] {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  [part~='item']:focus-visible {
    outline: var(--_focus-ring-width) solid var(--_focus);
    outline-offset: 2px;
  }
  [part~='item-selected'] {
    border-color: var(--_accent);
    background: var(--_accent-soft);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .meta {
    display: inline-flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .score,
  .held {
    font-weight: 600;
    color: var(--_text);
  }
  .body {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .parent {
    margin: 0 0 var(--_space);
    padding-inline-start: var(--_space);
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
  }
  .parent .body {
    display: inline;
  }
  .author {
    margin: 0;
  }
  .reports ul {
    margin: calc(var(--_space) * 0.5) 0 0;
    padding-inline-start: calc(var(--_space) * 2);
  }
  .reports .note {
    display: block;
    color: var(--_muted);
  }
  .danger {
    color: var(--_danger);
  }
  .primary.danger {
    background: var(--_danger);
    color: var(--_on-accent);
  }
  .reason {
    display: grid;
    gap: var(--_space);
  }
  .reason label,
  .filters label {
    display: grid;
    gap: calc(var(--_space) * 0.25);
  }
  .filters .grow {
    flex: 1 1 12rem;
  }
  .error {
    margin: 0;
    color: var(--_danger);
    font-weight: 600;
  }
  .more {
    justify-self: center;
  }
  .scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    color: inherit;
    font: inherit;
  }
  caption {
    text-align: start;
    padding-block-end: calc(var(--_space) * 0.5);
  }
  th,
  td {
    padding: calc(var(--_space) * 0.5) var(--_space);
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  td:last-child {
    overflow-wrap: anywhere;
    min-inline-size: 10rem;
  }
  td time {
    white-space: nowrap;
  }
  [part~='toast'] {
    position: sticky;
    inset-block-end: var(--_space);
    display: flex;
    align-items: center;
    gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_text);
    color: var(--_surface);
  }
  [part~='toast'].idle {
    padding: 0;
  }
  [part~='toast'] button {
    margin-inline-start: auto;
  }
  @container (max-width: 30rem) {
    [part~='base'] {
      padding: var(--_space);
    }
    .filters > * {
      flex: 1 1 100%;
    }
  }
`;
