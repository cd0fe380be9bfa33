import type { ExecRenderer, ExecResult, SavedFile, TerminalStream } from './exec-renderer.js';
import { toTerminalText } from './terminal-text.js';

/**
 * Writes one JSON object per line to stdout for each event, so that
 * scripts can follow a command: `status`, `reply`, `upload`, `done` and
 * `fail`, then `result`. Texts come twice: `text` for people and `mrkdwn`
 * as Slack would show it. Notices for the person at the terminal go to
 * stderr as text, so that stdout stays parseable.
 */
export class JsonRenderer implements ExecRenderer {
  constructor(
    private readonly stdout: TerminalStream,
    private readonly stderr: TerminalStream,
    private readonly now: () => Date = () => new Date(),
  ) {}

  status(mrkdwn: string, hint: string | undefined): void {
    this.write('status', { ...texts(mrkdwn), ...(hint === undefined ? {} : { hint }) });
  }

  reply(mrkdwn: string): void {
    this.write('reply', texts(mrkdwn));
  }

  upload(file: SavedFile): void {
    this.write('upload', { ...file });
  }

  done(mrkdwn: string): void {
    this.write('done', texts(mrkdwn));
  }

  fail(mrkdwn: string): void {
    this.write('fail', texts(mrkdwn));
  }

  reject(message: string, usage: string | undefined): void {
    this.write('fail', {
      text: message,
      rejected: true,
      ...(usage === undefined ? {} : { usage }),
    });
  }

  notice(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  keepStatus(): void {
    // Every status is already a line of its own.
  }

  result(result: ExecResult): void {
    this.write('result', { ...result, command: result.command ?? null });
  }

  private write(event: string, fields: Record<string, unknown>): void {
    this.stdout.write(`${JSON.stringify({ event, time: this.now().toISOString(), ...fields })}\n`);
  }
}

function texts(mrkdwn: string): { text: string; mrkdwn: string } {
  return { text: toTerminalText(mrkdwn), mrkdwn };
}
