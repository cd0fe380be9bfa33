import type Docker from 'dockerode';
import { classifyRemoveError } from './docker-status.js';

export type RemoveContainerResult =
  | { kind: 'removed' }
  | { kind: 'gone' }
  /** The daemon responded 409, for example because the container runs and `force` was off. */
  | { kind: 'conflict'; daemonMessage: string };

/**
 * Removes a container as `docker rm` does. With `force`, a running
 * container is killed first; with `volumes`, its anonymous volumes go too.
 */
export async function removeContainer(
  docker: Docker,
  id: string,
  options: { force: boolean; volumes: boolean },
): Promise<RemoveContainerResult> {
  try {
    await docker.getContainer(id).remove({ force: options.force, v: options.volumes });
    return { kind: 'removed' };
  } catch (error) {
    return classifyRemoveError(error);
  }
}
