import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packBuildContext } from '../../src/docker/build-context.js';
import { DockerignoreMatcher } from '../../src/docker/context-files.js';
import { SlashdockError } from '../../src/errors.js';

interface TarEntry {
  name: string;
  type: string;
  linkname: string | undefined;
  size: number;
  content: string;
}

/** Temporary folder holding the context folder, so tests can place files outside it. */
let tempRoot: string;
let contextDir: string;

beforeEach(async () => {
  tempRoot = await mkdtemp(path.join(tmpdir(), 'slashdock-context-test-'));
  contextDir = path.join(tempRoot, 'context');
  await mkdir(contextDir);
});

afterEach(async () => {
  await rm(tempRoot, { recursive: true, force: true });
});

/** Writes files under the context; a name ending in `/` makes an empty folder. */
async function writeContext(files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(contextDir, name);
    if (name.endsWith('/')) {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** Creates a file of zeros without writing its blocks, so it costs no disk space. */
async function writeSparseFile(name: string, bytes: number): Promise<void> {
  const target = path.join(contextDir, name);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, '');
  await truncate(target, bytes);
}

function readTar(stream: Readable): Promise<TarEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: TarEntry[] = [];
    const extract = tarStream.extract();

    extract.on('entry', (header, entryStream, next) => {
      const chunks: Buffer[] = [];
      entryStream.on('data', (chunk: Buffer) => chunks.push(chunk));
      entryStream.on('end', () => {
        entries.push({
          name: header.name,
          type: header.type ?? 'file',
          linkname: header.linkname ?? undefined,
          size: header.size ?? 0,
          content: Buffer.concat(chunks).toString('utf8'),
        });
        next();
      });
      entryStream.resume();
    });
    extract.on('finish', () => {
      resolve(entries);
    });
    extract.on('error', reject);
    stream.on('error', reject);
    stream.pipe(extract);
  });
}

async function packNames(dockerfile = 'Dockerfile', maxBytes = 10_000_000): Promise<string[]> {
  const packed = await packBuildContext(contextDir, { dockerfile, maxBytes });
  const entries = await readTar(packed.stream);
  return entries.map((entry) => entry.name);
}

async function packError(
  dockerfile = 'Dockerfile',
  maxBytes = 10_000_000,
): Promise<SlashdockError> {
  try {
    const packed = await packBuildContext(contextDir, { dockerfile, maxBytes });
    packed.stream.destroy();
  } catch (error) {
    if (error instanceof SlashdockError) {
      return error;
    }
    throw error;
  }
  throw new Error('Expected packBuildContext to reject the context.');
}

/** Returns whether the patterns exclude a path, matching each of its folders first as the walk does. */
function isExcluded(patterns: string[], relativePath: string): boolean {
  const matcher = new DockerignoreMatcher(patterns);
  const parts = relativePath.split('/');
  let folderMatchedPatterns = matcher.rootMatchedPatterns;
  let excluded = false;
  for (let depth = 1; depth <= parts.length; depth += 1) {
    const result = matcher.match(parts.slice(0, depth).join('/'), folderMatchedPatterns);
    folderMatchedPatterns = result.matchedPatterns;
    excluded = result.excluded;
  }
  return excluded;
}

