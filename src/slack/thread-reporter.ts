import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';
import type { ReportFile, Reporter } from '../reporter.js';

/**
 * Reports a command in a channel: the first status posts one message, later
 * statuses and the final result update it in place, and replies and files
 * go to that message's thread.
 */
export class ThreadReporter implements Reporter {
  private messageTs: string | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly channelId: string,
    private readonly logger: Logger,
  ) {}

  get threadId(): string | undefined {
    return this.messageTs;
  }

  async status(text: string): Promise<void> {
    if (this.messageTs === undefined) {
      const response = await this.client.chat.postMessage({
        channel: this.channelId,
        text,
        unfurl_links: false,
      });
      this.messageTs = response.ts;
      this.logger.debug({ channel: this.channelId, ts: response.ts }, 'status message posted');
      return;
    }
    await this.client.chat.update({ channel: this.channelId, ts: this.messageTs, text });
  }

  async reply(text: string): Promise<void> {
    const threadTs = await this.ensureThread();
    await this.client.chat.postMessage({
      channel: this.channelId,
      thread_ts: threadTs,
      text,
      unfurl_links: false,
    });
  }

  async upload(file: ReportFile): Promise<void> {
    const threadTs = await this.ensureThread();
    await this.client.files.uploadV2({
      channel_id: this.channelId,
      thread_ts: threadTs,
      filename: file.filename,
      title: file.title,
      content: file.content,
    });
  }

  async done(text: string): Promise<void> {
    await this.status(text);
  }

  async fail(text: string): Promise<void> {
    await this.status(text);
  }

  private async ensureThread(): Promise<string> {
    if (this.messageTs === undefined) {
      await this.status(':hourglass_flowing_sand: Working…');
    }
    // status() either set the timestamp or threw.
    return this.messageTs ?? '';
  }
}
