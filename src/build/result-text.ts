import { shortId } from '../docker/image-name.js';
import { formatBytes } from '../format/bytes.js';
import { formatDuration } from '../format/duration.js';
import { codeBlock, escapeSlackText, inlineCode } from '../format/slack-escape.js';
import type { RepoSource } from '../git/repo-url.js';
import type { BuildStopReason } from './active-builds.js';

/** Room left for the output tail so that the whole failure text fits one Slack section. */
const maxTailCharacters = 1_800;

export interface BuildSuccess {
  source: RepoSource;
  imageId: string;
  tags: readonly string[];
  sizeBytes: number;
  commitSha: string;
  durationMs: number;
}

export interface BuildFailure {
  source: RepoSource;
  /** The daemon's or Slashdock's error text, already masked. */
  message: string;
  /** `Step N/M : INSTRUCTION` of the step that failed, when the daemon got that far. */
  failingStep: string | undefined;
  outputTail: readonly string[];
  durationMs: number;
  /** Whether --pull asked for newer base images, which can fail although the image is present. */
  pullRequested: boolean;
}

/** The repository, ref and folder as inline code, as people typed them. */
export function describeSource(source: RepoSource): string {
  return inlineCode(sourceText(source));
}

/** The repository with its `#ref:folder` suffix, as plain text. */
export function sourceText(source: RepoSource): string {
  const fragment =
    source.subdir === '' ? (source.ref ?? '') : `${source.ref ?? ''}:${source.subdir}`;
  return fragment === '' ? source.cloneUrl : `${source.cloneUrl}#${fragment}`;
}

export function renderBuildSuccess(result: BuildSuccess): string {
  return [
    `:white_check_mark: Built ${result.tags.map(inlineCode).join(', ')} from ${describeSource(result.source)} in ${formatDuration(result.durationMs)}.`,
    `*Image* ${inlineCode(shortId(result.imageId))} (${inlineCode(result.imageId)}) · *Size* ${formatBytes(result.sizeBytes)} · *Commit* ${inlineCode(result.commitSha.slice(0, 12))}`,
  ].join('\n');
}

export function renderBuildFailure(failure: BuildFailure): string {
  const lines = [
    `:x: Build of ${describeSource(failure.source)} failed after ${formatDuration(failure.durationMs)}.`,
  ];
  if (failure.failingStep !== undefined) {
    lines.push(`*Failed at* ${inlineCode(failure.failingStep)}`);
  }
  const baseImage = baseImageOf(failure.failingStep);
  if (baseImage !== undefined) {
    lines.push(
      failure.pullRequested
        ? `The base image ${inlineCode(baseImage)} could not be pulled, and --pull asks for a pull. Check its name and tag, or build without --pull to use the copy on the daemon.`
        : `The base image ${inlineCode(baseImage)} was not found on the daemon and could not be pulled. Check its name and tag, or ask the operator to make it available.`,
    );
  }
  lines.push(`*Error* ${escapeSlackText(failure.message)}`);

  const tail = keepLastCharacters(failure.outputTail, maxTailCharacters);
  if (tail.length > 0) {
    lines.push(`*Last ${tail.length} lines of output*`, codeBlock(tail.join('\n')));
  }
  return lines.join('\n');
}

export function renderBuildStopped(
  source: RepoSource,
  reason: BuildStopReason,
  durationMs: number,
): string {
  const after = formatDuration(durationMs);
  switch (reason.kind) {
    case 'cancelled':
      return `:no_entry_sign: Build of ${describeSource(source)} was cancelled by <@${reason.userId}> after ${after}. Nothing was left behind.`;
    case 'timed_out':
      return `:alarm_clock: Build of ${describeSource(source)} timed out: it ran longer than ${formatDuration(reason.afterMs)} and was stopped. Ask the operator to raise SLASHDOCK_BUILD_TIMEOUT if it needs longer.`;
    case 'shutdown':
      return `:warning: Build of ${describeSource(source)} was stopped after ${after} because Slashdock is shutting down. Run it again when Slashdock is back.`;
  }
}

/**
 * The image a failed FROM step names. The classic builder fails FROM only
 * when the image is neither on the daemon nor pullable, whatever the
 * registry's wording (not found, denied, or unreachable).
 */
function baseImageOf(failingStep: string | undefined): string | undefined {
  const match = /^Step \d+\/\d+ : FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(failingStep ?? '');
  return match?.[1];
}

function keepLastCharacters(lines: readonly string[], limit: number): string[] {
  const kept: string[] = [];
  let total = 0;
  for (const line of [...lines].reverse()) {
    total += line.length + 1;
    if (total > limit) {
      break;
    }
    kept.unshift(line);
  }
  return kept;
}
