import { UsageError } from '../errors.js';
import { parseDuration } from '../format/duration.js';
import { flagValue, isFlagSet, type FlagSpec, type ParsedArgs } from '../parser/parse-args.js';

/** Validated options of `/docker logs`. */
export interface LogsRequest {
  /** A container name, full ID or unique ID prefix. */
  container: string;
  /** Number of lines from the end. */
  tail: number;
  /** Show only lines from this long ago until now, in milliseconds. */
  sinceMs: number | undefined;
  timestamps: boolean;
}

export const defaultTailLines = 100;
export const maxTailLines = 10_000;

export const logsFlags: readonly FlagSpec[] = [
  {
    long: 'tail',
    short: 'n',
    valueName: 'LINES',
    description: `Number of lines to show from the end, 1 to ${maxTailLines.toLocaleString('en-US')}. Default: ${defaultTailLines}.`,
  },
  {
    long: 'since',
    valueName: 'DURATION',
    description: 'Show only lines from this long ago until now, such as 10m or 1h30m.',
  },
  { long: 'timestamps', short: 't', description: 'Start each line with its timestamp.' },
];

/** Container names as the daemon accepts them, and ID prefixes, which are hex digits. */
const containerQueryPattern = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Checks a logs command line. Throws a UsageError naming the bad value. */
export function parseLogsRequest(args: ParsedArgs): LogsRequest {
  const container = args.positionals[0] ?? '';
  if (!containerQueryPattern.test(container)) {
    throw new UsageError(
      container === ''
        ? 'The container name or ID is empty. Give a name, an ID or an ID prefix.'
        : `"${shorten(container)}" is not a container name or ID. /docker ps -a lists them.`,
    );
  }

  return {
    container,
    tail: parseTail(flagValue(args, 'tail')),
    sinceMs: parseSince(flagValue(args, 'since')),
    timestamps: isFlagSet(args, 'timestamps'),
  };
}

function parseTail(text: string | undefined): number {
  if (text === undefined) {
    return defaultTailLines;
  }
  const lines = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(lines) || lines < 1 || lines > maxTailLines) {
    throw new UsageError(
      `"${shorten(text)}" is not a valid --tail. Give a whole number of lines from 1 to ${maxTailLines}.`,
    );
  }
  return lines;
}

function parseSince(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  let sinceMs: number;
  try {
    sinceMs = parseDuration(text);
  } catch (error) {
    if (error instanceof UsageError) {
      throw new UsageError(
        `"${shorten(text)}" is not a valid --since. Give a duration before now, such as 90s, 10m or 1h30m.`,
      );
    }
    throw error;
  }
  if (sinceMs === 0) {
    throw new UsageError('--since must be longer than 0. Give a duration such as 10m.');
  }
  return sinceMs;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
