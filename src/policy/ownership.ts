import { labelKeys, readLabel } from '../docker/labels.js';
import { mentionUser } from '../format/mention.js';

export interface OwnershipCheck {
  allowed: boolean;
  /** The Slack user in the object's `slashdock.user` label; undefined when Slashdock did not create it. */
  ownerId: string | undefined;
}

/**
 * Decides whether a user may stop or remove a container or image. Its
 * owner (the `slashdock.user` label) may, admins may act on anything, and
 * an object without the label was not created by Slashdock, so only
 * admins may touch it.
 */
export function checkOwnership(
  labels: Readonly<Record<string, string>> | null | undefined,
  userId: string,
  admins: readonly string[],
): OwnershipCheck {
  const ownerId = readLabel(labels, labelKeys.user);
  const allowed = admins.includes(userId) || (ownerId !== undefined && ownerId === userId);
  return { allowed, ownerId };
}

export interface RefusalSubject {
  /** `Container` or `Image`, as the sentence starts. */
  kind: 'Container' | 'Image';
  /** The object as mrkdwn, such as `` `web` (`0123456789ab`) ``. */
  label: string;
  /** The verb for how Slashdock made it: `started` or `built`. */
  createdVerb: string;
  /** The requested action: `stop` or `remove`. */
  action: string;
}

/**
 * Formats the message for a rejected request: whose the object is and who
 * can act on it, with the admins as mentions so that the user sees whom to
 * ask.
 */
export function ownershipRefusalText(
  subject: RefusalSubject,
  ownerId: string | undefined,
  admins: readonly string[],
): string {
  const ownerSentence =
    ownerId === undefined
      ? `${subject.kind} ${subject.label} was not created by Slashdock, so only a Slashdock admin can ${subject.action} it.`
      : `${subject.kind} ${subject.label} was ${subject.createdVerb} by ${mentionUser(ownerId)}, so only ${mentionUser(ownerId)} or a Slashdock admin can ${subject.action} it.`;
  const adminList =
    admins.length === 0
      ? 'No admins are configured (SLASHDOCK_ADMINS).'
      : `Admins: ${admins.map(mentionUser).join(', ')}.`;
  return `:lock: ${ownerSentence} ${adminList}`;
}
