import { css } from 'lit';

export const leaderboardStyles = css`
  :host {
    --_avatar: 1.75rem;
  }
  [part~='base'] {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    /* Pages in quirks mode do not let tables inherit colour and font. */
    color: inherit;
    font: inherit;
  }
  caption {
    text-align: start;
    font-weight: 700;
    font-size: 1.125em;
    padding-block-end: var(--_space);
  }
  th,
  td {
    padding: calc(var(--_space) * 0.75) var(--_space);
    text-align: start;
    border-block-end: 1px solid color-mix(in srgb, var(--_border) 50%, transparent);
  }
  th {
    color: var(--_muted);
    font-size: 0.8125em;
    font-weight: 600;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .who {
    display: flex;
    align-items: center;
    gap: var(--_space);
    min-inline-size: 0;
  }
  .who bdi {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-inline-size: 20ch;
  }
  tr.me {
    background: var(--_accent-soft);
  }
  tr.gap td {
    text-align: center;
    color: var(--_muted);
  }
  .up {
    color: var(--_success);
  }
  .down {
    color: var(--_danger);
  }
  .same,
  .new {
    color: var(--_muted);
  }
  /* Phones: tighter cells and shorter names, so the table fits the card. */
  @container (max-width: 26rem) {
    th,
    td {
      padding-inline: calc(var(--_space) * 0.5);
    }
    .who bdi {
      max-inline-size: 10ch;
    }
    .who .avatar {
      display: none;
    }
  }
  [part~='base'] {
    container-type: inline-size;
  }
`;