describe('packBuildContext', () => {
  it('sends everything without .dockerignore', async () => {
    await writeContext({
      Dockerfile: 'FROM scratch\n',
      'src/main.ts': 'main',
      'src/lib/util.ts': 'util',
      'empty/': '',
    });

    const packed = await packBuildContext(contextDir, {
      dockerfile: 'Dockerfile',
      maxBytes: 1000,
    });
    const entries = await readTar(packed.stream);

    expect(entries.map((entry) => entry.name)).toEqual([
      'Dockerfile',
      'empty',
      'src',
      'src/lib',
      'src/lib/util.ts',
      'src/main.ts',
    ]);
    expect(entries.find((entry) => entry.name === 'src')?.type).toBe('directory');
    expect(entries.find((entry) => entry.name === 'src/main.ts')?.content).toBe('main');
    expect(packed.fileCount).toBe(3);
    expect(packed.totalBytes).toBe('FROM scratch\n'.length + 'main'.length + 'util'.length);
  });

  it('always leaves out the root .git folder', async () => {
    await writeContext({
      Dockerfile: '',
      '.dockerignore': '!.git\n!.git/config\n',
      '.git/config': '[core]',
      '.git/objects/ab/cdef': 'object',
      '.gitignore': 'node_modules',
    });

    expect(await packNames()).toEqual(['.dockerignore', '.gitignore', 'Dockerfile']);
  });

  it('excludes *.log in the root only', async () => {
    await writeContext({
      Dockerfile: '',
      '.dockerignore': '*.log\n',
      'debug.log': 'x',
      'app.ts': 'x',
      'sub/trace.log': 'x',
    });

    expect(await packNames()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'app.ts',
      'sub',
      'sub/trace.log',
    ]);
  });

  it('excludes **/*.tmp at any depth', async () => {
    await writeContext({
      Dockerfile: '',
      '.dockerignore': '**/*.tmp\n',
      'a.tmp': 'x',
      'one/b.tmp': 'x',
      'one/two/three/c.tmp': 'x',
      'one/two/three/keep.txt': 'x',
    });

    expect(await packNames()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'one',
      'one/two',
      'one/two/three',
      'one/two/three/keep.txt',
    ]);
  });

  it('sends an exception inside an excluded folder', async () => {
    await writeContext({
      Dockerfile: '',
      '.dockerignore': 'logs\n!logs/keep.txt\n',
      'logs/keep.txt': 'keep',
      'logs/other.txt': 'x',
      'logs/old/archive.txt': 'x',
    });

    expect(await packNames()).toEqual(['.dockerignore', 'Dockerfile', 'logs', 'logs/keep.txt']);
  });

  it('walks excluded folders for a wildcard exception', async () => {
    await writeContext({
      Dockerfile: '',
      '.dockerignore': 'logs\n!**/keep.txt\n',
      'logs/keep.txt': 'x',
      'logs/deep/er/keep.txt': 'x',
      'logs/deep/other.txt': 'x',
      'logs/empty/': '',
    });

    expect(await packNames()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'logs',
      'logs/deep',
      'logs/deep/er',
      'logs/deep/er/keep.txt',
      'logs/keep.txt',
    ]);
  });

  it('re-includes a whole folder', async () => {
    await writeContext({
      Dockerfile: '',
      '.dockerignore': '*\n!src\n',
      'src/a/b.ts': 'x',
      'other.txt': 'x',
    });

    expect(await packNames()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'src',
      'src/a',
      'src/a/b.ts',
    ]);
  });

  it('lets the last matching rule win', async () => {
    await writeContext({ Dockerfile: '', a: 'x', b: 'x' });

    await writeFile(path.join(contextDir, '.dockerignore'), '!a\na\n');
    expect(await packNames()).toEqual(['.dockerignore', 'Dockerfile', 'b']);

    await writeFile(path.join(contextDir, '.dockerignore'), 'a\n!a\n');
    expect(await packNames()).toEqual(['.dockerignore', 'Dockerfile', 'a', 'b']);
  });

  it('leaves out a large excluded file', async () => {
    await writeContext({
      Dockerfile: '',
      '.dockerignore': '**/*.bin\n!data/keep.bin\n',
      'data/keep.bin': 'small',
    });
    await writeSparseFile('data/model.bin', 5_000_000);
    await writeSparseFile('big.bin', 5_000_000);

    const packed = await packBuildContext(contextDir, {
      dockerfile: 'Dockerfile',
      maxBytes: 1_000_000,
    });
    const entries = await readTar(packed.stream);

    expect(entries.map((entry) => entry.name)).toEqual([
      '.dockerignore',
      'Dockerfile',
      'data',
      'data/keep.bin',
    ]);
    expect(packed.totalBytes).toBe('**/*.bin\n!data/keep.bin\n'.length + 'small'.length);
  });

  it('sends Dockerfile and .dockerignore although excluded', async () => {
    await writeContext({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': 'Dockerfile\n.dockerignore\n*\n',
      'app.ts': 'x',
    });

    const packed = await packBuildContext(contextDir, {
      dockerfile: 'Dockerfile',
      maxBytes: 1000,
    });
    const entries = await readTar(packed.stream);

    expect(entries.map((entry) => entry.name)).toEqual(['.dockerignore', 'Dockerfile']);
    expect(entries.find((entry) => entry.name === 'Dockerfile')?.content).toBe('FROM scratch\n');
  });

  it('keeps a custom Dockerfile inside an excluded folder', async () => {
    await writeContext({
      Dockerfile: '',
      '.dockerignore': 'docker\n',
      'docker/Dockerfile.prod': 'FROM scratch\n',
      'docker/secrets.env': 'x',
      'docker/nested/file': 'x',
    });

    expect(await packNames('docker/Dockerfile.prod')).toEqual([
      '.dockerignore',
      'Dockerfile',
      'docker',
      'docker/Dockerfile.prod',
    ]);
    expect(await packNames('./docker/Dockerfile.prod')).toContain('docker/Dockerfile.prod');
  });

  it('keeps a Dockerfile whose name has glob characters', async () => {
    await writeContext({
      '.dockerignore': '*\n',
      'Dockerfile[1]': '',
      Dockerfile1: '',
    });

    expect(await packNames('Dockerfile[1]')).toEqual(['.dockerignore', 'Dockerfile[1]']);
  });

  it('packs symlinks as symlinks', async () => {
    await writeContext({ Dockerfile: '', 'app.txt': 'app' });
    await symlink('app.txt', path.join(contextDir, 'app-link'));
    await symlink('/etc/passwd', path.join(contextDir, 'passwd-link'));
    await symlink('/etc', path.join(contextDir, 'etc-link'));

    const packed = await packBuildContext(contextDir, {
      dockerfile: 'Dockerfile',
      maxBytes: 1000,
    });
    const entries = await readTar(packed.stream);
    const byName = new Map(entries.map((entry) => [entry.name, entry]));

    expect(entries.map((entry) => entry.name)).toEqual([
      'Dockerfile',
      'app-link',
      'app.txt',
      'etc-link',
      'passwd-link',
    ]);
    expect(byName.get('app-link')?.type).toBe('symlink');
    expect(byName.get('app-link')?.linkname).toBe('app.txt');
    expect(byName.get('passwd-link')?.type).toBe('symlink');
    expect(byName.get('passwd-link')?.linkname).toBe('/etc/passwd');
    expect(byName.get('passwd-link')?.size).toBe(0);
    expect(byName.get('passwd-link')?.content).toBe('');
    expect(byName.get('etc-link')?.type).toBe('symlink');
    expect(byName.get('etc-link')?.linkname).toBe('/etc');
    expect(packed.totalBytes).toBe('app'.length);
    expect(packed.fileCount).toBe(2);
  });

  it('skips comments and blank lines', async () => {
    await writeContext({
      Dockerfile: '',
      '.dockerignore': '# build output\n\n   \n\t\n#notes.txt\n *.md \n #hidden.txt\n',
      '#notes.txt': 'x',
      '#hidden.txt': 'x',
      'README.md': 'x',
      'app.ts': 'x',
    });

    expect(await packNames()).toEqual(['#notes.txt', '.dockerignore', 'Dockerfile', 'app.ts']);
  });

  it('reads CRLF lines and a byte order mark', async () => {
    await writeContext({
      Dockerfile: '',
      '.dockerignore': '\uFEFF*.md\r\n# comment\r\ndist\r\n',
      'README.md': 'x',
      'dist/out.js': 'x',
      'app.ts': 'x',
    });

    expect(await packNames()).toEqual(['.dockerignore', 'Dockerfile', 'app.ts']);
  });

  it('cleans leading / and ./ in patterns', async () => {
    await writeContext({
      Dockerfile: '',
      '.dockerignore': '/build\n./dist/\nsrc/../tmp\n',
      'build/a': 'x',
      'dist/b': 'x',
      'tmp/c': 'x',
      'src/build/d': 'x',
    });

    expect(await packNames()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'src',
      'src/build',
      'src/build/d',
    ]);
  });

  it('matches ? and [...] in one name', async () => {
    await writeContext({
      Dockerfile: '',
      '.dockerignore': 'file?.txt\n[ab].log\nnum[^0-4].dat\n',
      'file1.txt': 'x',
      'file10.txt': 'x',
      'a.log': 'x',
      'c.log': 'x',
      'num3.dat': 'x',
      'num7.dat': 'x',
    });

    expect(await packNames()).toEqual([
      '.dockerignore',
      'Dockerfile',
      'c.log',
      'file10.txt',
      'num3.dat',
    ]);
  });

  it('rejects a context over the size limit', async () => {
    await writeContext({ Dockerfile: '', 'a.txt': 'a'.repeat(600), 'b.txt': 'b'.repeat(600) });

    const error = await packError('Dockerfile', 1000);

    expect(error.code).toBe('context_too_large');
    expect(error.message).toContain('1.00kB limit');
    expect(error.message).toContain('reached 1.20kB');
    expect(error.message).toContain('.dockerignore');
    expect(error.message).toContain('SLASHDOCK_MAX_CONTEXT_MB');
  });

  it('gives exact bytes when sizes round alike', async () => {
    await writeContext({ Dockerfile: '' });
    await writeSparseFile('big.bin', 500_400_000);

    const error = await packError('Dockerfile', 500_000_000);

    expect(error.message).toContain('500MB limit');
    expect(error.message).toContain('reached 500MB (500,400,000 bytes)');
  });

  it('accepts a context exactly at the limit', async () => {
    await writeContext({ Dockerfile: '', 'a.txt': 'a'.repeat(600), 'b.txt': 'b'.repeat(400) });

    const packed = await packBuildContext(contextDir, {
      dockerfile: 'Dockerfile',
      maxBytes: 1000,
    });
    const entries = await readTar(packed.stream);

    expect(packed.totalBytes).toBe(1000);
    expect(packed.fileCount).toBe(3);
    expect(entries.map((entry) => entry.name)).toEqual(['Dockerfile', 'a.txt', 'b.txt']);
  });

  it.each([
    ['an unclosed class', '[abc\n'],
    ['an empty class', '[]\n'],
    ['a backwards range', '[z-a]\n'],
    ['a lone exception mark', '!\n'],
    ['a trailing backslash', 'abc\\\n'],
  ])('rejects %s in .dockerignore', async (_case, rules) => {
    await writeContext({ Dockerfile: '', '.dockerignore': rules });

    const error = await packError();

    expect(error.code).toBe('build_failed');
    expect(error.message).toContain('.dockerignore pattern');
  });

  it.each(['../Dockerfile', '/etc/passwd', '.', ''])(
    'rejects Dockerfile path %j',
    async (dockerfile) => {
      await writeContext({ Dockerfile: '' });

      const error = await packError(dockerfile);

      expect(error.code).toBe('build_failed');
      expect(error.message).toContain('not a file inside the build context');
    },
  );

  it('rejects a .dockerignore symlink leaving the context', async () => {
    await writeFile(path.join(tempRoot, 'outside-rules'), '*.md\n');
    await writeContext({ Dockerfile: '' });
    await symlink('../outside-rules', path.join(contextDir, '.dockerignore'));

    const error = await packError();

    expect(error.code).toBe('build_failed');
    expect(error.message).toContain('outside the build context');
  });

  it('follows a .dockerignore symlink inside the context', async () => {
    await writeContext({ Dockerfile: '', 'rules/ignore': '*.md\n', 'README.md': 'x' });
    await symlink('rules/ignore', path.join(contextDir, '.dockerignore'));

    expect(await packNames()).toEqual(['.dockerignore', 'Dockerfile', 'rules', 'rules/ignore']);
  });
});

