import type { ExecRenderer, SavedFile, TerminalStream } from './exec-renderer.js';
import { toTerminalText } from './terminal-text.js';

/** Durations as formatDuration writes them: `850ms`, `42s`, `3m 05s`, `2h 10m`. */
const durationPattern = /\b\d+(?:ms|s|m|h)(?: \d+(?:s|m))?\b/g;

/**
 * Writes plain lines, for output that goes to a pipe or a file. Each status
 * becomes one line, printed only when more than its elapsed time changed,
 * so that a log shows every step once instead of a line every few seconds.
 * Results go to stdout, failures to stderr.
 */
export class LineRenderer implements ExecRenderer {
  private lastStatusKey: string | undefined;
  private lastHint: string | undefined;

  constructor(
    private readonly stdout: TerminalStream,
    private readonly stderr: TerminalStream,
  ) {}

  status(mrkdwn: string, hint: string | undefined): void {
    const line = toStatusLine(mrkdwn);
    const key = line.replace(durationPattern, '');
    if (key !== this.lastStatusKey) {
      this.lastStatusKey = key;
      this.stdout.write(`${line}\n`);
    }
    if (hint !== undefined && hint !== this.lastHint) {
      this.stdout.write(`${hint}\n`);
    }
    this.lastHint = hint;
  }

  reply(mrkdwn: string): void {
    this.stdout.write(`${toTerminalText(mrkdwn)}\n`);
  }

  upload(file: SavedFile): void {
    this.stdout.write(`${file.title} saved to ${file.path}\n`);
  }

  done(mrkdwn: string): void {
    this.stdout.write(`${toTerminalText(mrkdwn)}\n`);
  }

  fail(mrkdwn: string): void {
    this.stderr.write(`${toTerminalText(mrkdwn)}\n`);
  }

  reject(message: string, usage: string | undefined): void {
    this.stderr.write(usage === undefined ? `${message}\n` : `${message}\n\n${usage}\n`);
  }

  notice(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  keepStatus(): void {
    // Every status is already a line of its own.
  }

  result(): void {
    // The exit status carries the result, and the last text already showed how it ended.
  }
}

/** Joins a multi-line status into one line: `Building x · 4s · Step 2/3: RUN make · ▓▓░ 66%`. */
export function toStatusLine(mrkdwn: string): string {
  return toTerminalText(mrkdwn)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' · ');
}
