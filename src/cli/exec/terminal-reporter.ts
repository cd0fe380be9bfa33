import type { ReportAction, ReportFile, Reporter } from '../../reporter.js';
import type { ExecRenderer, SavedFile } from './exec-renderer.js';

export interface TerminalReporterOptions {
  renderer: ExecRenderer;
  /** Stores an attached file and returns where it was written. */
  saveFile: (file: ReportFile) => Promise<SavedFile>;
  /** The line that replaces the buttons of a status, when they have a terminal equivalent. */
  hintFor: (actions: readonly ReportAction[]) => string | undefined;
}

/**
 * The Reporter of `slashdock exec`: what Slack would show in the status
 * message and its thread goes to the terminal through a renderer, and
 * attached files are saved on disk. It remembers the buttons of the latest
 * status, because Ctrl-C and the confirmation prompt stand in for them.
 */
export class TerminalReporter implements Reporter {
  private actions: readonly ReportAction[] = [];
  private finalKind: 'done' | 'fail' | undefined;

  constructor(private readonly options: TerminalReporterOptions) {}

  /** No Slack thread exists, so the `slashdock.thread` label stays empty. */
  get threadId(): undefined {
    return undefined;
  }

  /** Buttons under the current status; empty once the command has a final result. */
  get currentActions(): readonly ReportAction[] {
    return this.actions;
  }

  /** Whether the last final result was a success (`done`) or a failure (`fail`); undefined before one. */
  get lastResult(): 'done' | 'fail' | undefined {
    return this.finalKind;
  }

  status(text: string, actions: readonly ReportAction[] = []): Promise<void> {
    this.actions = actions;
    this.options.renderer.status(text, this.options.hintFor(actions));
    return Promise.resolve();
  }

  reply(text: string): Promise<void> {
    this.options.renderer.reply(text);
    return Promise.resolve();
  }

  async upload(file: ReportFile): Promise<void> {
    const saved = await this.options.saveFile(file);
    this.options.renderer.upload(saved);
  }

  done(text: string): Promise<void> {
    this.actions = [];
    this.finalKind = 'done';
    this.options.renderer.done(text);
    return Promise.resolve();
  }

  fail(text: string): Promise<void> {
    this.actions = [];
    this.finalKind = 'fail';
    this.options.renderer.fail(text);
    return Promise.resolve();
  }
}
