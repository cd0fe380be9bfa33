/** A file a command attached, as saved on disk. */
export interface SavedFile {
  filename: string;
  title: string;
  /** Path of the written file, relative to the working directory when it is inside it. */
  path: string;
  bytes: number;
}

/**
 * The end of a run of `slashdock exec`: `rejected` means bad input and
 * nothing ran, `declined` a stop or remove request nobody confirmed,
 * `interrupted` a Ctrl-C.
 */
export type ExecOutcome = 'succeeded' | 'failed' | 'rejected' | 'declined' | 'interrupted';

export interface ExecResult {
  /** The command name, or undefined when the text named no known command. */
  command: string | undefined;
  outcome: ExecOutcome;
  exitCode: number;
}

/**
 * Shows what a command reports in one terminal format: a status line
 * updated in place (TTY), plain lines (pipes), or JSON lines. Texts arrive
 * as the Slack mrkdwn the command wrote.
 */
export interface ExecRenderer {
  /** Shows the current state, and in `hint` what Ctrl-C does now, when it does something. */
  status(mrkdwn: string, hint: string | undefined): void;
  reply(mrkdwn: string): void;
  upload(file: SavedFile): void;
  done(mrkdwn: string): void;
  fail(mrkdwn: string): void;
  /** A request rejected before anything ran, with the usage of the command when known. */
  reject(message: string, usage: string | undefined): void;
  /** A message for the person at the terminal, such as "Cancelling…", that is not part of the result. */
  notice(text: string): void;
  /** Leaves the current status on screen as it is, so that a prompt can follow it on a line of its own. */
  keepStatus(): void;
  result(result: ExecResult): void;
}

/** The stream parts the renderers use; `process.stdout` and `process.stderr` have them. */
export interface TerminalStream {
  write(text: string): boolean;
  isTTY?: boolean;
  columns?: number;
}
