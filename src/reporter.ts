/** A file to attach to the command's thread, such as a full build log. */
export interface ReportFile {
  filename: string;
  title: string;
  content: string;
}

/** A button under the status message, such as Cancel; `value` identifies the job it acts on. */
export interface ReportAction {
  actionId: string;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
}

/**
 * How a command tells people what is happening, whatever the front end:
 * Slack (a status message updated in place, with a thread below it), the
 * terminal, or a test. Commands never call the Slack Web API themselves.
 */
export interface Reporter {
  /**
   * Shows the command's current state in the status message, replacing the
   * previous state and its buttons.
   */
  status(text: string, actions?: readonly ReportAction[]): Promise<void>;
  /** Adds a detail below the status message, in its thread. */
  reply(text: string): Promise<void>;
  /** Attaches a file to the thread. */
  upload(file: ReportFile): Promise<void>;
  /** Shows the final, successful result in the status message and removes its buttons. */
  done(text: string): Promise<void>;
  /** Shows the final failure in the status message and removes its buttons. */
  fail(text: string): Promise<void>;
  /**
   * Identifies the thread the results go to (a Slack message timestamp),
   * once the status message exists; Docker labels record it.
   */
  readonly threadId: string | undefined;
}
