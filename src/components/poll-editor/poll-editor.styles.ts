import { css } from 'lit';

export const pollEditorStyles = css`
  form {
    display: grid;
    gap: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  h2 {
    margin: 0;
    font-size: 1.125em;
  }
  label,
  fieldset {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    /* Browsers give fieldsets min-content width, which overflows a phone screen. */
    min-inline-size: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
    margin-block-end: calc(var(--_space) * 0.5);
  }
  .label {
    font-weight: 600;
  }
  input[type='text'],
  input[type='number'],
  input[type='datetime-local'],
  select {
    min-inline-size: 0;
    max-inline-size: 100%;
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75);
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .row {
    display: flex;
    gap: calc(var(--_space) * 0.5);
    align-items: center;
  }
  .row {
    min-inline-size: 0;
  }
  .row input {
    flex: 1 1 0;
    inline-size: 0;
    min-inline-size: 0;
  }
  .icon {
    min-inline-size: 2.25rem;
    min-block-size: 2.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .inline {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 2);
  }
  .inline > label {
    flex: 1 1 10rem;
    min-inline-size: 0;
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
  .error {
    color: var(--_danger);
    font-size: 0.875em;
    margin: 0;
  }
`;
