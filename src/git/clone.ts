import { execFile } from 'node:child_process';
import type { Logger } from '../logger.js';
import { SlashdockError } from '../errors.js';
import type { RepoSource } from './repo-url.js';

export interface CloneOptions {
  source: RepoSource;
  destination: string;
  allowInsecure: boolean;
  timeoutMs: number;
  signal: AbortSignal;
  logger: Logger;
}

/** Where a clone ended up: the commit that was checked out. */
export interface ClonedRepository {
  commitSha: string;
}

/**
 * Makes a shallow clone of one ref (or the default branch) into
 * `destination`. git runs without a shell, with `--` before positional
 * arguments, no terminal prompt, no submodules and only network protocols
 * allowed, so nothing typed in Slack can become a git option or a local
 * file access.
 */
export async function cloneRepository(options: CloneOptions): Promise<ClonedRepository> {
  const { source } = options;
  const args = [
    'clone',
    '--depth=1',
    '--single-branch',
    '--no-tags',
    '--no-recurse-submodules',
    ...(source.ref === undefined ? [] : ['--branch', source.ref]),
    '--',
    source.cloneUrl,
    options.destination,
  ];

  options.logger.info(
    { host: source.host, ref: source.ref ?? '(default branch)' },
    'clone started',
  );
  await runGit(args, options, undefined);

  const commitSha = (await runGit(['rev-parse', 'HEAD'], options, options.destination)).trim();
  options.logger.info({ commit: commitSha }, 'clone finished');
  return { commitSha };
}

function runGit(args: string[], options: CloneOptions, cwd: string | undefined): Promise<string> {
  const protocols = options.allowInsecure ? 'https:ssh:http:git' : 'https:ssh';

  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'protocol.file.allow=never', '-c', 'core.symlinks=true', ...args],
      {
        cwd,
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        signal: options.signal,
        maxBuffer: 4 * 1024 * 1024,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: process.env.HOME ?? '/nonexistent',
          GIT_TERMINAL_PROMPT: '0',
          GIT_ALLOW_PROTOCOL: protocols,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o StrictHostKeyChecking=yes',
          LC_ALL: 'C',
        },
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        reject(describeGitFailure(error, stderr, options));
      },
    );
  });
}

function describeGitFailure(
  error: Error & { killed?: boolean; code?: unknown },
  stderr: string,
  options: CloneOptions,
): SlashdockError {
  const { source } = options;
  const where = source.cloneUrl;

  if (options.signal.aborted) {
    return new SlashdockError('cancelled', `The clone of ${where} was stopped.`, { cause: error });
  }
  if (error.killed === true) {
    return new SlashdockError(
      'timed_out',
      `The clone of ${where} took longer than ${Math.round(options.timeoutMs / 1000)}s and was stopped. Try a smaller repository, or ask the operator to raise SLASHDOCK_CLONE_TIMEOUT.`,
      { cause: error },
    );
  }
  if (error.code === 'ENOENT') {
    return new SlashdockError(
      'clone_failed',
      'git is not installed on the Slashdock host. Ask the operator to install it.',
      { cause: error },
    );
  }

  const detail = stderr.toLowerCase();
  if (
    source.ref !== undefined &&
    /remote branch .* not found|couldn't find remote ref/.test(detail)
  ) {
    return new SlashdockError(
      'clone_failed',
      `The ref "${source.ref}" was not found in ${where}. Check the branch or tag name after "#".`,
      { cause: error },
    );
  }
  if (/repository .* not found|not found|does not appear to be a git repository|404/.test(detail)) {
    return new SlashdockError(
      'clone_failed',
      `The repository ${where} was not found, or Slashdock has no access to it. Check the URL.`,
      { cause: error },
    );
  }
  return new SlashdockError(
    'clone_failed',
    `Could not clone ${where}: the host could not be reached or refused the connection. Check the URL and try again later.`,
    { cause: error },
  );
}
