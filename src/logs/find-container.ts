import type Docker from 'dockerode';
import { resolveContainer } from '../docker/resolve-container.js';

/**
 * Looks a container up by the same rules as `stop` and `rm` (name, full
 * ID, `sha256:` form or unique ID prefix, with the same messages for an
 * ambiguous or unknown one) and returns its inspect record.
 */
export async function findContainer(
  docker: Docker,
  query: string,
): Promise<Docker.ContainerInspectInfo> {
  const container = await resolveContainer(docker, query);
  return docker.getContainer(container.Id).inspect();
}
