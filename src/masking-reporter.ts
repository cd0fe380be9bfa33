import { maskSecrets } from './format/secret-patterns.js';
import type { ReportAction, ReportFile, Reporter } from './reporter.js';

/**
 * Wraps a reporter so that nothing it sends can carry a credential: every
 * text and file content passes through maskSecrets first. Commands mask
 * their own known secrets (build-arg and -e values) before this.
 */
export class MaskingReporter implements Reporter {
  constructor(private readonly inner: Reporter) {}

  get threadId(): string | undefined {
    return this.inner.threadId;
  }

  status(text: string, actions?: readonly ReportAction[]): Promise<void> {
    return this.inner.status(maskSecrets(text), actions);
  }

  reply(text: string): Promise<void> {
    return this.inner.reply(maskSecrets(text));
  }

  upload(file: ReportFile): Promise<void> {
    return this.inner.upload({ ...file, content: maskSecrets(file.content) });
  }

  done(text: string): Promise<void> {
    return this.inner.done(maskSecrets(text));
  }

  fail(text: string): Promise<void> {
    return this.inner.fail(maskSecrets(text));
  }
}
