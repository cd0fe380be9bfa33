import { ConfigError, UsageError } from './errors.js';
import { parseDuration } from './format/duration.js';

export type Environment = Record<string, string | undefined>;

/** The trimmed value of a variable, or undefined when it is unset or empty. */
export function readOptional(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function readBoolean(env: Environment, name: string, fallback: boolean): boolean {
  const text = readOptional(env, name)?.toLowerCase();
  if (text === undefined) {
    return fallback;
  }
  if (text === 'true' || text === 'false') {
    return text === 'true';
  }
  throw new ConfigError(name, `"${text}" is not a boolean. Set true or false.`);
}

export function readInteger(
  env: Environment,
  name: string,
  fallback: number,
  range: { min: number; max: number; unit?: string },
): number {
  const text = readOptional(env, name);
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  const unit = range.unit === undefined ? '' : ` (${range.unit})`;
  if (!/^\d+$/.test(text)) {
    throw new ConfigError(
      name,
      `"${text}" is not a whole number. Set a number from ${range.min} to ${range.max}${unit}.`,
    );
  }
  if (value < range.min || value > range.max) {
    throw new ConfigError(
      name,
      `"${text}" is out of range. Set a whole number from ${range.min} to ${range.max}${unit}.`,
    );
  }
  return value;
}

/** Reads a duration such as `90s`, `5m` or `1h30m` into milliseconds; zero is rejected. */
export function readDuration(env: Environment, name: string, fallback: string): number {
  const text = readOptional(env, name) ?? fallback;
  try {
    const milliseconds = parseDuration(text);
    if (milliseconds > 0) {
      return milliseconds;
    }
  } catch (error) {
    if (!(error instanceof UsageError)) {
      throw error;
    }
  }
  throw new ConfigError(
    name,
    `"${text}" is not a positive duration. Set a value such as 90s or 5m.`,
  );
}

/** Reads a comma-separated list, trimming entries and dropping empty ones. */
export function readList(env: Environment, name: string, fallback: string): string[] {
  return (readOptional(env, name) ?? fallback)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

const slackIdPattern = /^[UW][A-Z0-9]{2,}$/;

/** Reads a list of Slack user IDs (U… or W…). */
export function readUserIds(env: Environment, name: string): string[] {
  const ids = readList(env, name, '');
  for (const id of ids) {
    if (!slackIdPattern.test(id)) {
      throw new ConfigError(
        name,
        `"${id}" is not a Slack user ID. List IDs such as U012AB3CD, separated by commas (profile > ⋮ > Copy member ID).`,
      );
    }
  }
  return ids;
}
