/**
 * Stable codes for every failure Slashdock reports. Logs and tests match on
 * the code; people read the message.
 */
export type ErrorCode =
  | 'config_invalid'
  | 'usage'
  | 'repo_url_rejected'
  | 'clone_failed'
  | 'ref_not_found'
  | 'context_too_large'
  | 'build_failed'
  | 'dockerfile_missing'
  | 'docker_unreachable'
  | 'docker_failed'
  | 'not_found'
  | 'ambiguous'
  | 'forbidden'
  | 'cancelled'
  | 'timed_out'
  | 'internal';

/**
 * Base of every error Slashdock raises on purpose. `message` is safe to show
 * in Slack: it never contains a token, a credential or a secret value.
 */
export class SlashdockError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SlashdockError';
    this.code = code;
  }
}

/** A command line that does not match the command's usage. */
export class UsageError extends SlashdockError {
  readonly usage: string | undefined;

  constructor(message: string, usage?: string) {
    super('usage', message);
    this.name = 'UsageError';
    this.usage = usage;
  }
}

/** A configuration value that is missing or malformed, named by its variable. */
export class ConfigError extends SlashdockError {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super('config_invalid', `${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/**
 * Wraps anything thrown into a SlashdockError. Unknown errors keep their
 * original as `cause` for the log, and show a generic message, because
 * their text was not written to be shown in Slack.
 */
export function toSlashdockError(error: unknown): SlashdockError {
  if (error instanceof SlashdockError) {
    return error;
  }
  const daemonMessage = dockerErrorMessage(error);
  if (daemonMessage !== undefined) {
    return new SlashdockError(
      'docker_failed',
      `The Docker daemon refused the request: ${daemonMessage}`,
      {
        cause: error,
      },
    );
  }
  if (isDockerConnectionError(error)) {
    return new SlashdockError(
      'docker_unreachable',
      'Could not reach the Docker daemon. Check that it is running and that DOCKER_HOST points at it.',
      { cause: error },
    );
  }
  return new SlashdockError(
    'internal',
    'Slashdock hit an unexpected error. The details are in the app log.',
    {
      cause: error,
    },
  );
}

/**
 * Returns the message of an error response from the Docker daemon, as dockerode
 * reports it: an HTTP status code and the daemon's JSON body. The daemon's
 * text describes the request (an unknown instruction, a missing image),
 * so it is safe and useful to show.
 */
export function dockerErrorMessage(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('statusCode' in error)) {
    return undefined;
  }
  const body = (error as { json?: unknown }).json;
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string' && message.trim() !== '') {
      return message.trim();
    }
  }
  // docker-modem leaves `json` null for some responses and keeps the daemon's
  // text in the message, after "(HTTP code 400) unexpected - ".
  const fromMessage = /^\(HTTP code \d+\) [^-]*- ([\s\S]+)$/.exec(error.message)?.[1]?.trim();
  return fromMessage === undefined || fromMessage === '' ? undefined : fromMessage;
}

const connectionErrorCodes = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE']);

function isDockerConnectionError(error: unknown): boolean {
  if (!(error instanceof Error) || !('code' in error)) {
    return false;
  }
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && connectionErrorCodes.has(code);
}
