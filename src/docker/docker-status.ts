import { dockerErrorMessage } from '../errors.js';

/**
 * Returns the HTTP status code of an error response from the Docker
 * daemon, as docker-modem sets it (`304`, `404`, `409`...), or undefined for any other
 * error, such as a refused connection.
 */
export function dockerStatusCode(error: unknown): number | undefined {
  if (!(error instanceof Error) || !('statusCode' in error)) {
    return undefined;
  }
  const code = (error as { statusCode?: unknown }).statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** The outcomes of a failed remove call that are results rather than faults. */
export type RemoveFailure = { kind: 'gone' } | { kind: 'conflict'; daemonMessage: string };

/**
 * Sorts the error of a container or image remove call: 404 means the
 * object is already gone, 409 a conflict with the daemon's explanation.
 * Any other error is thrown again.
 */
export function classifyRemoveError(error: unknown): RemoveFailure {
  const status = dockerStatusCode(error);
  if (status === 404) {
    return { kind: 'gone' };
  }
  if (status === 409) {
    return { kind: 'conflict', daemonMessage: dockerErrorMessage(error) ?? 'conflict' };
  }
  throw error;
}