describe('DockerignoreMatcher', () => {
  it.each([
    // Parent folders: a pattern that matches a folder excludes its contents.
    [['a'], 'a/b/c', true],
    [['a/b'], 'a/b/c/d', true],
    [['*'], 'a/b', true],
    [['*/b'], 'a/b/c', true],
    [['a/*'], 'a', false],
    // `*` and `?` stay inside one name.
    [['*.log'], 'sub/x.log', false],
    [['a?c'], 'a/c', false],
    // `**` spans any number of folders, including none.
    [['**/x'], 'x', true],
    [['**/x'], 'a/b/x', true],
    [['a/**/x'], 'a/x', true],
    [['a/**/x'], 'a/b/c/x', true],
    [['a/**'], 'a/b', true],
    [['**'], 'anything/at/all', true],
    // moby treats a leading `**` as a plain suffix test, so `**x` matches "yx".
    [['**x'], 'yx', true],
    [['**/*.tmp'], 'a.tmp', true],
    // A class matches `/` too, as moby's regular expression does.
    [['a[/]b'], 'a/b', true],
    [['[^a]b'], 'cb', true],
    [['[^a]b'], 'ab', false],
    // Escapes and characters special only to regular expressions.
    [['a\\*b'], 'a*b', true],
    [['a\\*b'], 'axb', false],
    [['c++(1).txt'], 'c++(1).txt', true],
    [['a.b'], 'axb', false],
    // Exceptions: the last matching pattern wins.
    [['a', '!a/keep'], 'a/keep', false],
    [['a', '!a/keep'], 'a/other', true],
    [['a', '!a/keep', 'a/keep'], 'a/keep', true],
    [['!a', 'a'], 'a', true],
    [['*.md', '!README.md'], 'README.md', false],
  ])('applies %j to %s', (patterns, relativePath, excluded) => {
    expect(isExcluded(patterns, relativePath)).toBe(excluded);
  });

  it('decides when to walk excluded folders', () => {
    expect(new DockerignoreMatcher(['logs']).mayReincludeInside('logs')).toBe(false);
    expect(new DockerignoreMatcher(['logs', '!logs/keep']).mayReincludeInside('logs')).toBe(true);
    expect(new DockerignoreMatcher(['logs', '!logs/*']).mayReincludeInside('logs')).toBe(true);
    expect(new DockerignoreMatcher(['logs', '!other/keep']).mayReincludeInside('logs')).toBe(false);
    expect(new DockerignoreMatcher(['logs', '!logsx/keep']).mayReincludeInside('logs')).toBe(false);
    expect(new DockerignoreMatcher(['logs', '!*.txt']).mayReincludeInside('logs')).toBe(true);
  });

  it('handles a backtracking-prone pattern', () => {
    const pattern = `${'*a'.repeat(20)}b`;
    const name = 'a'.repeat(250);

    expect(isExcluded([pattern], name)).toBe(false);
    expect(isExcluded([pattern], `${name}b`)).toBe(true);
  });
});
