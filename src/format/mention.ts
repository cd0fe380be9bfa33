import { inlineCode } from './slack-escape.js';

// The shape of Slack user IDs, as SLASHDOCK_ADMINS accepts them.
const slackUserIdPattern = /^[UW][A-Z0-9]{2,}$/;

/** Checks whether text has the shape of a Slack user ID (U… or W…), so it can go into a mention. */
export function isSlackUserId(text: string): boolean {
  return slackUserIdPattern.test(text);
}

/**
 * Formats a Slack user as a mention. Owner labels are plain Docker labels
 * that anyone with access to the daemon can set, so a value that is not a
 * user ID is shown as inline code instead, and can never become
 * `<!channel>` or a link.
 */
export function mentionUser(userId: string): string {
  return isSlackUserId(userId) ? `<@${userId}>` : inlineCode(userId);
}
