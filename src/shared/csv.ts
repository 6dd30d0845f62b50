/** Characters that make a spreadsheet read a cell as a formula (and tab/CR, which some apps strip before looking). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: quoted, quotes doubled, and a cell a spreadsheet would run as a formula
 * (`=HYPERLINK(…)`, `+cmd|…`, `-2+3`, `@SUM(…)`) is prefixed with `'` so it stays text (OWASP's advice).
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** Rows to CSV text with CRLF line ends (RFC 4180), a header row first. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Offers text as a file download, from a Blob URL (no data: URL, which strict CSPs refuse). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A byte-order mark, so spreadsheet apps read Arabic names as UTF-8.
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
