import { css } from 'lit';

export const reportButtonStyles = css`
  :host {
    display: inline-block;
  }
  [part~='button'][aria-disabled='true'] {
    color: var(--_muted);
    text-decoration: none;
    cursor: default;
  }
  dialog {
    inline-size: min(32rem, calc(100vw - 2rem));
    max-block-size: calc(100vh - 2rem);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  form {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  h2 {
    margin: 0;
    font-size: 1.125em;
  }
  p {
    margin: 0;
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: calc(var(--_space) * 0.5);
  }
  .reason {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 var(--_space);
    align-items: start;
    padding: calc(var(--_space) * 0.5);
    border-radius: calc(var(--_radius) * 0.5);
  }
  .reason:has(input:checked) {
    background: var(--_accent-soft);
  }
  .reason small {
    grid-column: 2;
    color: var(--_muted);
  }
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    min-block-size: 4rem;
    inline-size: 100%;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .problem {
    color: var(--_danger);
  }
  [part~='status'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  a {
    color: var(--_accent);
  }
`;
