import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CheckResult } from './check-result.js';
import { compareVersions } from './compare-versions.js';

/**
 * The oldest git that accepts Slashdock's clone options: `-c
 * protocol.file.allow=never` needs the per-protocol settings that git 2.12.0
 * added (its release notes: "Finer-grained control of what protocols are
 * allowed").
 */
export const minimumGitVersion = '2.12';

/** Checks that git is installed, on PATH, and recent enough. */
export async function checkGit(): Promise<CheckResult> {
  const name = 'git';
  let output: string;
  try {
    ({ stdout: output } = await promisify(execFile)('git', ['--version'], { timeout: 10_000 }));
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    return {
      name,
      verdict: 'fail',
      detail:
        code === 'ENOENT'
          ? 'git is not installed or not on PATH, so no repository can be cloned.'
          : `git --version failed: ${error instanceof Error ? error.message : String(error)}`,
      fix: 'Install git (Debian and Ubuntu: apt-get install git) and make sure PATH includes it.',
    };
  }

  const version = /git version (\d+\.\d+(?:\.\d+)?)/.exec(output)?.[1];
  if (version === undefined) {
    return {
      name,
      verdict: 'warn',
      detail: `git answered "${output.trim()}", which names no version.`,
      fix: `Check that PATH finds the real git, ${minimumGitVersion} or later.`,
    };
  }
  if (compareVersions(version, minimumGitVersion) < 0) {
    return {
      name,
      verdict: 'fail',
      detail: `git ${version} is older than ${minimumGitVersion}, which Slashdock needs to restrict clone protocols.`,
      fix: `Upgrade git to ${minimumGitVersion} or later.`,
    };
  }
  return { name, verdict: 'ok', detail: `git ${version}` };
}
