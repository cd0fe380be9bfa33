import type Docker from 'dockerode';
import { classifyRemoveError } from './docker-status.js';

export type RemoveImageResult =
  /** The daemon's report, as `docker rmi` prints it: tags removed, then image IDs deleted. */
  | { kind: 'removed'; untagged: string[]; deleted: string[] }
  | { kind: 'gone' }
  /** The daemon responded 409, for example because a container uses the image. */
  | { kind: 'conflict'; daemonMessage: string };

/**
 * Removes an image as `docker rmi` does. Given a tag, Docker removes that
 * tag and deletes the image only when no other tag is left; given an ID,
 * it deletes the image. `force` removes an image that stopped containers
 * use or that has several tags, but Docker refuses even then while a
 * running container uses it.
 */
export async function removeImage(
  docker: Docker,
  idOrReference: string,
  force: boolean,
): Promise<RemoveImageResult> {
  let answer: unknown;
  try {
    answer = await docker.getImage(idOrReference).remove({ force });
  } catch (error) {
    return classifyRemoveError(error);
  }

  const entries = Array.isArray(answer)
    ? (answer as { Untagged?: string; Deleted?: string }[])
    : [];
  return {
    kind: 'removed',
    untagged: entries.flatMap((entry) => (entry.Untagged === undefined ? [] : [entry.Untagged])),
    deleted: entries.flatMap((entry) => (entry.Deleted === undefined ? [] : [entry.Deleted])),
  };
}
