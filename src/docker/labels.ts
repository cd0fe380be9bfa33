import type { Requester } from '../command.js';

/**
 * Label keys on every image and container Slashdock creates. Docker itself
 * is the record of who owns what, so these must survive restarts and never
 * hold secrets.
 */
export const labelKeys = {
  user: 'slashdock.user',
  team: 'slashdock.team',
  channel: 'slashdock.channel',
  thread: 'slashdock.thread',
  command: 'slashdock.command',
} as const;

/**
 * Reads one label. The daemon sends `null` for objects without labels,
 * which dockerode's types do not admit, so the value is checked here.
 */
export function readLabel(
  labels: Readonly<Record<string, string>> | null | undefined,
  key: string,
): string | undefined {
  const value = labels?.[key];
  return value === '' ? undefined : value;
}

/** Labels recording who asked for an object, where, and with which command. */
export function ownerLabels(
  requester: Requester,
  threadId: string | undefined,
  commandName: string,
): Record<string, string> {
  return {
    [labelKeys.user]: requester.userId,
    [labelKeys.team]: requester.teamId,
    [labelKeys.channel]: requester.channelId,
    [labelKeys.thread]: threadId ?? '',
    [labelKeys.command]: commandName,
  };
}
