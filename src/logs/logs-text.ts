import { shortId } from '../docker/image-name.js';
import { formatDuration } from '../format/duration.js';
import { mentionUser } from '../format/mention.js';
import { codeBlock, inlineCode } from '../format/slack-escape.js';
import type { LogsRequest } from './logs-request.js';

/** Characters of output in the preview reply; the thread shows the rest as a file. */
export const previewCharacters = 2_500;

export interface LogsSummary {
  request: LogsRequest;
  containerId: string;
  containerName: string;
  requesterId: string;
  totalLines: number;
  previewLines: number;
  fileAttached: boolean;
}

/** Renders the status message of a logs request: which container, which lines, and where they are. */
export function renderLogsSummary(summary: LogsSummary): string {
  const { request } = summary;
  const container = `${inlineCode(summary.containerName)} (${inlineCode(shortId(summary.containerId))})`;
  const window =
    request.sinceMs === undefined ? '' : ` from the last ${formatDuration(request.sinceMs)}`;
  const head = `:page_facing_up: Logs of ${container} for ${mentionUser(summary.requesterId)}`;

  if (summary.totalLines === 0) {
    return `${head}: no output${window}.`;
  }
  const noun = summary.totalLines === 1 ? 'line' : 'lines';
  const where = summary.fileAttached
    ? `the last ${summary.previewLines} in the thread, all of them in the attached file`
    : 'in the thread';
  return `${head}: ${summary.totalLines} ${noun}${window} (at most ${request.tail}), ${where}.`;
}

/** Renders the preview reply: the newest lines in a code block. */
export function renderLogsPreview(lines: readonly string[], totalLines: number): string {
  const heading =
    lines.length === totalLines ? '' : `*Last ${lines.length} of ${totalLines} lines*\n`;
  return `${heading}${codeBlock(lines.join('\n'))}`;
}
