import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-fs';
import { SlashdockError } from '../errors.js';
import { formatBytes } from '../format/bytes.js';
import {
  DockerignoreMatcher,
  escapePattern,
  readDockerignorePatterns,
  walkContext,
} from './context-files.js';

export interface PackBuildContextOptions {
  /** Dockerfile path relative to the context root. */
  dockerfile: string;
  /** Maximum total size in bytes of the regular files sent. A context of exactly this size is accepted. */
  maxBytes: number;
}

export interface PackedBuildContext {
  /** Tar stream of the context, read from disk as the daemon consumes it. */
  stream: Readable;
  /** Total size in bytes of the regular files in the tar. */
  totalBytes: number;
  /** Number of regular files in the tar, not counting folders and symlinks. */
  fileCount: number;
}

/**
 * Lists the files of a build context and streams them as a tar, as the
 * Docker CLI would send the folder. It honours `.dockerignore` in the
 * context root and leaves out the root `.git` folder. The Dockerfile and
 * `.dockerignore` are sent even when excluded. Symlinks are packed as
 * symlinks, never followed.
 *
 * Throws a SlashdockError before producing any tar data when the files sent
 * would exceed `maxBytes`, when `.dockerignore` has an invalid pattern or
 * is a symlink that leaves the context, or when the Dockerfile path leaves
 * the context.
 */
export async function packBuildContext(
  contextDir: string,
  options: PackBuildContextOptions,
): Promise<PackedBuildContext> {
  const dockerfile = normalizeDockerfilePath(options.dockerfile);
  const patterns = await readDockerignore(contextDir);

  // As in the Docker CLI, exceptions keep these two files in the context:
  // the daemon needs both, and drops them from the build itself when
  // .dockerignore lists them. The CLI adds the exceptions only for excluded
  // files; adding them always sends the same entries.
  const matcher = new DockerignoreMatcher([
    ...patterns,
    '!.dockerignore',
    `!${escapePattern(dockerfile)}`,
  ]);

  const listing = await listContextEntries(contextDir, matcher, options.maxBytes);

  return {
    stream: packEntries(contextDir, listing.entries),
    totalBytes: listing.totalBytes,
    fileCount: listing.fileCount,
  };
}

function normalizeDockerfilePath(dockerfile: string): string {
  const normalized = path.posix.normalize(dockerfile);
  if (
    normalized === '.' ||
    path.posix.isAbsolute(normalized) ||
    normalized.split('/').includes('..')
  ) {
    throw new SlashdockError(
      'build_failed',
      `The Dockerfile path "${dockerfile.slice(0, 100)}" is not a file inside the build context. Give a relative path such as docker/Dockerfile.prod.`,
    );
  }
  return normalized.replace(/\/$/, '');
}

/** Reads the patterns of `.dockerignore` in the context root; none when the file is missing. */
async function readDockerignore(contextDir: string): Promise<string[]> {
  let ignoreFile: string;
  try {
    ignoreFile = await realpath(path.join(contextDir, '.dockerignore'));
  } catch (error) {
    // A missing file, or a symlink to a missing file, means no patterns, as in the Docker CLI.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }

  // The Docker CLI follows a symlinked .dockerignore anywhere. Slashdock
  // follows it only inside the context, because the repository is not
  // trusted and its patterns can appear in error messages.
  const relativeTarget = path.relative(await realpath(contextDir), ignoreFile);
  if (
    relativeTarget === '..' ||
    relativeTarget.startsWith(`..${path.sep}`) ||
    path.isAbsolute(relativeTarget)
  ) {
    throw new SlashdockError(
      'build_failed',
      '.dockerignore is a symlink to a file outside the build context. Replace it with a regular file.',
    );
  }

  return readDockerignorePatterns(await readFile(ignoreFile, 'utf8'));
}

interface ContextListing {
  /** Paths relative to the context root, each folder before its contents. */
  entries: string[];
  totalBytes: number;
  fileCount: number;
}

/** Walks the context and sums regular file sizes, stopping at the first file that takes the sum over the limit. */
async function listContextEntries(
  contextDir: string,
  matcher: DockerignoreMatcher,
  maxBytes: number,
): Promise<ContextListing> {
  const listing: ContextListing = { entries: [], totalBytes: 0, fileCount: 0 };

  for await (const entry of walkContext(contextDir, matcher)) {
    listing.entries.push(entry.path);
    if (entry.type === 'file') {
      listing.totalBytes += entry.size;
      listing.fileCount += 1;
      checkContextSize(listing.totalBytes, maxBytes);
    }
  }
  return listing;
}

function checkContextSize(totalBytes: number, maxBytes: number): void {
  if (totalBytes <= maxBytes) {
    return;
  }

  // Near the limit both sizes can round to the same text, such as "500MB".
  const limit = formatBytes(maxBytes);
  let reached = formatBytes(totalBytes);
  if (reached === limit) {
    reached = `${reached} (${totalBytes.toLocaleString('en-US')} bytes)`;
  }
  throw new SlashdockError(
    'context_too_large',
    `The build context is larger than the ${limit} limit: its files reached ${reached} before Slashdock stopped counting. Leave out large files with a .dockerignore in the build folder, or ask the operator to raise SLASHDOCK_MAX_CONTEXT_MB.`,
  );
}

/**
 * Streams the listed entries as a tar. Files are read as the consumer pulls
 * data, so the tar is never held in memory whole.
 */
function packEntries(contextDir: string, entries: string[]): Readable {
  return tar.pack(contextDir, {
    entries,
    // tar-fs adds the contents of each folder in `entries` unless `ignore`
    // rejects them, but the list already names every entry to send.
    ignore: () => true,
  });
}
