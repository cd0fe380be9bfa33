import type Docker from 'dockerode';

/** Removes every image and container a test created under its own Slack team ID. */
export async function removeImagesBuiltFor(docker: Docker, teamId: string): Promise<void> {
  const filters = JSON.stringify({ label: [`slashdock.team=${teamId}`] });

  for (const container of await docker.listContainers({ all: true, filters })) {
    await docker.getContainer(container.Id).remove({ force: true });
  }
  for (const image of await docker.listImages({ filters })) {
    await docker.getImage(image.Id).remove({ force: true });
  }
}
