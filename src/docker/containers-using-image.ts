import type Docker from 'dockerode';

/**
 * Lists the containers, running or stopped, created from exactly this
 * image, as the daemon checks them before removing it. Containers of images
 * built on top of it are left out, because those images block the removal
 * themselves.
 */
export async function containersUsingImage(
  docker: Docker,
  imageId: string,
): Promise<Docker.ContainerInfo[]> {
  const containers = await docker.listContainers({ all: true });
  return containers.filter((container) => container.ImageID === imageId);
}
