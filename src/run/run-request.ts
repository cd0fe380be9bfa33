import { parseImageReference } from '../docker/reference.js';
import { UsageError } from '../errors.js';
import { formatDuration, parseDuration } from '../format/duration.js';
import {
  flagValue,
  flagValues,
  isFlagSet,
  type FlagSpec,
  type ParsedArgs,
} from '../parser/parse-args.js';
import { formatCpus, parseNanoCpus } from './cpus.js';
import { formatMemorySize, minMemoryBytes, parseMemorySize } from './memory-size.js';
import type { RunConfig } from './run-config.js';

/** Everything a run needs from the command line, validated against the operator's limits. */
export interface RunRequest {
  /** The image reference as given; it must already exist on the daemon. */
  image: string;
  /** Command and arguments; empty runs the image's default command. */
  command: readonly string[];
  detach: boolean;
  name: string | undefined;
  /** Environment variables from `-e`; their values are secrets and go nowhere but to the daemon. */
  env: ReadonlyMap<string, string>;
  /** Remove the container when it exits. */
  remove: boolean;
  memoryBytes: number;
  nanoCpus: number;
  timeoutMs: number;
}

export const runFlags: readonly FlagSpec[] = [
  {
    long: 'detach',
    short: 'd',
    description: 'Run in the background, and post in the thread when the container exits.',
  },
  {
    long: 'name',
    valueName: 'NAME',
    description: 'Name the container: letters, digits and "_", "." or "-", at least 2 characters.',
  },
  {
    long: 'env',
    short: 'e',
    valueName: 'KEY=VALUE',
    repeatable: true,
    description:
      'Set an environment variable; repeat for several. Values are never shown or logged, and are masked in output.',
  },
  { long: 'rm', description: 'Remove the container when it exits.' },
  {
    long: 'memory',
    short: 'm',
    valueName: 'BYTES',
    description:
      'Memory limit with a unit b, k, m or g, such as 512m; at least 6m. No swap is added. The operator sets the default and maximum.',
  },
  {
    long: 'cpus',
    valueName: 'NUMBER',
    description:
      'Number of CPUs the container may use, such as 1 or 0.5. The operator sets the default and maximum.',
  },
  {
    long: 'timeout',
    valueName: 'DURATION',
    description:
      'Stop the container after this long, such as 90s, 10m or 1h. The operator sets the default and maximum.',
  },
];

/** Docker's container name grammar (validNamePattern in the Docker daemon). */
const containerNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** Environment variable names as shells accept them. */
const envKeyPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const maxEnvVariables = 50;

/**
 * Checks a run command line against the operator's limits. Throws a
 * UsageError naming the bad value and the limit. It never echoes a `-e`
 * value, nor a `-e` key, because a secret may have been pasted there.
 */
export function parseRunRequest(args: ParsedArgs, config: RunConfig): RunRequest {
  const [image = '', ...command] = args.positionals;
  parseImageReference(image, 'image reference');
  if (command[0] === '') {
    throw new UsageError(
      'The command after the image is an empty word. Give a command, or leave it out to run the image default.',
    );
  }

  return {
    image,
    command,
    detach: isFlagSet(args, 'detach'),
    name: parseContainerName(flagValue(args, 'name')),
    env: parseEnv(flagValues(args, 'env')),
    remove: isFlagSet(args, 'rm'),
    memoryBytes: parseMemoryFlag(flagValue(args, 'memory'), config),
    nanoCpus: parseCpusFlag(flagValue(args, 'cpus'), config),
    timeoutMs: parseTimeoutFlag(flagValue(args, 'timeout'), config),
  };
}

function parseContainerName(text: string | undefined): string | undefined {
  if (text !== undefined && !containerNamePattern.test(text)) {
    throw new UsageError(
      `"${shorten(text)}" is not a valid container name for --name. Use at least 2 letters, digits, "_", "." or "-", starting with a letter or digit.`,
    );
  }
  return text;
}

function parseEnv(values: readonly string[]): Map<string, string> {
  if (values.length > maxEnvVariables) {
    throw new UsageError(`At most ${maxEnvVariables} -e variables can be given.`);
  }

  const env = new Map<string, string>();
  values.forEach((value, index) => {
    const separator = value.indexOf('=');
    if (separator === -1) {
      throw new UsageError(
        `-e needs KEY=VALUE, but variable ${index + 1} has no "=". Slashdock never passes values from its own environment, so give the value as well.`,
      );
    }
    if (!envKeyPattern.test(value.slice(0, separator))) {
      throw new UsageError(
        `-e needs KEY=VALUE where KEY is letters, digits and "_", not starting with a digit; the key of variable ${index + 1} is not.`,
      );
    }
    env.set(value.slice(0, separator), value.slice(separator + 1));
  });
  return env;
}

function parseMemoryFlag(text: string | undefined, config: RunConfig): number {
  if (text === undefined) {
    return config.defaultMemoryBytes;
  }

  const bytes = parseMemorySize(text);
  if (bytes === undefined) {
    throw new UsageError(
      `"${shorten(text)}" is not a valid --memory value. Use a number with a unit b, k, m or g, such as 512m or 1g.`,
    );
  }
  if (bytes < minMemoryBytes) {
    throw new UsageError(
      `--memory ${shorten(text)} is below the Docker minimum of ${formatMemorySize(minMemoryBytes)}. Give 6m or more.`,
    );
  }
  if (bytes > config.maxMemoryBytes) {
    throw new UsageError(
      `--memory ${shorten(text)} is above the maximum of ${formatMemorySize(config.maxMemoryBytes)} that the operator allows.`,
    );
  }
  return bytes;
}

function parseCpusFlag(text: string | undefined, config: RunConfig): number {
  if (text === undefined) {
    return config.defaultNanoCpus;
  }

  const nanoCpus = parseNanoCpus(text);
  if (nanoCpus === undefined || nanoCpus === 0) {
    throw new UsageError(
      `"${shorten(text)}" is not a valid --cpus value. Use a number above 0 with at most 9 decimals, such as 1 or 0.5.`,
    );
  }
  if (nanoCpus > config.maxNanoCpus) {
    throw new UsageError(
      `--cpus ${shorten(text)} is above the maximum of ${formatCpus(config.maxNanoCpus)} that the operator allows.`,
    );
  }
  return nanoCpus;
}

function parseTimeoutFlag(text: string | undefined, config: RunConfig): number {
  if (text === undefined) {
    return config.defaultTimeoutMs;
  }

  let timeoutMs: number;
  try {
    timeoutMs = parseDuration(text);
  } catch (error) {
    if (error instanceof UsageError) {
      throw new UsageError(
        `"${shorten(text)}" is not a valid --timeout. Use a positive number with a unit, such as 90s, 10m or 1h30m.`,
      );
    }
    throw error;
  }
  if (timeoutMs === 0) {
    throw new UsageError('--timeout must be longer than 0. Give a duration such as 90s or 10m.');
  }
  if (timeoutMs > config.maxTimeoutMs) {
    throw new UsageError(
      `--timeout ${shorten(text)} is above the maximum of ${formatDuration(config.maxTimeoutMs)} that the operator allows.`,
    );
  }
  return timeoutMs;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
