import { shortId } from '../docker/image-name.js';
import { formatDuration } from '../format/duration.js';
import { mentionUser } from '../format/mention.js';
import { codeBlock, escapeSlackText, inlineCode } from '../format/slack-escape.js';
import { truncateText } from '../format/truncate.js';
import type { StopReason } from '../stoppable-jobs.js';
import { formatCpus } from './cpus.js';
import { formatMemorySize } from './memory-size.js';
import type { RunRequest } from './run-request.js';

/** Output shown under a running container's status, so that the status stays short. */
export const liveOutput = { characters: 1_500, lines: 15 };
/**
 * Output shown with the final result. Slack cuts a section at 3,000
 * characters, and the headline and details take the rest.
 */
export const finalOutput = { characters: 2_300, lines: 40 };

/** The end of a run, as the daemon reported it. */
export interface RunEnd {
  /** Undefined when the container was removed before its exit code could be read. */
  exitCode: number | undefined;
  oomKilled: boolean;
  durationMs: number;
  /** Set when Slashdock stopped the container: a Stop click, a timeout or shutdown. */
  stopReason: StopReason | undefined;
}

export interface ContainerIdentity {
  id: string;
  name: string;
}

/** Formats the image and command as inline code, shell-quoted and with `-e` values masked: `busybox sh -c 'echo hi'`. */
export function describeRun(request: RunRequest, mask: (text: string) => string): string {
  const words = [request.image, ...request.command].map(quoteWord).join(' ');
  return inlineCode(truncateText(mask(words), 200));
}

export function renderRunStarting(description: string, requesterId: string): string {
  return `:hourglass_flowing_sand: Starting ${description} for ${mentionUser(requesterId)}`;
}

/** Renders the status of an attached run while it runs: headline, then the newest output. */
export function renderRunProgress(
  description: string,
  requesterId: string,
  elapsedMs: number,
  output: readonly string[],
): string {
  const headline = `:arrow_forward: Running ${description} for ${mentionUser(requesterId)} · ${formatDuration(Math.max(0, elapsedMs))}`;
  return output.length === 0
    ? `${headline}\n_No output yet._`
    : `${headline}\n${codeBlock(output.join('\n'))}`;
}

/**
 * Renders one line on how a container ended: success, a non-zero exit code,
 * the memory limit, a timeout, a Stop click or shutdown. A memory kill
 * counts only when the exit code is not 0, because on cgroup v1 the daemon
 * sets OOMKilled when any process in the container was killed, even one
 * the main process survived.
 */
export function renderRunHeadline(description: string, end: RunEnd, memoryBytes: number): string {
  const after = formatDuration(end.durationMs);
  const code = end.exitCode === undefined ? '' : ` (exit code ${end.exitCode})`;
  const memory = formatMemorySize(memoryBytes);

  switch (end.stopReason?.kind) {
    case 'timed_out':
      return `:alarm_clock: ${description} timed out after ${formatDuration(end.stopReason.afterMs)} and was stopped${code}. Give it longer with --timeout.`;
    case 'cancelled':
      return `:no_entry_sign: ${description} was stopped by ${mentionUser(end.stopReason.userId)} after ${after}${code}.`;
    case 'shutdown':
      return `:warning: ${description} was stopped after ${after} because Slashdock is shutting down${code}.`;
    case undefined:
      break;
  }

  if (end.exitCode === undefined) {
    return `:grey_question: ${description} ended after ${after}, but its exit code is unknown because the container was removed.`;
  }
  if (end.oomKilled && end.exitCode !== 0) {
    return `:boom: ${description} was killed by its memory limit of ${memory} after ${after}${code}. Give it more with --memory.`;
  }
  if (end.exitCode !== 0) {
    return `:x: ${description} failed with exit code ${end.exitCode} after ${after}.`;
  }
  const warning = end.oomKilled
    ? `\n:warning: A process in it was killed by its memory limit of ${memory}.`
    : '';
  return `:white_check_mark: ${description} exited with code 0 after ${after}.${warning}`;
}

/** Returns whether a run counts as successful: it exited with 0 on its own. */
export function isSuccessfulRun(end: RunEnd): boolean {
  return end.stopReason === undefined && end.exitCode === 0;
}

export interface AttachedResult {
  description: string;
  end: RunEnd;
  container: ContainerIdentity;
  request: RunRequest;
  removed: boolean;
  /** The newest output lines that fit in the message. */
  output: readonly string[];
  totalLines: number;
  /** Whether the full output went to the thread as a file. */
  fileAttached: boolean;
}

/** Renders the final status of an attached run: headline, container details and the end of its output. */
export function renderAttachedResult(result: AttachedResult): string {
  const { request, container } = result;
  const lines = [
    renderRunHeadline(result.description, result.end, request.memoryBytes),
    `*Container* ${inlineCode(container.name)} (${inlineCode(shortId(container.id))})${result.removed ? ', removed' : ''} · *Memory* ${formatMemorySize(request.memoryBytes)} · *CPUs* ${formatCpus(request.nanoCpus)}`,
  ];

  if (result.totalLines === 0) {
    lines.push('_No output._');
  } else if (result.output.length === result.totalLines) {
    lines.push(codeBlock(result.output.join('\n')));
  } else {
    lines.push(
      `*Last ${result.output.length} of ${result.totalLines} lines*`,
      codeBlock(result.output.join('\n')),
    );
  }
  if (result.fileAttached) {
    lines.push('The full output is attached in the thread.');
  }
  return lines.join('\n');
}

/** Renders the final status of a detached run once its container has started. */
export function renderDetachedStarted(
  description: string,
  container: ContainerIdentity,
  request: RunRequest,
  requesterId: string,
): string {
  const removal = request.remove ? ' It is removed when it exits.' : '';
  return [
    `:rocket: Started ${inlineCode(container.name)} (${inlineCode(shortId(container.id))}) from ${description} in the background for ${mentionUser(requesterId)}.`,
    `*Memory* ${formatMemorySize(request.memoryBytes)} · *CPUs* ${formatCpus(request.nanoCpus)} · *Stopped after* ${formatDuration(request.timeoutMs)}`,
    `This thread is told when it exits.${removal}`,
  ].join('\n');
}

/** Quotes a word as a POSIX shell would need it, so the displayed command can be pasted back. */
function quoteWord(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) {
    return word;
  }
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Renders the final status of a run that could not be carried out; `message` is plain text and is escaped here. */
export function renderRunFailure(description: string, message: string): string {
  return `:x: Could not run ${description}: ${escapeSlackText(message)}`;
}
