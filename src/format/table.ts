/**
 * Renders rows as a fixed-width text table with columns padded to their
 * widest cell, for a Slack code block or a terminal.
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );

  const renderRow = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('   ')
      .trimEnd();

  return [renderRow(headers), ...rows.map(renderRow)].join('\n');
}
