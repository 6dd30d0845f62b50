import { css } from 'lit';

export const insightsStyles = css`
  /* Its own surface: a dark card on a light page (or the other way round) stays readable. */
  [part~='not-allowed'] {
    margin: 0;
    border: 1px solid var(--_border);
    background: var(--_surface);
  }
  [part~='base'] {
    display: grid;
    gap: calc(var(--_space) * 2);
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    container-type: inline-size;
  }
  [part~='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space) calc(var(--_space) * 1.5);
  }
  .heading {
    flex: 1 1 16rem;
  }
  h2 {
    margin: 0;
    font-size: 1.25em;
  }
  h3 {
    margin: 0 0 var(--_space);
    font-size: 1em;
  }
  .range,
  dt,
  .detail,
  .note,
  .legend,
  .max,
  .x-axis,
  .none,
  caption {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .range {
    margin: calc(var(--_space) * 0.25) 0 0;
  }
  [part~='export-button'][aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 10rem), 1fr));
    gap: var(--_space);
    margin: 0;
  }
  .figure {
    padding: calc(var(--_space) * 1.25);
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  dd {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) * 0.25) var(--_space);
    margin: calc(var(--_space) * 0.25) 0 0;
  }
  .value {
    font-size: 1.5em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .change {
    font-size: 0.875em;
    font-weight: 600;
    white-space: nowrap;
  }
  .detail {
    flex-basis: 100%;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
    gap: calc(var(--_space) * 1.5);
  }
  .chart {
    display: grid;
    align-content: start;
    gap: var(--_space);
    margin: 0;
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-inline-size: 0;
  }
  .chart.wide {
    grid-column: 1 / -1;
  }
  figcaption {
    font-weight: 700;
  }
  figcaption .note {
    display: block;
    font-weight: 400;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5) calc(var(--_space) * 2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.5);
  }
  .swatch {
    inline-size: 0.875rem;
    block-size: 0.875rem;
    border-radius: 2px;
  }
  .max {
    margin: 0;
  }
  .plot {
    display: block;
    inline-size: 100%;
    block-size: 10rem;
  }
  .grid,
  .axis {
    stroke-width: 1;
    vector-effect: non-scaling-stroke;
  }
  .grid {
    stroke: var(--_border);
    stroke-dasharray: 2 3;
  }
  .axis {
    stroke: var(--_muted);
  }
  .x-axis {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
  }
  rect.series-comments {
    fill: var(--_accent);
  }
  rect.series-reactions {
    fill: var(--_success);
  }
  rect.series-votes {
    fill: var(--_warning);
  }
  rect.series-reports {
    fill: var(--_danger);
  }
  .swatch.series-comments {
    background: var(--_accent);
  }
  .swatch.series-reactions {
    background: var(--_success);
  }
  .swatch.series-votes {
    background: var(--_warning);
  }
  .bars {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .bars li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas: 'label value' 'bar bar';
    align-items: baseline;
    gap: calc(var(--_space) * 0.25) var(--_space);
  }
  .bars .label {
    grid-area: label;
    overflow-wrap: anywhere;
  }
  .bars .value {
    grid-area: value;
    font-size: 1em;
  }
  .bar {
    grid-area: bar;
    display: block;
    inline-size: 100%;
    block-size: 0.625rem;
    border-radius: 2px;
    background: var(--_raised);
  }
  .kind {
    padding: 0 calc(var(--_space) * 0.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
    font-size: 0.75em;
  }
  .none {
    margin: 0;
  }
  summary {
    cursor: pointer;
    color: var(--_accent);
    font-size: 0.875em;
  }
  .scroll {
    overflow-x: auto;
    margin-block-start: var(--_space);
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
    padding: calc(var(--_space) * 0.25) calc(var(--_space) * 0.75);
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  th[scope='row'] {
    overflow-wrap: anywhere;
  }
  td {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  @media (forced-colors: active) {
    rect,
    .swatch {
      forced-color-adjust: none;
      fill: CanvasText;
      background: CanvasText;
    }
  }
  @container (max-width: 30rem) {
    [part~='base'] {
      padding: var(--_space);
    }
    .chart {
      padding: var(--_space);
    }
  }
`;
