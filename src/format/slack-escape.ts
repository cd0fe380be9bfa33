/**
 * Escapes text that did not come from Slashdock (build output, container
 * names, daemon errors) for Slack's mrkdwn, so it can never mention a user
 * or `@channel`, or render as a link.
 */
export function escapeSlackText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * Wraps text in a Slack code block. Adjacent backticks inside are separated
 * with a zero-width space so that output cannot close the block early.
 */
export function codeBlock(text: string): string {
  const safe = escapeSlackText(text).replace(/`(?=`)/g, '`\u200b');
  return '```\n' + safe + '\n```';
}

/** Formats inline code, for names and IDs taken from Docker. */
export function inlineCode(text: string): string {
  return '`' + escapeSlackText(text).replaceAll('`', "'") + '`';
}
