/**
 * A plain-text table: left-aligned columns separated by two spaces, no trailing
 * spaces, so it reads well in a terminal and greps cleanly.
 */
export function formatTable(headers: string[], rows: string[][]): string {
  return formatRows([headers, ...rows]);
}

/** Label/value lines (`Email      ada@example.com`): a table without a header. */
export function formatPairs(pairs: [string, string][]): string {
  return formatRows(pairs);
}

function formatRows(rows: string[][]): string {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const cells = rows.map((row) => Array.from({ length: columns }, (_, i) => clean(row[i] ?? '')));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...cells.map((row) => width(row[i]!))));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell))))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Newlines and tabs would break the columns. */
function clean(cell: string): string {
  return cell.replace(/[\r\n\t]+/g, ' ');
}

/** Counts code points rather than UTF-16 units (characters outside the BMP are one, not two). */
function width(text: string): number {
  return [...text].length;
}
