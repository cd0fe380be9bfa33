import { text } from 'node:stream/consumers';
import type Docker from 'dockerode';
import { openDockerStream } from './open-stream.js';

/** `next-exit` reports the coming exit; `removed` waits until an auto-removed container is gone too. */
export type WaitCondition = 'next-exit' | 'removed';

export interface ContainerExit {
  /** The exit code of the container's main process. */
  statusCode: number;
  /** The daemon's error while waiting, such as a failed removal. */
  error: string | undefined;
}

export interface ExitWait {
  /** Resolves when the condition is met; rejects when the wait is cancelled or the connection fails. */
  exited: Promise<ContainerExit>;
  /** Closes the connection, so that the daemon stops waiting and `exited` rejects. */
  cancel: () => void;
}

/**
 * Asks the daemon to report when a container exits, and resolves once the
 * daemon is waiting, so that a container started after this cannot exit
 * unseen, even when it is auto-removed at once. The daemon (API 1.30 and
 * later) sends the response headers as soon as it waits and the body when
 * the condition is met. dockerode's wait() resolves only with the body, so
 * this reads the response as a stream instead, as the Docker CLI does.
 * Aborting `signal` cancels the wait.
 */
export async function registerExitWait(
  docker: Docker,
  containerId: string,
  condition: WaitCondition,
  signal: AbortSignal,
): Promise<ExitWait> {
  const response = await openDockerStream(docker, {
    path: `/containers/${encodeURIComponent(containerId)}/wait?`,
    method: 'POST',
    query: { condition },
    statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such container', 500: 'server error' },
    signal,
  });
  const exited = text(response).then(parseWaitBody);
  // The caller may cancel and never read the result; that must not count as unhandled.
  exited.catch(() => undefined);

  return {
    exited,
    cancel: () => {
      response.destroy(new Error(`The wait for container ${containerId} was cancelled.`));
    },
  };
}

function parseWaitBody(body: string): ContainerExit {
  const parsed = JSON.parse(body) as { StatusCode?: unknown; Error?: { Message?: unknown } | null };
  if (typeof parsed.StatusCode !== 'number') {
    throw new Error(`The daemon's wait response has no exit code: ${body.slice(0, 200)}`);
  }
  const message = parsed.Error?.Message;
  return {
    statusCode: parsed.StatusCode,
    error: typeof message === 'string' && message !== '' ? message : undefined,
  };
}
