import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';

/** The kind of a failed Web API call, which decides whether to try it again. */
export type SlackCallFailure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'transient'; detail: string }
  | { kind: 'platform'; error: string }
  | { kind: 'permanent'; detail: string };

/**
 * Sorts a Web API error: a 429 waits for its Retry-After, 5xx responses,
 * timeouts and network errors are transient, and Slack's own `ok: false`
 * responses (not_in_channel, invalid_blocks, ...) will not change on retry.
 */
export function classifySlackError(error: unknown): SlackCallFailure {
  if (error instanceof WebAPIRateLimitedError) {
    return { kind: 'rate_limited', retryAfterMs: Math.max(1, error.retryAfter) * 1_000 };
  }
  if (error instanceof WebAPIPlatformError) {
    return { kind: 'platform', error: error.data.error };
  }
  if (error instanceof WebAPIHTTPError) {
    return error.statusCode >= 500
      ? { kind: 'transient', detail: `HTTP ${error.statusCode}` }
      : { kind: 'permanent', detail: `HTTP ${error.statusCode}` };
  }
  if (error instanceof WebAPIRequestError) {
    return { kind: 'transient', detail: error.original.message };
  }
  return { kind: 'permanent', detail: error instanceof Error ? error.message : String(error) };
}

/** Returns the Slack error string of a platform error, such as `not_in_channel`. */
export function slackPlatformError(error: unknown): string | undefined {
  return error instanceof WebAPIPlatformError ? error.data.error : undefined;
}

/**
 * Exponential backoff with full jitter: up to 1 s, 2 s, 4 s, … capped at
 * 30 s, so that many jobs retrying at once do not hit Slack together.
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 1_000 * 2 ** attempt);
  return Math.max(250, Math.round(random() * ceiling));
}
