import type { IncomingMessage } from 'node:http';
import { addAbortSignal } from 'node:stream';
import type Docker from 'dockerode';

export interface StreamRequest {
  /** API path ending in `?`, to which docker-modem appends the query: `/containers/ID/logs?`. */
  path: string;
  method: 'GET' | 'POST';
  query: Record<string, string | number | boolean>;
  /** The daemon's documented response codes: `true` for success, else a short reason for the error. */
  statusCodes: Record<number, true | string>;
  signal: AbortSignal;
}

/**
 * Sends a request to the Docker daemon and resolves with the response body
 * as a stream as soon as the headers arrive, for responses that come slowly
 * or are large. dockerode buffers whole bodies for most endpoints. Aborting
 * `signal` closes the connection, also after the headers have arrived.
 */
export async function openDockerStream(
  docker: Docker,
  request: StreamRequest,
): Promise<IncomingMessage> {
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    docker.modem.dial(
      {
        path: request.path,
        method: request.method,
        isStream: true,
        abortSignal: request.signal,
        statusCodes: request.statusCodes,
        options: { ...request.query },
      },
      (error, result) => {
        if (error === null) {
          resolve(result as IncomingMessage);
        } else {
          reject(error);
        }
      },
    );
  });

  // docker-modem passes the signal to the request only, which no longer
  // reaches a response that has arrived.
  addAbortSignal(request.signal, response);
  return response;
}
