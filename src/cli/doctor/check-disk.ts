import { mkdtemp, rm, statfs } from 'node:fs/promises';
import path from 'node:path';
import { formatBytes } from '../../format/bytes.js';
import type { CheckResult } from './check-result.js';

/**
 * Free space below which a warning or a failure is reported. These are
 * rules of thumb, not measurements: a clone of a large repository can take
 * a few hundred megabytes, and two builds run at a time by default.
 */
export const diskThresholds = { warnBytes: 2_000_000_000, failBytes: 200_000_000 } as const;

/**
 * Checks the folder where clones go (SLASHDOCK_WORK_DIR, or the system temp
 * folder): that a temporary folder can be created in it, and how much space
 * is free for this user.
 */
export async function checkDisk(workDir: string): Promise<CheckResult> {
  const name = 'disk space';
  const fixLocation = `Set SLASHDOCK_WORK_DIR to a folder with space, or free space in ${workDir}.`;

  try {
    const probe = await mkdtemp(path.join(workDir, 'slashdock-doctor-'));
    await rm(probe, { recursive: true, force: true });
  } catch (error) {
    return {
      name,
      verdict: 'fail',
      detail: `Cannot create a temporary folder in ${workDir}: ${(error as Error).message}`,
      fix: `Create ${workDir} and let this user write to it, or set SLASHDOCK_WORK_DIR to a folder it can write to.`,
    };
  }

  const stats = await statfs(workDir);
  const freeBytes = stats.bavail * stats.bsize;
  const detail = `${formatBytes(freeBytes)} free in ${workDir}, where repositories are cloned.`;
  if (freeBytes < diskThresholds.failBytes) {
    return { name, verdict: 'fail', detail, fix: fixLocation };
  }
  if (freeBytes < diskThresholds.warnBytes) {
    return { name, verdict: 'warn', detail, fix: fixLocation };
  }
  return { name, verdict: 'ok', detail };
}
