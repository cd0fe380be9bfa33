import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import dockerignoreModule from '@balena/dockerignore';
import tar from 'tar-fs';

/**
 * Streams a folder as a tar build context, leaving out what `.dockerignore`
 * excludes and the `.git` folder, as `docker build <git-url>` does.
 * Symlinks are packed as symlinks, never followed.
 */
export async function packBuildContext(contextDir: string): Promise<Readable> {
  const rules = await readDockerignore(contextDir);
  // The package is CommonJS and exposes its factory as both the module and
  // `.default`; under NodeNext only `.default` is typed.
  const filter = dockerignoreModule
    .default({ ignorecase: false })
    .add(rules)
    .add('.git')
    .createFilter();

  return tar.pack(contextDir, {
    ignore: (absolutePath: string) => {
      const relativePath = path.relative(contextDir, absolutePath).split(path.sep).join('/');
      return relativePath !== '' && !filter(relativePath);
    },
  });
}

async function readDockerignore(contextDir: string): Promise<string> {
  try {
    return await readFile(path.join(contextDir, '.dockerignore'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return '';
    }
    throw error;
  }
}
