import type Docker from 'dockerode';
import { dockerStatusCode } from '../docker/docker-status.js';
import { SlashdockError, dockerErrorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ContainerIdentity } from './run-text.js';

/** Seconds between SIGTERM and SIGKILL when Slashdock stops a container; the Docker CLI's default. */
export const stopGraceSeconds = 10;

/**
 * Checks that an image exists on the daemon. Slashdock never pulls, so a
 * missing image fails here with a message saying how to get one.
 */
export async function requireLocalImage(docker: Docker, image: string): Promise<void> {
  try {
    await docker.getImage(image).inspect();
  } catch (error) {
    if (dockerStatusCode(error) === 404) {
      throw imageNotFound(image, error);
    }
    throw error;
  }
}

/** Creates the container and reads the name the daemon gave it. */
export async function createRunContainer(
  docker: Docker,
  options: Docker.ContainerCreateOptions,
): Promise<{ container: Docker.Container; identity: ContainerIdentity }> {
  let container: Docker.Container;
  try {
    container = await docker.createContainer(options);
  } catch (error) {
    const status = dockerStatusCode(error);
    if (status === 409 && options.name !== undefined) {
      throw new SlashdockError(
        'docker_failed',
        `A container named "${options.name}" already exists. Choose another --name, or remove the old container first.`,
        { cause: error },
      );
    }
    if (status === 404) {
      throw imageNotFound(options.Image ?? '', error);
    }
    throw error;
  }

  const info = await container.inspect();
  return { container, identity: { id: info.Id, name: info.Name.replace(/^\//, '') } };
}

/**
 * Starts a created container. When the daemon cannot start it (a command
 * that does not exist, for example), the container is removed, because it
 * never ran and has nothing to inspect.
 */
export async function startRunContainer(
  container: Docker.Container,
  logger: Logger,
): Promise<void> {
  try {
    await container.start();
  } catch (error) {
    await removeRunContainer(container, logger);
    const reason = dockerErrorMessage(error) ?? 'the daemon gave no reason';
    throw new SlashdockError(
      'docker_failed',
      `The container could not start, so it was removed: ${reason}. Check the command and the image.`,
      { cause: error },
    );
  }
}

/**
 * Stops a container with SIGTERM, then SIGKILL after the grace period. A
 * container that has already stopped or is gone is not an error.
 */
export async function stopRunContainer(container: Docker.Container, logger: Logger): Promise<void> {
  try {
    await container.stop({ t: stopGraceSeconds });
    logger.info({ containerId: container.id }, 'container stopped');
  } catch (error) {
    const status = dockerStatusCode(error);
    if (status !== 304 && status !== 404) {
      logger.warn({ err: error, containerId: container.id }, 'container stop failed');
    }
  }
}

/** Removes a container, logging rather than throwing, because callers are already cleaning up. */
export async function removeRunContainer(
  container: Docker.Container,
  logger: Logger,
): Promise<boolean> {
  try {
    await container.remove({ force: true });
    return true;
  } catch (error) {
    if (dockerStatusCode(error) === 404) {
      return true;
    }
    logger.warn({ err: error, containerId: container.id }, 'container removal failed');
    return false;
  }
}

/** The exit of a container, as the daemon recorded it. */
export interface RecordedExit {
  exitCode: number;
  oomKilled: boolean;
  /** From the daemon's start and finish times; undefined when they are missing. */
  durationMs: number | undefined;
}

/** Reads a stopped container's exit record; undefined when the container is gone. */
export async function readRecordedExit(
  container: Docker.Container,
): Promise<RecordedExit | undefined> {
  let info: Docker.ContainerInspectInfo;
  try {
    info = await container.inspect();
  } catch (error) {
    if (dockerStatusCode(error) === 404) {
      return undefined;
    }
    throw error;
  }

  const startedAt = Date.parse(info.State.StartedAt);
  const finishedAt = Date.parse(info.State.FinishedAt);
  const durationMs =
    Number.isNaN(startedAt) || Number.isNaN(finishedAt) || finishedAt < startedAt
      ? undefined
      : finishedAt - startedAt;
  return { exitCode: info.State.ExitCode, oomKilled: info.State.OOMKilled, durationMs };
}

function imageNotFound(image: string, cause: unknown): SlashdockError {
  return new SlashdockError(
    'not_found',
    `The image "${image}" was not found on the Docker daemon, and Slashdock never pulls images. Build it with /docker build, or run /docker images to see the images that exist.`,
    { cause },
  );
}
