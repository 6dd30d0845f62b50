import { html, nothing, svg, type TemplateResult } from 'lit';

/**
 * The insights charts: hand-drawn SVG sized by its viewBox and coloured by the theme's tokens (the
 * `series-*` classes in insights.styles.ts). Each chart is a <figure> with a <figcaption>, an SVG
 * whose <title> says in words what it shows, and the numbers as a table in a <details>.
 */

/** The fields of T that hold numbers. */
type NumberKey<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T] & string;

export interface Series<T> {
  key: NumberKey<T>;
  label: string;
  /** `series-comments`, `series-reactions`, … */
  className: string;
}

/** One bar per day, its series stacked. Time runs with the reading direction: right to left in RTL, as the axis labels below it do. */
export function dailyChart<T>(options: {
  id: string;
  caption: string;
  summary: string;
  days: readonly T[];
  series: readonly Series<T>[];
  /** What a mouse user reads on hovering a day. */
  dayTitle: (day: T) => string;
  axis: readonly [string, string, string];
  maxLabel: string;
  rtl: boolean;
  table: TemplateResult;
  tableLabel: string;
}): TemplateResult {
  const { days, series, rtl } = options;
  const value = (day: T, key: NumberKey<T>) => day[key] as number;
  const max = Math.max(1, ...days.map((day) => series.reduce((sum, s) => sum + value(day, s.key), 0)));
  const step = 10;
  const bars = days.map((day, i) => {
    const x = (rtl ? days.length - 1 - i : i) * step + 1;
    let top = 100;
    return svg`<g><title>${options.dayTitle(day)}</title>${series.map((s) => {
      const height = (value(day, s.key) / max) * 100;
      top -= height;
      return height > 0 ? svg`<rect class=${s.className} x=${x} y=${top} width=${step - 2} height=${height}></rect>` : nothing;
    })}</g>`;
  });
  return html`<figure part="chart" class="chart wide">
    <figcaption id="${options.id}-caption">${options.caption}</figcaption>
    <ul class="legend" aria-hidden="true">
      ${series.map((s) => html`<li><span class="swatch ${s.className}"></span>${s.label}</li>`)}
    </ul>
    <p class="max" aria-hidden="true">${options.maxLabel}</p>
    <svg class="plot" role="img" aria-labelledby="${options.id}-title" viewBox="0 0 ${days.length * step} 100" preserveAspectRatio="none">
      <title id="${options.id}-title">${options.summary}</title>
      <line class="grid" x1="0" x2=${days.length * step} y1="0.5" y2="0.5"></line>
      <line class="grid" x1="0" x2=${days.length * step} y1="50" y2="50"></line>
      <line class="axis" x1="0" x2=${days.length * step} y1="99.5" y2="99.5"></line>
      ${bars}
    </svg>
    <div class="x-axis" aria-hidden="true">${options.axis.map((label) => html`<span>${label}</span>`)}</div>
    ${tableDetails(options.tableLabel, options.caption, options.table)}
  </figure>`;
}

export interface BarRow {
  label: unknown;
  value: number;
  shown: string;
}

/** Horizontal bars growing from the inline start (the right in RTL): a list a screen reader reads as label and number. */
export function barChart(options: { id: string; caption: string; note?: string; rows: readonly BarRow[]; className: string; rtl: boolean; none: string; table: TemplateResult; tableLabel: string }): TemplateResult {
  const { rows, rtl } = options;
  const max = Math.max(1, ...rows.map((r) => r.value));
  return html`<figure part="chart" class="chart">
    <figcaption id="${options.id}-caption">${options.caption}${options.note ? html`<span class="note">${options.note}</span>` : nothing}</figcaption>
    ${rows.length
      ? html`<ol class="bars">
            ${rows.map((row) => {
              const width = Math.max(1, (row.value / max) * 100);
              return html`<li>
                <span class="label">${row.label}</span>
                <svg class="bar" aria-hidden="true" viewBox="0 0 100 10" preserveAspectRatio="none"><rect class=${options.className} x=${rtl ? 100 - width : 0} y="0" width=${width} height="10"></rect></svg>
                <span class="value">${row.shown}</span>
              </li>`;
            })}
          </ol>
          ${tableDetails(options.tableLabel, options.caption, options.table)}`
      : html`<p class="none">${options.none}</p>`}
  </figure>`;
}

/** A table of numbers: a header row, and each row led by its name. */
export function numbersTable(caption: string, head: readonly string[], rows: readonly (readonly unknown[])[]): TemplateResult {
  return html`<table part="table">
    <caption>${caption}</caption>
    <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody>
  </table>`;
}

/** Closed by default; a wide table scrolls inside a region (named as its chart) that takes keyboard focus. */
function tableDetails(summary: string, name: string, table: TemplateResult): TemplateResult {
  return html`<details class="numbers"><summary>${summary}</summary><div class="scroll" tabindex="0" role="region" aria-label=${name}>${table}</div></details>`;
}
