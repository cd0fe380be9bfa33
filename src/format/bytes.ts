const units = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Formats a byte count with decimal units, as the Docker CLI shows image sizes. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unitIndex = 0;
  while (value >= 1000 && unitIndex < units.length - 1) {
    value /= 1000;
    unitIndex += 1;
  }
  const digits = unitIndex === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${units[unitIndex] ?? 'B'}`;
}
