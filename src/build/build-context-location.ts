import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { SlashdockError } from '../errors.js';

/**
 * Finds the build context folder inside a clone and checks that the
 * Dockerfile is there. Both must stay inside the repository, symlinks
 * included, so that a repository cannot make the daemon read host files.
 */
export async function locateBuildContext(
  repoDir: string,
  subdir: string,
  dockerfile: string,
): Promise<string> {
  const repoRoot = await realpath(repoDir);
  const contextDir = path.resolve(repoRoot, subdir);
  const shownFolder = subdir === '' ? 'the root of the repository' : `the folder "${subdir}"`;

  if (!(await isDirectory(contextDir))) {
    throw new SlashdockError(
      'dockerfile_missing',
      `The folder "${subdir}" does not exist in the repository. Check the path after ":" in the URL.`,
    );
  }
  const realContext = await realpath(contextDir);
  if (!isInside(repoRoot, realContext)) {
    throw new SlashdockError(
      'dockerfile_missing',
      `The folder "${subdir}" points outside the repository, which is not allowed.`,
    );
  }

  const dockerfilePath = path.resolve(realContext, dockerfile);
  if (!(await isFile(dockerfilePath))) {
    const what =
      dockerfile === 'Dockerfile' ? 'No Dockerfile was' : `No Dockerfile "${dockerfile}" was`;
    throw new SlashdockError(
      'dockerfile_missing',
      `${what} found in ${shownFolder}. Add one, point -f at it, or choose the folder with #ref:folder.`,
    );
  }
  if (!isInside(realContext, await realpath(dockerfilePath))) {
    throw new SlashdockError(
      'dockerfile_missing',
      `The Dockerfile "${dockerfile}" points outside the build context, which is not allowed.`,
    );
  }
  return realContext;
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function isDirectory(target: string): Promise<boolean> {
  return (await stat(target).catch(() => undefined))?.isDirectory() === true;
}

async function isFile(target: string): Promise<boolean> {
  const info = await lstat(target).catch(() => undefined);
  if (info?.isSymbolicLink() === true) {
    return (await stat(target).catch(() => undefined))?.isFile() === true;
  }
  return info?.isFile() === true;
}
