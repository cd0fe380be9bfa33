import Bottleneck from 'bottleneck';
import type {
  ChatPostEphemeralArguments,
  ChatPostMessageArguments,
  ChatPostMessageResponse,
  ChatUpdateArguments,
  FilesUploadV2Arguments,
  WebClient,
} from '@slack/web-api';
import type { Logger } from '../../logger.js';
import { backoffDelayMs, classifySlackError } from './slack-call-errors.js';
import { slackRateLimits, type SlackRateLimits } from './slack-rate-limits.js';

/**
 * How much a call matters. A `progress` update may be dropped when Slack
 * or the app is behind, because a newer one follows. A `final` result is
 * retried until it is delivered or `finalDeadlineMs` passes. Everything
 * else is retried for `normalDeadlineMs`.
 */
export type Urgency = 'progress' | 'normal' | 'final';

/** IDs that tie a call to a job in the log. */
export interface CallContext {
  jobId?: string;
  threadTs?: string;
}

export interface SlackSenderOptions {
  limits?: SlackRateLimits;
  finalDeadlineMs?: number;
  normalDeadlineMs?: number;
  /** Progress updates are dropped instead of queued once this many calls wait for the same method. */
  maxQueuedProgress?: number;
  sleep?: (milliseconds: number) => Promise<void>;
  random?: () => number;
}

const priorityOf: Record<Urgency, number> = { final: 1, normal: 4, progress: 8 };

/**
 * The one path for every Web API call Slashdock makes. Each method has its
 * own Bottleneck limiter that keeps Slack's published rate (per channel for
 * chat.postMessage), so one limited method never stalls the others. The
 * Web API client's own retries are off: a 429 here waits for its
 * Retry-After on that method only, and 5xx answers, timeouts and network
 * errors back off and retry. Limiters are FIFO within a priority and each
 * status message has at most one update in flight, so a chatty job waits
 * its turn and cannot starve others.
 */
export class SlackSender {
  private readonly postMessageLimiters: Bottleneck.Group;
  private readonly updateLimiter: Bottleneck;
  private readonly tier4Limiter: Bottleneck;
  private readonly blockedUntil = new Map<string, number>();
  private readonly finalDeadlineMs: number;
  private readonly normalDeadlineMs: number;
  private readonly maxQueuedProgress: number;
  private readonly sleep: (milliseconds: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    options: SlackSenderOptions = {},
  ) {
    const limits = options.limits ?? slackRateLimits;
    this.postMessageLimiters = new Bottleneck.Group({
      maxConcurrent: 1,
      minTime: limits.postMessageIntervalMs,
    });
    this.updateLimiter = new Bottleneck({ maxConcurrent: 1, minTime: limits.updateIntervalMs });
    this.tier4Limiter = new Bottleneck({ maxConcurrent: 1, minTime: limits.tier4IntervalMs });
    this.finalDeadlineMs = options.finalDeadlineMs ?? 15 * 60_000;
    this.normalDeadlineMs = options.normalDeadlineMs ?? 2 * 60_000;
    this.maxQueuedProgress = options.maxQueuedProgress ?? 5;
    this.sleep =
      options.sleep ??
      ((milliseconds) =>
        new Promise((resolve) => {
          setTimeout(resolve, milliseconds);
        }));
    this.random = options.random ?? Math.random;
  }

  postMessage(
    args: ChatPostMessageArguments,
    urgency: Urgency,
    context: CallContext = {},
  ): Promise<ChatPostMessageResponse> {
    const limiter = this.postMessageLimiters.key(args.channel);
    return this.send('chat.postMessage', limiter, urgency, context, () =>
      this.client.chat.postMessage(args),
    );
  }

  /** Updates a message; a dropped progress update resolves without calling Slack. */
  async update(
    args: ChatUpdateArguments,
    urgency: Urgency,
    context: CallContext = {},
  ): Promise<void> {
    if (urgency === 'progress' && this.updateLimiter.counts().QUEUED >= this.maxQueuedProgress) {
      this.logger.debug(
        { ...context, method: 'chat.update' },
        'progress update dropped, Slack is behind',
      );
      return;
    }
    await this.send('chat.update', this.updateLimiter, urgency, context, () =>
      this.client.chat.update(args),
    );
  }

  async postEphemeral(
    args: ChatPostEphemeralArguments,
    urgency: Urgency,
    context: CallContext = {},
  ): Promise<void> {
    await this.send('chat.postEphemeral', this.tier4Limiter, urgency, context, () =>
      this.client.chat.postEphemeral(args),
    );
  }

  async uploadFile(
    args: FilesUploadV2Arguments,
    urgency: Urgency,
    context: CallContext = {},
  ): Promise<void> {
    await this.send('files.uploadV2', this.tier4Limiter, urgency, context, () =>
      this.client.files.uploadV2(args),
    );
  }

  /** Stops accepting calls; queued ones are dropped. */
  async stop(): Promise<void> {
    await Promise.all([
      this.updateLimiter.stop({ dropWaitingJobs: true }),
      this.tier4Limiter.stop({ dropWaitingJobs: true }),
      ...this.postMessageLimiters
        .limiters()
        .map(({ limiter }) => limiter.stop({ dropWaitingJobs: true })),
    ]);
  }

  private async send<T>(
    method: string,
    limiter: Bottleneck,
    urgency: Urgency,
    context: CallContext,
    call: () => Promise<T>,
  ): Promise<T> {
    const startedAt = Date.now();
    const deadline =
      startedAt +
      (urgency === 'final'
        ? this.finalDeadlineMs
        : urgency === 'normal'
          ? this.normalDeadlineMs
          : 0);

    for (let attempt = 0; ; attempt += 1) {
      await this.waitWhileBlocked(method);
      try {
        return await limiter.schedule({ priority: priorityOf[urgency] }, call);
      } catch (error) {
        const failure = classifySlackError(error);
        if (failure.kind === 'platform' || failure.kind === 'permanent') {
          throw error;
        }

        const delayMs =
          failure.kind === 'rate_limited'
            ? failure.retryAfterMs
            : backoffDelayMs(attempt, this.random);
        if (failure.kind === 'rate_limited') {
          // Slack limits per method, so every call to this method waits.
          this.blockedUntil.set(method, Date.now() + delayMs);
        }
        if (urgency === 'progress' || Date.now() + delayMs > deadline) {
          throw error;
        }

        this.logger.warn(
          { ...context, method, attempt: attempt + 1, delayMs, reason: failure },
          'Slack call failed, retrying',
        );
        await this.sleep(delayMs);
      }
    }
  }

  private async waitWhileBlocked(method: string): Promise<void> {
    const waitMs = (this.blockedUntil.get(method) ?? 0) - Date.now();
    if (waitMs > 0) {
      await this.sleep(waitMs);
    }
  }
}
