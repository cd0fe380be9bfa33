import type Docker from 'dockerode';
import { dockerStatusCode } from './docker-status.js';

/** Inspects a container, or returns undefined when the daemon responds 404 (it no longer exists). */
export async function inspectContainerIfExists(
  docker: Docker,
  id: string,
): Promise<Docker.ContainerInspectInfo | undefined> {
  try {
    return await docker.getContainer(id).inspect();
  } catch (error) {
    if (dockerStatusCode(error) === 404) {
      return undefined;
    }
    throw error;
  }
}

/** Inspects an image by ID or reference, or returns undefined when the daemon responds 404. */
export async function inspectImageIfExists(
  docker: Docker,
  idOrReference: string,
): Promise<Docker.ImageInspectInfo | undefined> {
  try {
    return await docker.getImage(idOrReference).inspect();
  } catch (error) {
    if (dockerStatusCode(error) === 404) {
      return undefined;
    }
    throw error;
  }
}
