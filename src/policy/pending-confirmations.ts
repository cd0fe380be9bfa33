import { randomUUID } from 'node:crypto';
import type { CommandOutcome } from '../command.js';
import type { Logger } from '../logger.js';
import type { Reporter } from '../reporter.js';
import { expiredText } from './confirmation-text.js';

/** The outcome of a confirmed action and its final status message. */
export interface ConfirmedResult {
  outcome: CommandOutcome;
  /** The final status message, as mrkdwn. */
  text: string;
}

/** A destructive action waiting for its requester to click Confirm or Cancel. */
export interface ConfirmationRequest {
  requesterId: string;
  /** The action in a few words of mrkdwn, for messages and logs: ``remove container `web` ``. */
  description: string;
  /** The status shown while the action runs: ``Removing container `web`…``. */
  progressText: string;
  /** The reporter of the requesting command, so that the result updates its status message. */
  reporter: Reporter;
  logger: Logger;
  /**
   * Checks the target again and carries out the action; called at most
   * once, with the request's logger bound to the confirmation ID.
   */
  perform: (logger: Logger) => Promise<ConfirmedResult>;
}

export type ConfirmationState = 'pending' | 'running' | 'done' | 'cancelled' | 'expired';

export interface PendingConfirmation extends ConfirmationRequest {
  /** A random UUID, the value of the Confirm and Cancel buttons, so it cannot be guessed. */
  id: string;
  expiresAt: number;
  state: ConfirmationState;
}

export type ConfirmationDecision = 'confirm' | 'cancel';

/** The result of a click: go ahead with the decision, or the reason not to. */
export type ClaimResult =
  | { kind: 'accepted'; confirmation: PendingConfirmation }
  | { kind: 'forbidden'; requesterId: string }
  | { kind: 'not_found' }
  | { kind: 'already'; state: Exclude<ConfirmationState, 'pending'> };

export interface PendingConfirmationsOptions {
  timeoutMs: number;
  /**
   * How long a handled or expired request is remembered, so that a late
   * click gets a reply saying what happened instead of "not found".
   */
  retentionMs?: number;
  /** Runs the expiry announcement without waiting for it, as a tracked job. */
  runInBackground: (job: () => Promise<void>) => void;
  now?: () => number;
}

interface Entry {
  confirmation: PendingConfirmation;
  timer: NodeJS.Timeout | undefined;
}

const defaultRetentionMs = 60 * 60 * 1000;

/**
 * The stop and remove requests waiting for a click, in memory only. When
 * Slashdock restarts they are lost, and a click on an old button gets a
 * reply that the request is not found. Each request moves once from `pending` to
 * `running` (then `done`), `cancelled` or `expired`, so a second click can
 * never run an action twice.
 */
export class PendingConfirmations {
  private readonly entries = new Map<string, Entry>();
  private readonly retentionMs: number;
  private readonly now: () => number;

  constructor(private readonly options: PendingConfirmationsOptions) {
    this.retentionMs = options.retentionMs ?? defaultRetentionMs;
    this.now = options.now ?? Date.now;
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Registers a request; it expires after the timeout unless claimed first. */
  add(request: ConfirmationRequest): PendingConfirmation {
    const confirmation: PendingConfirmation = {
      ...request,
      id: randomUUID(),
      expiresAt: this.now() + this.options.timeoutMs,
      state: 'pending',
    };
    const timer = setTimeout(() => {
      this.expire(confirmation.id);
    }, this.options.timeoutMs);
    // A waiting request must not keep the process alive on its own.
    timer.unref();
    this.entries.set(confirmation.id, { confirmation, timer });
    return confirmation;
  }

  /**
   * Applies a click by `userId`. Only the requester may decide, and only
   * while the request is pending; an accepted confirm moves it to
   * `running`, an accepted cancel to `cancelled`.
   */
  claim(id: string, userId: string, decision: ConfirmationDecision): ClaimResult {
    const entry = this.entries.get(id);
    if (entry === undefined) {
      return { kind: 'not_found' };
    }

    const { confirmation } = entry;
    // The timer may fire late, so the deadline is checked here too.
    if (confirmation.state === 'pending' && this.now() >= confirmation.expiresAt) {
      this.expire(id);
    }
    if (confirmation.state !== 'pending') {
      return { kind: 'already', state: confirmation.state };
    }
    if (userId !== confirmation.requesterId) {
      return { kind: 'forbidden', requesterId: confirmation.requesterId };
    }

    clearTimeout(entry.timer);
    if (decision === 'confirm') {
      confirmation.state = 'running';
      entry.timer = undefined;
    } else {
      confirmation.state = 'cancelled';
      this.forgetLater(entry);
    }
    return { kind: 'accepted', confirmation };
  }

  /** Marks a running request as done once its action has ended, whatever the outcome. */
  finish(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) {
      return;
    }
    entry.confirmation.state = 'done';
    this.forgetLater(entry);
  }

  /** Drops a request whose prompt could not be shown. */
  discard(id: string): void {
    clearTimeout(this.entries.get(id)?.timer);
    this.entries.delete(id);
  }

  /**
   * Stops every timer, at shutdown. NOTE: prompts still waiting keep their
   * buttons in Slack, and a click after the restart gets a reply that the
   * request is not found.
   */
  close(): void {
    for (const entry of this.entries.values()) {
      clearTimeout(entry.timer);
    }
    this.entries.clear();
  }

  private expire(id: string): void {
    const entry = this.entries.get(id);
    if (entry?.confirmation.state !== 'pending') {
      return;
    }
    const { confirmation } = entry;
    confirmation.state = 'expired';
    clearTimeout(entry.timer);
    this.forgetLater(entry);
    confirmation.logger.info({ confirmationId: id }, 'confirmation expired');
    this.options.runInBackground(() => announceExpiry(confirmation, this.options.timeoutMs));
  }

  private forgetLater(entry: Entry): void {
    entry.timer = setTimeout(() => {
      this.entries.delete(entry.confirmation.id);
    }, this.retentionMs);
    entry.timer.unref();
  }
}

async function announceExpiry(confirmation: PendingConfirmation, timeoutMs: number): Promise<void> {
  try {
    await confirmation.reporter.done(expiredText(confirmation.description, timeoutMs));
  } catch (error) {
    confirmation.logger.error(
      { err: error, confirmationId: confirmation.id },
      'expiry could not be shown',
    );
  }
}
