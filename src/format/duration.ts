import { UsageError } from '../errors.js';

const unitMilliseconds: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go-style duration such as `90s`, `10m` or `1h30m` into
 * milliseconds, the form the Docker CLI accepts for `--timeout` and `--since`.
 */
export function parseDuration(text: string): number {
  const pattern = /(\d+)(ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;

  for (const match of text.matchAll(pattern)) {
    const [whole, amount, unit] = match;
    total += Number(amount) * (unitMilliseconds[unit ?? ''] ?? 0);
    consumed += whole.length;
  }

  if (text.length === 0 || consumed !== text.length) {
    throw new UsageError(
      `"${text}" is not a valid duration. Use a number with a unit, for example 90s, 10m or 1h30m.`,
    );
  }
  return total;
}

/** Formats milliseconds as a short human duration: `850ms`, `42s`, `3m 05s`, `2h 10m`. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1_000) {
    return `${Math.round(milliseconds)}ms`;
  }
  const seconds = Math.round(milliseconds / 1_000);
  if (seconds < 60) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  }
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** Formats the age of something created at `createdAt`, as `docker ps` does: `5 minutes ago`. */
export function formatAge(createdAt: Date, now: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / 1_000));
  const steps: [number, string][] = [
    [365 * 86_400, 'year'],
    [30 * 86_400, 'month'],
    [7 * 86_400, 'week'],
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];

  for (const [size, unit] of steps) {
    const count = Math.floor(seconds / size);
    if (count >= 1) {
      return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
    }
  }
  return 'less than a minute ago';
}
