/**
 * How often Slashdock calls each Web API method. Slack publishes these
 * limits per app and workspace (https://docs.slack.dev/apis/web-api/rate-limits):
 * chat.postMessage about one message per second per channel, chat.update
 * Tier 3 (50+ a minute), chat.postEphemeral and the file upload methods
 * Tier 4 (100+ a minute). Keeping to them avoids 429 responses rather than
 * recovering from them.
 */
export interface SlackRateLimits {
  /** Minimum time between two chat.postMessage calls to one channel. */
  postMessageIntervalMs: number;
  /** Minimum time between two chat.update calls, across all channels. */
  updateIntervalMs: number;
  /** Minimum time between two chat.postEphemeral or file upload calls. */
  tier4IntervalMs: number;
}

export const slackRateLimits: SlackRateLimits = {
  postMessageIntervalMs: 1_000,
  updateIntervalMs: 1_200,
  tier4IntervalMs: 600,
};
