const units = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Formats a byte count with decimal units, as the Docker CLI shows image sizes. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unitIndex = 0;
  // Move up a unit also when rounding would print 1000 or more, as in 999,999 B.
  while (
    unitIndex < units.length - 1 &&
    Number(value.toFixed(digitsFor(value, unitIndex))) >= 1000
  ) {
    value /= 1000;
    unitIndex += 1;
  }
  return `${value.toFixed(digitsFor(value, unitIndex))}${units[unitIndex] ?? 'B'}`;
}

/** Three significant digits, as `1.23MB`, `12.3MB` and `123MB`; whole bytes. */
function digitsFor(value: number, unitIndex: number): number {
  if (unitIndex === 0) {
    return 0;
  }
  const rounded = Number(value.toFixed(2));
  return rounded >= 99.95 ? 0 : rounded >= 9.995 ? 1 : 2;
}
