import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import type { Logger } from '../logger.js';
import { SlashdockError } from '../errors.js';
import { formatBytes } from '../format/bytes.js';
import { folderSize, watchFolderSize } from './folder-size.js';
import { gitCredentialEnvironment, type GitCredentials } from './credentials.js';
import type { RepoSource } from './repo-url.js';

export interface CloneOptions {
  source: RepoSource;
  destination: string;
  allowInsecure: boolean;
  credentials: GitCredentials;
  timeoutMs: number;
  /** The clone is stopped when its folder grows past this size. */
  maxBytes: number;
  /** Also fetch submodules, under the same protocol rules. */
  submodules: boolean;
  signal: AbortSignal;
  logger: Logger;
}

/** The result of a clone: the commit that was checked out. */
export interface ClonedRepository {
  commitSha: string;
}

/** A ref of 7 to 40 hex digits may be a commit SHA, which a shallow fetch by name cannot find. */
const commitShaPattern = /^[0-9a-f]{7,40}$/i;

/**
 * Checks out one ref (branch, tag or commit SHA) or the default branch into
 * `destination`, fetching as little history as the ref allows. git runs
 * without a shell, with no terminal prompt, no submodules and only network
 * protocols allowed, so nothing typed in Slack can become a git option or a
 * local file access. Credentials travel in the environment, never in
 * arguments, so they do not show in process lists or error text.
 */
export async function cloneRepository(options: CloneOptions): Promise<ClonedRepository> {
  const { source, destination } = options;
  const tooLarge = new AbortController();
  const stopWatching = watchFolderSize(destination, options.maxBytes, (bytes) => {
    options.logger.warn({ bytes, maxBytes: options.maxBytes }, 'clone passed the size limit');
    tooLarge.abort();
  });
  const gitOptions = { ...options, signal: AbortSignal.any([options.signal, tooLarge.signal]) };

  try {
    const cloned = await fetchAndCheckOut(gitOptions);
    // The watcher samples once a second, so a fast clone can finish
    // between two samples; the final size is checked as well.
    const bytes = await folderSize(destination);
    if (bytes > options.maxBytes) {
      tooLarge.abort();
      throw new SlashdockError('clone_failed', 'The clone passed the size limit.');
    }
    return cloned;
  } catch (error) {
    if (tooLarge.signal.aborted && !options.signal.aborted) {
      throw new SlashdockError(
        'clone_failed',
        `The repository ${source.cloneUrl} is larger than the ${formatBytes(options.maxBytes)} limit, so the clone was stopped. Ask the operator to raise SLASHDOCK_MAX_REPO_MB if it must be built.`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    stopWatching();
  }
}

async function fetchAndCheckOut(options: CloneOptions): Promise<ClonedRepository> {
  const { source, destination } = options;
  const git = (args: string[]): Promise<string> => runGit(args, destination, options);
  options.logger.info(
    { host: source.host, ref: source.ref ?? '(default branch)' },
    'clone started',
  );

  await mkdir(destination, { recursive: true });
  await git(['init', '--quiet']);
  await git(['remote', 'add', 'origin', source.cloneUrl]);

  const wanted = source.ref ?? 'HEAD';
  const shallowFetch = ['fetch', '--quiet', '--depth=1', '--no-tags', '--no-recurse-submodules'];
  try {
    await git([...shallowFetch, 'origin', wanted]);
    await git(['checkout', '--quiet', '--detach', 'FETCH_HEAD']);
  } catch (error) {
    if (!isMissingRef(error) || source.ref === undefined || !commitShaPattern.test(source.ref)) {
      throw error;
    }
    // A short SHA, or a full one the server will not serve by itself:
    // fetch the branches' history and look the commit up locally.
    options.logger.info(
      { ref: source.ref },
      'ref not found by name, fetching history to find the commit',
    );
    await git([
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-recurse-submodules',
      'origin',
      '+refs/heads/*:refs/remotes/origin/*',
    ]);
    const commit = await git(['rev-parse', '--quiet', '--verify', `${source.ref}^{commit}`]).catch(
      () => {
        throw refNotFound(source);
      },
    );
    await git(['checkout', '--quiet', '--detach', commit.trim()]);
  }

  if (options.submodules) {
    await git(['submodule', 'update', '--init', '--recursive', '--depth=1']);
  }

  const commitSha = (await git(['rev-parse', 'HEAD'])).trim();
  options.logger.info({ commit: commitSha }, 'clone finished');
  return { commitSha };
}

function runGit(args: string[], cwd: string, options: CloneOptions): Promise<string> {
  const protocols = options.allowInsecure ? 'https:ssh:http:git' : 'https:ssh';

  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [
        '-c',
        'protocol.file.allow=never',
        '-c',
        'core.symlinks=true',
        '-c',
        'advice.detachedHead=false',
        ...args,
      ],
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
          LC_ALL: 'C',
          ...gitCredentialEnvironment(options.credentials, options.source.host),
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

function isMissingRef(error: unknown): boolean {
  return error instanceof SlashdockError && error.code === 'ref_not_found';
}

function refNotFound(source: RepoSource): SlashdockError {
  return new SlashdockError(
    'ref_not_found',
    `The ref "${source.ref ?? 'HEAD'}" was not found in ${source.cloneUrl}. Check the branch, tag or commit after "#".`,
  );
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
    /couldn't find remote ref|remote branch .* not found|not our ref|no such remote ref/.test(
      detail,
    )
  ) {
    const failure = refNotFound(source);
    return new SlashdockError(failure.code, failure.message, { cause: error });
  }
  if (
    /repository .*not found|not found|does not appear to be a git repository|not exported|404/.test(
      detail,
    )
  ) {
    return new SlashdockError(
      'clone_failed',
      `The repository ${where} was not found, or Slashdock has no access to it. Check the URL; for a private repository, ask the operator to configure credentials for ${source.host}.`,
      { cause: error },
    );
  }
  if (/authentication failed|permission denied|could not read username|403/.test(detail)) {
    return new SlashdockError(
      'clone_failed',
      `${source.host} refused access to ${where}. For a private repository, ask the operator to configure credentials for ${source.host}.`,
      { cause: error },
    );
  }
  return new SlashdockError(
    'clone_failed',
    `Could not reach ${where}: the host did not answer or refused the connection. Check the URL and try again later.`,
    { cause: error },
  );
}
