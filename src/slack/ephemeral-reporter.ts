import type { RespondFn } from '@slack/bolt';
import { codeBlock } from '../format/slack-escape.js';
import type { ReportFile, Reporter } from '../reporter.js';

/**
 * Replies only to the requester, through the slash command's `response_url`,
 * for quick lookups such as `ps`. Replies are collected and sent with the
 * final result as one message, since a response URL takes only five posts.
 */
export class EphemeralReporter implements Reporter {
  private readonly replies: string[] = [];

  constructor(private readonly respond: RespondFn) {}

  get threadId(): undefined {
    return undefined;
  }

  status(): Promise<void> {
    return Promise.resolve();
  }

  reply(text: string): Promise<void> {
    this.replies.push(text);
    return Promise.resolve();
  }

  upload(file: ReportFile): Promise<void> {
    // A response URL cannot carry files, so the content goes inline; the
    // commands that reply ephemerally keep their output short.
    this.replies.push(`*${file.title}*\n${codeBlock(file.content)}`);
    return Promise.resolve();
  }

  async done(text: string): Promise<void> {
    await this.send(text);
  }

  async fail(text: string): Promise<void> {
    await this.send(text);
  }

  private async send(text: string): Promise<void> {
    await this.respond({ response_type: 'ephemeral', text: [text, ...this.replies].join('\n\n') });
  }
}
