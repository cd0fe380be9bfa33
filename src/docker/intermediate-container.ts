import type Docker from 'dockerode';
import type { Logger } from '../logger.js';
import { dockerStatusCode } from './docker-status.js';

/** Matches the classic builder's line naming the container a step runs in. */
const runningInPattern = /^ ---> Running in ([0-9a-f]{12,64})$/;

/** The container ID a build output line names, if it is a "Running in" line. */
export function intermediateContainerOf(line: string): string | undefined {
  return runningInPattern.exec(line)?.[1];
}

/**
 * Makes sure the container a stopped build step ran in is gone. The daemon
 * removes it by itself after the build's connection closes (the build runs
 * with forcerm), but asynchronously, so this waits for that first and
 * removes the container only if the daemon has not done so in time.
 */
export async function removeIntermediateContainer(
  docker: Docker,
  containerId: string,
  logger: Logger,
  waitMs = 10_000,
): Promise<void> {
  const container = docker.getContainer(containerId);
  const deadline = Date.now() + waitMs;

  while (Date.now() < deadline) {
    if (!(await exists(container))) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  logger.warn({ containerId }, 'intermediate container still present, removing it');
  try {
    await container.remove({ force: true });
  } catch (error) {
    if (dockerStatusCode(error) !== 404) {
      logger.error({ err: error, containerId }, 'intermediate container could not be removed');
    }
  }
}

async function exists(container: Docker.Container): Promise<boolean> {
  try {
    await container.inspect();
    return true;
  } catch (error) {
    if (dockerStatusCode(error) === 404) {
      return false;
    }
    throw error;
  }
}
