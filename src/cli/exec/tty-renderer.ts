import type { ExecRenderer, SavedFile, TerminalStream } from './exec-renderer.js';
import { toTerminalText } from './terminal-text.js';

/** Returns to the first column and erases from there to the end of the screen. */
const eraseDown = '\r\u001b[J';

/** Moves the cursor up `lines` lines. */
function cursorUp(lines: number): string {
  return lines > 0 ? `\u001b[${lines}A` : '';
}

/**
 * Draws the status on a terminal as a block of lines that each update
 * rewrites in place, with the Ctrl-C hint as its last line. Every line is
 * cut to the terminal's width so that none wraps, which keeps the number
 * of lines to move up exact. Replies and results are printed above the
 * block, which is drawn again below them until the command ends.
 */
export class TtyRenderer implements ExecRenderer {
  private block: string[] = [];
  private drawnLines = 0;

  constructor(
    private readonly stdout: TerminalStream,
    private readonly stderr: TerminalStream,
  ) {}

  status(mrkdwn: string, hint: string | undefined): void {
    const lines = toTerminalText(mrkdwn)
      .split('\n')
      .filter((line) => line.trim() !== '');
    this.block = hint === undefined ? lines : [...lines, hint];
    this.redraw();
  }

  reply(mrkdwn: string): void {
    this.printAbove(this.stdout, toTerminalText(mrkdwn));
  }

  upload(file: SavedFile): void {
    this.printAbove(this.stdout, `${file.title} saved to ${file.path}`);
  }

  done(mrkdwn: string): void {
    this.block = [];
    this.printAbove(this.stdout, toTerminalText(mrkdwn));
  }

  fail(mrkdwn: string): void {
    this.block = [];
    this.printAbove(this.stderr, toTerminalText(mrkdwn));
  }

  reject(message: string, usage: string | undefined): void {
    this.block = [];
    this.printAbove(this.stderr, usage === undefined ? message : `${message}\n\n${usage}`);
  }

  notice(text: string): void {
    this.printAbove(this.stderr, text);
  }

  keepStatus(): void {
    // Printed again uncut, because a question cut to the width is no use.
    this.erase();
    if (this.block.length > 0) {
      this.stdout.write(`${this.block.join('\n')}\n`);
    }
    this.block = [];
  }

  result(): void {
    this.erase();
  }

  private printAbove(stream: TerminalStream, text: string): void {
    this.erase();
    stream.write(`${text}\n`);
    this.redraw();
  }

  private redraw(): void {
    this.erase();
    if (this.block.length === 0) {
      return;
    }
    // A pseudo-terminal without a size reports 0 columns.
    const columns = this.stdout.columns ?? 0;
    const width = Math.max(20, (columns > 0 ? columns : 80) - 1);
    this.stdout.write(this.block.map((line) => cutToWidth(line, width)).join('\n'));
    this.drawnLines = this.block.length;
  }

  private erase(): void {
    if (this.drawnLines === 0) {
      return;
    }
    this.stdout.write(`${cursorUp(this.drawnLines - 1)}${eraseDown}`);
    this.drawnLines = 0;
  }
}

/**
 * Cuts a line to `width` characters, ending it with `…` when cut.
 * NOTE: counts code points, so wide characters (CJK, emoji) may still wrap.
 */
export function cutToWidth(line: string, width: number): string {
  const characters = Array.from(line);
  return characters.length <= width ? line : `${characters.slice(0, width - 1).join('')}…`;
}
