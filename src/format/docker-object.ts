import { shortId } from '../docker/image-name.js';
import { mentionUser } from './mention.js';
import { inlineCode } from './slack-escape.js';

/** Formats a container or image as mrkdwn, name or tag then short ID: `` `web` (`0123456789ab`) ``. */
export function objectLabel(name: string, id: string): string {
  return `${inlineCode(name)} (${inlineCode(shortId(id))})`;
}

/** Describes who made an object: `started by @user`, or `not created by Slashdock` without an owner label. */
export function createdByText(ownerId: string | undefined, verb: 'started' | 'built'): string {
  return ownerId === undefined ? 'not created by Slashdock' : `${verb} by ${mentionUser(ownerId)}`;
}

/** Describes a container state from the daemon (`running`, `exited`...) in words for a sentence. */
export function containerStateText(state: string): string {
  switch (state) {
    case 'exited':
      return 'stopped';
    case 'created':
      return 'created but never started';
    default:
      return state;
  }
}
