import type Docker from 'dockerode';
import { dockerStatusCode } from '../docker/docker-status.js';

/**
 * Values of the environment variables a container has beyond those of its
 * image, such as the `-e` values of /docker run, so that logs can mask
 * them as the attached run did. When the image is gone, every value counts.
 */
export async function addedEnvValues(
  docker: Docker,
  container: Docker.ContainerInspectInfo,
): Promise<string[]> {
  const containerEnv = envList(container.Config.Env);
  let imageEnv: readonly string[] = [];
  try {
    imageEnv = envList((await docker.getImage(container.Image).inspect()).Config.Env);
  } catch (error) {
    if (dockerStatusCode(error) !== 404) {
      throw error;
    }
  }

  const fromImage = new Set(imageEnv);
  return containerEnv
    .filter((entry) => !fromImage.has(entry))
    .map((entry) => entry.slice(entry.indexOf('=') + 1));
}

/** Reads an environment list, taking the `null` the daemon sends, which dockerode's types do not admit, as empty. */
function envList(env: readonly string[] | null | undefined): readonly string[] {
  return env ?? [];
}
