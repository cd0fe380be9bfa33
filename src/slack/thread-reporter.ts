import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';
import type { ReportAction, ReportFile, Reporter } from '../reporter.js';
import { statusBlocks } from './message-blocks.js';

/** Slack advises keeping a message's plain text under this length. */
const maxFallbackTextLength = 3_900;

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

  async status(text: string, actions: readonly ReportAction[] = []): Promise<void> {
    const message = {
      channel: this.channelId,
      text: text.slice(0, maxFallbackTextLength),
      blocks: statusBlocks(text, actions),
    };

    if (this.messageTs === undefined) {
      const response = await this.client.chat.postMessage({ ...message, unfurl_links: false });
      this.messageTs = response.ts;
      this.logger.debug({ ts: response.ts }, 'status message posted');
      return;
    }
    await this.client.chat.update({ ...message, ts: this.messageTs });
  }

  async reply(text: string): Promise<void> {
    const threadTs = await this.ensureThread();
    await this.client.chat.postMessage({
      channel: this.channelId,
      thread_ts: threadTs,
      text: text.slice(0, maxFallbackTextLength),
      blocks: statusBlocks(text, []),
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
