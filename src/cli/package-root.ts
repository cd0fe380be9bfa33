import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the folder of Slashdock's package.json, which also contains
 * manifest.yml, by walking up from this file. The walk works from the
 * TypeScript sources (src/cli) and from the build (dist/src/cli) alike.
 */
export function findPackageRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest) && readPackageJson(manifest).name === 'slashdock') {
      return folder;
    }
    const parent = path.dirname(folder);
    if (parent === folder) {
      throw new Error(
        `Slashdock's package.json was not found above ${fileURLToPath(import.meta.url)}. Reinstall Slashdock.`,
      );
    }
    folder = parent;
  }
}

/** Slashdock's version from its package.json. */
export function readPackageVersion(): string {
  const { version } = readPackageJson(path.join(findPackageRoot(), 'package.json'));
  return typeof version === 'string' ? version : 'unknown';
}

function readPackageJson(file: string): { name?: unknown; version?: unknown } {
  return JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
}
