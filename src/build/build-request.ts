import path from 'node:path';
import type { Config } from '../config.js';
import { parseBuildTag } from '../docker/reference.js';
import { UsageError } from '../errors.js';
import type { FlagSpec, ParsedArgs } from '../parser/parse-args.js';
import { flagValue, flagValues, isFlagSet } from '../parser/parse-args.js';
import { parseRepoUrl, type RepoSource } from '../git/repo-url.js';

/** Everything a build needs from the command line, validated. */
export interface BuildRequest {
  source: RepoSource;
  /** Tags given with -t, completed with `:latest`; empty means the default `<repo>:<short-sha>`. */
  tags: string[];
  /** Dockerfile path relative to the build context, with forward slashes. */
  dockerfile: string;
  /** Build arguments; their values are secrets and go nowhere but to the daemon. */
  buildArgs: ReadonlyMap<string, string>;
  target: string | undefined;
  noCache: boolean;
  pull: boolean;
}

export const buildFlags: readonly FlagSpec[] = [
  {
    long: 'tag',
    short: 't',
    valueName: 'NAME[:TAG]',
    repeatable: true,
    description:
      'Tag the image; repeat for several tags. Default: <repository>:<short commit SHA>.',
  },
  {
    long: 'file',
    short: 'f',
    valueName: 'PATH',
    description: 'Dockerfile path inside the build context. Default: Dockerfile.',
  },
  {
    long: 'build-arg',
    valueName: 'KEY=VALUE',
    repeatable: true,
    description: 'Set a build-time variable; repeat for several. Values are never shown or logged.',
  },
  {
    long: 'target',
    valueName: 'STAGE',
    description: 'Build only up to this stage of a multi-stage Dockerfile.',
  },
  { long: 'no-cache', description: 'Do not use the build cache.' },
  {
    long: 'pull',
    description:
      'Pull newer versions of base images first. Default: false (missing base images are still pulled).',
  },
];

const buildArgKeyPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
const stagePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const maxTags = 10;
const maxBuildArgs = 50;

/**
 * Checks a build command line against configuration. Throws a UsageError
 * or SlashdockError naming the bad value; build-arg values are never echoed.
 */
export function parseBuildRequest(args: ParsedArgs, config: Config): BuildRequest {
  const source = parseRepoUrl(args.positionals[0] ?? '', config.git);

  const tagValues = flagValues(args, 'tag');
  if (tagValues.length > maxTags) {
    throw new UsageError(
      `At most ${maxTags} tags can be given with -t; ${tagValues.length} were given.`,
    );
  }
  const tags = [...new Set(tagValues.map(parseBuildTag))];

  const target = flagValue(args, 'target');
  if (target !== undefined && !stagePattern.test(target)) {
    throw new UsageError(
      `"${target.slice(0, 80)}" is not a valid stage name for --target. Use the name after AS in the Dockerfile's FROM line.`,
    );
  }

  return {
    source,
    tags,
    dockerfile: parseDockerfilePath(flagValue(args, 'file') ?? 'Dockerfile'),
    buildArgs: parseBuildArgs(flagValues(args, 'build-arg')),
    target,
    noCache: isFlagSet(args, 'no-cache'),
    pull: isFlagSet(args, 'pull'),
  };
}

function parseDockerfilePath(text: string): string {
  if (/\p{Cc}/u.test(text)) {
    throw new UsageError('The -f path contains control characters. Remove them and try again.');
  }
  const normalized = path.posix.normalize(text.replaceAll('\\', '/'));
  if (text === '' || path.posix.isAbsolute(normalized) || normalized.split('/').includes('..')) {
    throw new UsageError(
      `"${text.slice(0, 80)}" is not a path inside the build context. Give -f a relative path such as docker/Dockerfile.prod.`,
    );
  }
  return normalized;
}

function parseBuildArgs(values: readonly string[]): Map<string, string> {
  if (values.length > maxBuildArgs) {
    throw new UsageError(`At most ${maxBuildArgs} --build-arg values can be given.`);
  }

  const buildArgs = new Map<string, string>();
  for (const value of values) {
    const separator = value.indexOf('=');
    const key = separator === -1 ? value : value.slice(0, separator);
    // Only the key is ever echoed back: the value may be a secret, and a
    // value without "=" may be a secret pasted by mistake, so it is not shown.
    if (separator === -1) {
      throw new UsageError(
        '--build-arg needs KEY=VALUE; one was given without "=". Slashdock does not read values from its own environment.',
      );
    }
    if (!buildArgKeyPattern.test(key)) {
      throw new UsageError(
        `--build-arg needs KEY=VALUE where KEY is letters, digits and "_", not starting with a digit; "${key.slice(0, 60)}" is not.`,
      );
    }
    buildArgs.set(key, value.slice(separator + 1));
  }
  return buildArgs;
}
