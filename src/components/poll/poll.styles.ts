import { css } from 'lit';

export const pollStyles = css`
  :host {
    --_bar: var(--majlis-poll-bar-color, var(--_accent));
    --_track: var(--majlis-poll-track-color, var(--_raised));
  }
  [part~='base'] {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  fieldset {
    border: none;
    margin: 0;
    padding: 0;
    min-inline-size: 0;
    display: grid;
    gap: var(--_space);
  }
  legend {
    font-weight: 700;
    font-size: 1.125em;
    margin-block-end: var(--_space);
    padding: 0;
  }
  .option {
    display: flex;
    align-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 0.75) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .option:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_accent-soft);
  }
  .option input {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    accent-color: var(--_accent);
    margin: 0;
  }
  ol.results {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .result {
    display: grid;
    gap: calc(var(--_space) * 0.5);
  }
  .result-head {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
  }
  .mine {
    font-weight: 700;
  }
  .bar {
    block-size: 0.5rem;
    border-radius: 999px;
    background: var(--_track);
    overflow: hidden;
  }
  .bar > span {
    display: block;
    block-size: 100%;
    inline-size: var(--_pct, 0%);
    background: var(--_bar);
    border-radius: inherit;
  }
  .meta,
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .problem {
    color: var(--_danger);
    margin: 0;
  }
`;
