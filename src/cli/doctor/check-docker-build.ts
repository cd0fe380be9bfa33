import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { buildImage } from '../../docker/build-image.js';
import { toSlashdockError } from '../../errors.js';
import { formatDuration } from '../../format/duration.js';
import type { CheckResult } from './check-result.js';
import { createTarArchive } from './tar-archive.js';

/** Label on the doctor's test image, so that one left behind can be found and removed. */
export const doctorLabel = 'slashdock.doctor';

/** How long the test build may take before the check fails. */
const buildTimeoutMs = 60_000;

/**
 * Builds a tiny image the way Slashdock builds (same build call, classic
 * builder) and removes it. `FROM scratch` needs no base image, so nothing
 * is pulled; a random file content keeps the build cache from standing
 * in for a real build.
 */
export async function checkDockerBuild(docker: Docker): Promise<CheckResult> {
  const name = 'Docker build';
  const tag = `slashdock-doctor:${randomBytes(6).toString('hex')}`;
  const context = createTarArchive({
    Dockerfile: 'FROM scratch\nCOPY doctor.txt /doctor.txt\n',
    'doctor.txt': `${tag}\n`,
  });
  const startedAt = Date.now();
  const signal = AbortSignal.timeout(buildTimeoutMs);

  try {
    await buildImage(docker, {
      context: Readable.from(context),
      dockerfile: 'Dockerfile',
      tags: [tag],
      labels: { [doctorLabel]: 'true' },
      buildArgs: new Map(),
      target: undefined,
      noCache: true,
      pull: false,
      signal,
      onOutput: () => undefined,
    });
  } catch (error) {
    const reason = signal.aborted
      ? `it took longer than ${formatDuration(buildTimeoutMs)}`
      : toSlashdockError(error).message;
    return {
      name,
      verdict: 'fail',
      detail: `A test build from scratch failed: ${reason}`,
      fix: "Check the daemon's log and free space in its data root; a daemon that cannot build an empty image cannot build repositories either.",
    };
  }
  const duration = formatDuration(Date.now() - startedAt);

  try {
    await docker.getImage(tag).remove();
  } catch (error) {
    return {
      name,
      verdict: 'warn',
      detail: `Built a test image in ${duration}, but could not remove it: ${toSlashdockError(error).message}`,
      fix: `Remove it with docker rmi ${tag}.`,
    };
  }
  return {
    name,
    verdict: 'ok',
    detail: `Built and removed a test image from scratch in ${duration}.`,
  };
}
