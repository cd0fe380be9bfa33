import { stripVTControlCharacters } from 'node:util';
import { truncateText } from '../format/truncate.js';

/** Limits on what BuildProgress keeps. Each one has a default. */
export interface BuildProgressOptions {
  /** Number of recent output lines kept for `tail()`. Default 30. */
  maxLines?: number;
  /** Maximum length of a kept line in UTF-16 code units, including the `…` marker. Default 1,000. */
  maxLineLength?: number;
  /** Maximum length of `instruction`, including the `…` marker. Default 80. */
  maxInstructionLength?: number;
}

/**
 * Matches the step header of Docker's classic builder (`Step 4/9 : RUN npm ci`).
 * Multi-stage builds number steps across all stages, so the second number is
 * the step count of the whole Dockerfile.
 */
const stepPattern = /^Step (\d{1,6})\/(\d{1,6}) : (.*)$/;

/** Control characters other than tab, which remain after ANSI escape sequences are removed. */
const controlCharacterPattern = /(?!\t)\p{Cc}/gu;

/**
 * Tracks a classic Docker build from its output lines: the current step, the
 * step count, the current instruction and the most recent lines. The kept
 * state stays small whatever the build prints, because only `maxLines` lines
 * of at most `maxLineLength` characters are kept.
 */
export class BuildProgress {
  private readonly maxLines: number;
  private readonly maxLineLength: number;
  private readonly maxInstructionLength: number;

  /** Ring buffer of recent lines. Once it is full, the oldest line is at `oldestIndex`. */
  private readonly recentLines: string[] = [];
  private oldestIndex = 0;

  private currentStep = 0;
  private stepCount = 0;
  private stepInstruction = '';
  /** Instruction of the last step, capped at the line length rather than the shorter status length. */
  private lastStepInstruction = '';
  private totalLines = 0;

  constructor(options: BuildProgressOptions = {}) {
    this.maxLines = readLimit(options.maxLines, 30, 'maxLines');
    this.maxLineLength = readLimit(options.maxLineLength, 1_000, 'maxLineLength');
    this.maxInstructionLength = readLimit(options.maxInstructionLength, 80, 'maxInstructionLength');
  }

  /** Number of the step that is running, or 0 before the first step. */
  get step(): number {
    return this.currentStep;
  }

  /** Number of steps in the Dockerfile, or 0 before the first step. */
  get totalSteps(): number {
    return this.stepCount;
  }

  /** Instruction of the current step, such as `RUN npm ci`, or '' before the first step. */
  get instruction(): string {
    return this.stepInstruction;
  }

  /** Number of lines received, including those no longer kept. */
  get lineCount(): number {
    return this.totalLines;
  }

  /**
   * Records one line of build output. Text with embedded newlines counts as
   * several lines, so a raw `stream` value from the daemon can be passed as is.
   */
  onLine(line: string): void {
    const text = line.endsWith('\n') ? line.slice(0, -1) : line;

    for (const part of text.split('\n')) {
      this.addLine(cleanLine(part));
    }
  }

  /**
   * Returns the header of the last step seen, such as `Step 4/9 : RUN npm ci`,
   * or undefined before the first step. After a failed build this is the
   * step that failed, because the classic builder stops at the first error.
   */
  failingStep(): string | undefined {
    if (this.currentStep === 0) {
      return undefined;
    }
    return `Step ${this.currentStep}/${this.stepCount} : ${this.lastStepInstruction}`;
  }

  /** Returns the last `count` kept lines, oldest first (all kept lines by default). */
  tail(count: number = this.maxLines): string[] {
    const size = this.recentLines.length;
    const wanted = Math.max(0, Math.min(Math.floor(count), size));
    const lines: string[] = [];

    for (let offset = size - wanted; offset < size; offset += 1) {
      lines.push(this.recentLines[(this.oldestIndex + offset) % size] ?? '');
    }
    return lines;
  }

  private addLine(line: string): void {
    this.totalLines += 1;
    this.parseStep(line);

    const kept = truncateText(line, this.maxLineLength);
    if (this.recentLines.length < this.maxLines) {
      this.recentLines.push(kept);
      return;
    }

    this.recentLines[this.oldestIndex] = kept;
    this.oldestIndex = (this.oldestIndex + 1) % this.maxLines;
  }

  private parseStep(line: string): void {
    const match = stepPattern.exec(line);
    if (match === null) {
      return;
    }

    const step = Number(match[1]);
    const total = Number(match[2]);
    // Command output can print text that looks like a step header. Ignoring
    // impossible numbers keeps the status sane, but a plausible fake header
    // from a RUN command is still taken as a step.
    if (step < 1 || step > total) {
      return;
    }

    const instruction = (match[3] ?? '').trim();
    this.currentStep = step;
    this.stepCount = total;
    this.stepInstruction = truncateText(instruction, this.maxInstructionLength);
    this.lastStepInstruction = truncateText(instruction, this.maxLineLength);
  }
}

/**
 * Reduces a raw output line to the text a terminal would end up showing:
 * ANSI escape sequences are removed, and for `\r` progress updates only the
 * text after the last carriage return is kept.
 */
function cleanLine(raw: string): string {
  const withoutEscapes = stripVTControlCharacters(raw);
  const withoutTrailingReturns = withoutEscapes.replace(/\r+$/, '');
  const lastReturn = withoutTrailingReturns.lastIndexOf('\r');
  const visible =
    lastReturn === -1 ? withoutTrailingReturns : withoutTrailingReturns.slice(lastReturn + 1);

  return visible.replace(controlCharacterPattern, '');
}

function readLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`BuildProgress option ${name} must be a positive integer, got ${value}.`);
  }
  return value;
}
