import { formatDuration } from '../format/duration.js';
import { escapeSlackText, inlineCode } from '../format/slack-escape.js';

export type BuildPhase = 'queued' | 'cloning' | 'building';

/** State of one build, as the status message shows it. */
export interface BuildStatus {
  phase: BuildPhase;
  /** Slack user ID of the person who requested the build, such as `U123`. */
  requesterId: string;
  /** Repository and ref as display text, such as `github.com/acme/api@main`. */
  source: string;
  /** Number of the running step, or 0 before the first step. */
  step: number;
  /** Number of steps in the Dockerfile, or 0 while unknown. */
  totalSteps: number;
  /** Instruction of the running step, such as `RUN npm ci`. */
  instruction: string;
  /** Time spent so far, in milliseconds. */
  elapsedMs: number;
  /** Place in the build queue, starting at 1; shown only while queued. */
  queuePosition?: number;
  /** Number of builds in the queue; shown only while queued. */
  queueLength?: number;
}

const filledCell = '▓';
const emptyCell = '░';

/** Slack user IDs start with U or W; anything else is shown as text rather than a mention. */
const userIdPattern = /^[UW][A-Z0-9]+$/;

/**
 * Renders the status message of a build in Slack mrkdwn: a headline with the
 * phase, source, requester and elapsed time, then the queue place (queued)
 * or the step and a progress bar (building). Text from the repository is
 * escaped, so an instruction can never mention a user or `@channel`.
 */
export function renderBuildStatus(status: BuildStatus): string {
  const requester = userIdPattern.test(status.requesterId)
    ? `<@${status.requesterId}>`
    : escapeSlackText(status.requesterId);
  const elapsed = formatDuration(Math.max(0, status.elapsedMs));
  const source = inlineCode(status.source);

  switch (status.phase) {
    case 'queued':
      return [
        `:hourglass_flowing_sand: Build of ${source} for ${requester} · ${elapsed}`,
        renderQueuePlace(status.queuePosition, status.queueLength),
      ].join('\n');

    case 'cloning':
      return `:arrow_down: Cloning ${source} for ${requester} · ${elapsed}`;

    case 'building':
      return [
        `:hammer_and_wrench: Building ${source} for ${requester} · ${elapsed}`,
        renderStep(status.step, status.totalSteps, status.instruction),
        renderProgressBar(status.totalSteps > 0 ? status.step / status.totalSteps : 0),
      ].join('\n');
  }
}

/**
 * Renders a fraction as a bar of `cells` characters and a percentage, such
 * as `▓▓▓▓░░░░░░ 44%`. Both round down, so the bar is full and the
 * percentage reaches 100 only at a fraction of 1. A fraction outside 0 to 1
 * is clamped, and NaN counts as 0.
 */
export function renderProgressBar(fraction: number, cells = 10): string {
  if (!Number.isInteger(cells) || cells < 1) {
    throw new RangeError(`Progress bar cells must be a positive integer, got ${cells}.`);
  }

  const clamped = Number.isNaN(fraction) ? 0 : Math.min(1, Math.max(0, fraction));
  const filled = floorFraction(clamped, cells);
  const percent = floorFraction(clamped, 100);

  return `${filledCell.repeat(filled)}${emptyCell.repeat(cells - filled)} ${percent}%`;
}

/**
 * Returns floor(fraction × scale), tolerating binary rounding error: 29/100
 * is stored as 0.28999…, which would otherwise round down to 28.
 */
function floorFraction(fraction: number, scale: number): number {
  return Math.floor(fraction * scale + 1e-9);
}

function renderQueuePlace(position: number | undefined, length: number | undefined): string {
  if (position === undefined) {
    return 'Queued';
  }
  if (length === undefined) {
    return `Queued: position ${position}`;
  }
  return `Queued: position ${position} of ${length}`;
}

function renderStep(step: number, totalSteps: number, instruction: string): string {
  if (step < 1 || totalSteps < 1) {
    return 'Waiting for the first step';
  }
  return `Step ${step}/${totalSteps}: ${inlineCode(instruction)}`;
}
