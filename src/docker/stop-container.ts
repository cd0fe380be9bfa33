import type Docker from 'dockerode';
import { dockerStatusCode } from './docker-status.js';
import { inspectContainerIfExists } from './inspect-if-exists.js';

export type StopResult =
  | { kind: 'stopped'; exitCode: number | undefined }
  | { kind: 'already_stopped' }
  | { kind: 'gone' };

/**
 * Stops a container as `docker stop` does: SIGTERM (or the container's stop
 * signal), then SIGKILL after `timeoutSeconds`, or after the container's
 * own stop timeout (10 seconds unless set) when undefined. A container
 * that is already stopped is not an error: the daemon responds 304.
 */
export async function stopContainer(
  docker: Docker,
  id: string,
  timeoutSeconds: number | undefined,
): Promise<StopResult> {
  try {
    await docker.getContainer(id).stop(timeoutSeconds === undefined ? {} : { t: timeoutSeconds });
  } catch (error) {
    const status = dockerStatusCode(error);
    if (status === 304) {
      return { kind: 'already_stopped' };
    }
    if (status === 404) {
      return { kind: 'gone' };
    }
    throw error;
  }

  const stopped = await inspectContainerIfExists(docker, id);
  return { kind: 'stopped', exitCode: stopped?.State.ExitCode };
}
