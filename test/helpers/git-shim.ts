import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * A `git` executable that appends its arguments to a log file and exits 1
 * without running git. Slashdock starts git with `execFile('git', …)` and
 * passes `process.env.PATH` on, so a shim first on PATH replaces every git
 * process the app would start, and its log shows whether one ran.
 */
export class GitShim {
  private folder: string | undefined;
  /** PATH before install, or undefined while the shim is not on PATH. */
  private savedPath: { value: string | undefined } | undefined;

  get logFile(): string {
    if (this.folder === undefined) {
      throw new Error('The git shim is not installed.');
    }
    return path.join(this.folder, 'git-calls.log');
  }

  /** Creates the shim in a temporary folder and puts that folder first on `process.env.PATH`. */
  async install(): Promise<void> {
    this.folder = await mkdtemp(path.join(os.tmpdir(), 'slashdock-git-shim-'));
    const logFile = this.logFile;
    // mkdtemp names contain only letters, digits, "-" and "/", so single quotes suffice.
    const script = ['#!/bin/sh', `printf '%s\\n' "$*" >> '${logFile}'`, 'exit 1', ''].join('\n');
    await writeFile(path.join(this.folder, 'git'), script, { mode: 0o755 });
    await writeFile(logFile, '');

    const originalPath = process.env.PATH;
    this.savedPath = { value: originalPath };
    process.env.PATH = [this.folder, originalPath]
      .filter((entry) => entry !== undefined && entry !== '')
      .join(path.delimiter);
  }

  /** Restores `process.env.PATH` and removes the shim's folder. */
  async uninstall(): Promise<void> {
    if (this.savedPath !== undefined) {
      if (this.savedPath.value === undefined) {
        delete process.env.PATH;
      } else {
        process.env.PATH = this.savedPath.value;
      }
      this.savedPath = undefined;
    }
    if (this.folder !== undefined) {
      await rm(this.folder, { recursive: true, force: true });
      this.folder = undefined;
    }
  }

  /** Reads the recorded calls: one entry per git process the shim replaced, its arguments joined by spaces. */
  async calls(): Promise<string[]> {
    const text = await readFile(this.logFile, 'utf8');
    return text.split('\n').filter((line) => line !== '');
  }

  /** Forgets the recorded calls. */
  async clear(): Promise<void> {
    await writeFile(this.logFile, '');
  }
}

/**
 * Installs a git shim for the calling test file: first on PATH from
 * `beforeAll`, removed and PATH restored in `afterAll`.
 */
export function useGitShim(): GitShim {
  const shim = new GitShim();
  beforeAll(async () => {
    await shim.install();
  });
  afterAll(async () => {
    await shim.uninstall();
  });
  return shim;
}
