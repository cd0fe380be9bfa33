import type { RespondFn } from '@slack/bolt';
import type { Logger } from '../logger.js';
import { truncateText } from '../format/truncate.js';
import type { ReportAction, ReportFile, Reporter } from '../reporter.js';
import { slackPlatformError } from './delivery/slack-call-errors.js';
import type { SlackSender, Urgency } from './delivery/slack-sender.js';
import { fitSectionText, maxSectionTextLength, statusBlocks } from './message-blocks.js';
import { ResponseUrlFallback } from './response-url-fallback.js';

/** Slack advises keeping a message's plain text under 4,000 characters. */
const maxFallbackTextLength = 3_900;

/** Slack errors that mean the bot cannot post in the channel the command came from. */
const cannotPostErrors = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** Slack errors that a plain-text message of safe length avoids. */
const contentErrors = new Set(['invalid_blocks', 'msg_too_long', 'invalid_blocks_format']);

export interface ThreadReporterOptions {
  sender: SlackSender;
  channelId: string;
  logger: Logger;
  /** The slash command's response_url, used when the bot cannot post in the channel. */
  respond: RespondFn;
}

/**
 * Reports a command in a channel: the first status posts one message, later
 * statuses and the final result update it in place, and replies and files
 * go to that message's thread. When the bot cannot post in the channel
 * (a private channel or DM it is not in), it replies to the requester through
 * the response URL instead, as few times as possible.
 */
export class ThreadReporter implements Reporter {
  private messageTs: string | undefined;
  private fallback: ResponseUrlFallback | undefined;

  constructor(private readonly options: ThreadReporterOptions) {}

  get threadId(): string | undefined {
    return this.messageTs;
  }

  async status(text: string, actions: readonly ReportAction[] = []): Promise<void> {
    if (this.fallback !== undefined) {
      await this.fallback.status(text);
      return;
    }
    if (this.messageTs === undefined) {
      await this.postStatusMessage(text, actions);
      return;
    }
    await this.updateStatusMessage(text, actions, 'progress');
  }

  async reply(text: string): Promise<void> {
    if (this.fallback !== undefined) {
      this.fallback.reply(text);
      return;
    }

    const threadTs = await this.ensureThread();
    // Posting the status message may have switched to the fallback.
    const fallback = this.currentFallback();
    if (fallback !== undefined) {
      fallback.reply(text);
      return;
    }
    const fits = text.length <= maxSectionTextLength;
    await this.options.sender.postMessage(
      {
        channel: this.options.channelId,
        thread_ts: threadTs,
        text: truncateText(text, maxFallbackTextLength),
        blocks: statusBlocks(fits ? text : fitSectionText(text), []),
        unfurl_links: false,
        unfurl_media: false,
      },
      'normal',
      this.callContext(),
    );
    if (!fits) {
      // The preview was cut; the whole text goes to the thread as a file.
      await this.upload({
        filename: 'message.txt',
        title: 'Full text of the message above',
        content: text,
      });
    }
  }

  async upload(file: ReportFile): Promise<void> {
    if (this.fallback !== undefined) {
      this.fallback.fileNotAttached(file);
      return;
    }
    const threadTs = await this.ensureThread();
    const fallback = this.currentFallback();
    if (fallback !== undefined) {
      fallback.fileNotAttached(file);
      return;
    }
    await this.options.sender.uploadFile(
      {
        channel_id: this.options.channelId,
        thread_ts: threadTs,
        filename: file.filename,
        title: file.title,
        content: file.content,
      },
      'normal',
      this.callContext(),
    );
  }

  async done(text: string): Promise<void> {
    await this.finish(text);
  }

  async fail(text: string): Promise<void> {
    await this.finish(text);
  }

  private async finish(text: string): Promise<void> {
    if (this.fallback === undefined && this.messageTs === undefined) {
      await this.postStatusMessage(text, []);
    } else if (this.fallback === undefined) {
      await this.updateStatusMessage(text, [], 'final');
    }
    await this.currentFallback()?.finish(text);
  }

  private currentFallback(): ResponseUrlFallback | undefined {
    return this.fallback;
  }

  private async postStatusMessage(text: string, actions: readonly ReportAction[]): Promise<void> {
    try {
      const response = await this.options.sender.postMessage(
        {
          channel: this.options.channelId,
          text: truncateText(text, maxFallbackTextLength),
          blocks: statusBlocks(text, actions),
          unfurl_links: false,
          unfurl_media: false,
        },
        'normal',
        this.callContext(),
      );
      this.messageTs = response.ts;
      this.options.logger.debug({ ts: response.ts }, 'status message posted');
    } catch (error) {
      const slackError = slackPlatformError(error);
      if (slackError === undefined || !cannotPostErrors.has(slackError)) {
        throw error;
      }
      this.options.logger.info(
        { channel: this.options.channelId, slackError },
        'bot cannot post in channel, answering through the response URL',
      );
      this.fallback = new ResponseUrlFallback(this.options.respond, this.options.logger);
      await this.fallback.status(text);
    }
  }

  private async updateStatusMessage(
    text: string,
    actions: readonly ReportAction[],
    urgency: Urgency,
  ): Promise<void> {
    const message = {
      channel: this.options.channelId,
      ts: this.messageTs ?? '',
      text: truncateText(text, maxFallbackTextLength),
      blocks: statusBlocks(text, actions),
    };
    try {
      await this.options.sender.update(message, urgency, this.callContext());
    } catch (error) {
      const slackError = slackPlatformError(error);
      if (urgency !== 'final' || slackError === undefined || !contentErrors.has(slackError)) {
        throw error;
      }
      // A final result must arrive even when Slack rejects its formatting:
      // send it again as plain text of a length Slack always accepts.
      this.options.logger.warn(
        { slackError, ...this.callContext() },
        'final update rejected, sending plain text',
      );
      await this.options.sender.update(
        { channel: message.channel, ts: message.ts, text: fitSectionText(text), blocks: [] },
        'final',
        this.callContext(),
      );
    }
  }

  private async ensureThread(): Promise<string> {
    if (this.messageTs === undefined && this.fallback === undefined) {
      await this.postStatusMessage(':hourglass_flowing_sand: Working…', []);
    }
    return this.messageTs ?? '';
  }

  private callContext(): { threadTs?: string } {
    return this.messageTs === undefined ? {} : { threadTs: this.messageTs };
  }
}
