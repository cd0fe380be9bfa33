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
