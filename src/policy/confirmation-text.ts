import { formatDuration } from '../format/duration.js';
import { mentionUser } from '../format/mention.js';

/** Formats the line under a confirmation prompt: who may confirm it and for how long. */
export function promptFooterText(requesterId: string, timeoutMs: number): string {
  return `_Only ${mentionUser(requesterId)} can confirm or cancel. The request expires in ${formatDuration(timeoutMs)}._`;
}

/** Formats the status message after the requester clicked Cancel. */
export function cancelledText(description: string, userId: string): string {
  return `:heavy_multiplication_x: Cancelled by ${mentionUser(userId)}: ${description}. Nothing was changed.`;
}

/** Formats the status message of a request that was not confirmed in time. */
export function expiredText(description: string, timeoutMs: number): string {
  return `:hourglass: Not confirmed within ${formatDuration(timeoutMs)}, so nothing was done: ${description}. Run the command again if you still need it.`;
}
