import type { RespondFn } from '@slack/bolt';
import type { Logger } from '../logger.js';
import type { ReportFile } from '../reporter.js';
import { fitSectionText } from './message-blocks.js';

const inviteHint =
  ':information_source: Slashdock cannot post in this conversation, so only you see this. Invite the app (`/invite @Slashdock`) for live progress and threaded logs.';

/**
 * Replies to the requester through the slash command's response URL when the
 * bot cannot post in the channel. Slack accepts at most five posts to a
 * response URL within 30 minutes, so this sends two: the first status and
 * the final result with every reply collected on the way.
 */
export class ResponseUrlFallback {
  private readonly replies: string[] = [];
  private readonly missingFiles: string[] = [];
  private sentFirstStatus = false;
  private lastStatusText: string | undefined;

  constructor(
    private readonly respond: RespondFn,
    private readonly logger: Logger,
  ) {}

  /** Sends the first status only; later progress would use up the response URL. */
  async status(text: string): Promise<void> {
    if (this.sentFirstStatus) {
      return;
    }
    this.sentFirstStatus = true;
    this.lastStatusText = text;
    await this.send(`${text}\n\n${inviteHint}`);
  }

  reply(text: string): void {
    this.replies.push(text);
  }

  fileNotAttached(file: ReportFile): void {
    this.missingFiles.push(file.title);
  }

  async finish(text: string): Promise<void> {
    const nothingNew =
      text === this.lastStatusText && this.replies.length === 0 && this.missingFiles.length === 0;
    if (nothingNew) {
      return;
    }
    const parts = [text, ...this.replies];
    if (this.missingFiles.length > 0) {
      parts.push(
        `_Not attached here: ${this.missingFiles.join(', ')}. Invite the app to get files in a thread._`,
      );
    }
    parts.push(inviteHint);
    await this.send(parts.join('\n\n'));
  }

  private async send(text: string): Promise<void> {
    try {
      await this.respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: fitSectionText(text),
      });
    } catch (error) {
      // NOTE: a response URL expires 30 minutes after the command; a result
      // that comes later cannot reach a channel the bot is not in.
      this.logger.error({ err: error }, 'reply through the response URL failed');
      throw error;
    }
  }
}
