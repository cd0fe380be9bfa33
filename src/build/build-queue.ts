import Bottleneck from 'bottleneck';
import { SlashdockError } from '../errors.js';

export interface BuildQueueOptions {
  /** Maximum number of builds that run at once across all users. */
  maxConcurrent: number;
  /** Maximum number of builds that run at once for one Slack user. */
  maxPerUser: number;
}

export interface BuildRequest<T> {
  jobId: string;
  userId: string;
  /** Aborting it removes a waiting build from the queue, or is passed to `run` once started. */
  signal: AbortSignal;
  /**
   * Called when the build is queued and whenever its position changes, and never once it
   * has started. `position` is 1 for the first build in line and `waiting` is the queue
   * length. If it throws, the build leaves the queue and its promise rejects with that error.
   * NOTE: position 1 is not always the next to start, because a later build of another
   * user starts first while this build's user is at the per-user limit.
   */
  onPosition: (position: number, waiting: number) => void;
  run: (signal: AbortSignal) => Promise<T>;
}

export interface BuildQueueSnapshot {
  running: number;
  waiting: number;
}

interface QueueEntry {
  request: BuildRequest<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Last position passed to `onPosition`, or 0 before the first call. */
  notifiedPosition: number;
  detachAbortListener: () => void;
}

/**
 * Queues builds so that at most `maxConcurrent` run at once, and at most `maxPerUser` for
 * one user. A free slot goes to the earliest-queued build whose user is under the
 * per-user limit, so one user's backlog never blocks another user's build.
 *
 * Bottleneck 2.19 cannot do the per-user part. A per-user `Bottleneck.Group` chained to
 * a global limiter passes jobs to the global queue only once their user has a free slot,
 * and in an order that can differ from the order they were scheduled in. Bottleneck also
 * cannot remove one queued job when its request is cancelled. So this class keeps its own
 * waiting list and starts a build only when a global slot is free. Every build still runs
 * through a global Bottleneck limiter, which enforces `maxConcurrent` as a second check.
 */
export class BuildQueue {
  private readonly maxConcurrent: number;
  private readonly maxPerUser: number;
  private readonly limiter: Bottleneck;
  private readonly waiting: QueueEntry[] = [];
  private readonly runningByUser = new Map<string, number>();
  private readonly runningJobs = new Set<Promise<void>>();
  private stopped = false;

  constructor(options: BuildQueueOptions) {
    this.maxConcurrent = requirePositiveInteger('maxConcurrent', options.maxConcurrent);
    this.maxPerUser = requirePositiveInteger('maxPerUser', options.maxPerUser);
    this.limiter = new Bottleneck({ maxConcurrent: this.maxConcurrent });
  }

  /**
   * Runs `request.run` once a slot is free and returns its result. Rejects with
   * SlashdockError('cancelled') if the signal aborts before the build starts or the
   * queue is stopped. Errors thrown by `run` are passed through unchanged.
   */
  enqueue<T>(request: BuildRequest<T>): Promise<T> {
    if (this.stopped) {
      return Promise.reject(shutdownError(request.jobId));
    }
    if (request.signal.aborted) {
      return Promise.reject(cancelledError(request));
    }

    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        this.removeWaiting(entry, cancelledError(request));
      };
      const entry: QueueEntry = {
        request,
        resolve: resolve as (value: unknown) => void,
        reject,
        notifiedPosition: 0,
        detachAbortListener: () => {
          request.signal.removeEventListener('abort', onAbort);
        },
      };
      request.signal.addEventListener('abort', onAbort, { once: true });

      this.waiting.push(entry);
      this.startEligible();
      this.notifyPositions();
    });
  }

  /** Counts builds that hold a slot, including any whose `run` Bottleneck has not called yet. */
  snapshot(): BuildQueueSnapshot {
    return { running: this.runningJobs.size, waiting: this.waiting.length };
  }

  /**
   * Rejects every waiting build with SlashdockError('cancelled') and waits until the
   * running builds settle. It does not abort them, because their owners hold the signals.
   * Builds enqueued later are rejected at once.
   */
  async stop(): Promise<void> {
    this.stopped = true;

    for (const entry of this.waiting.splice(0)) {
      entry.detachAbortListener();
      entry.reject(shutdownError(entry.request.jobId));
    }

    await Promise.allSettled([...this.runningJobs]);
  }

  /** Starts waiting builds in queue order, skipping those whose user is at the limit. */
  private startEligible(): void {
    let index = 0;
    while (index < this.waiting.length && this.runningJobs.size < this.maxConcurrent) {
      const entry = this.waiting[index];
      if (entry !== undefined && this.countRunning(entry.request.userId) < this.maxPerUser) {
        this.waiting.splice(index, 1);
        this.start(entry);
      } else {
        index += 1;
      }
    }
  }

  private start(entry: QueueEntry): void {
    const { request } = entry;
    entry.detachAbortListener();
    this.runningByUser.set(request.userId, this.countRunning(request.userId) + 1);

    // Bottleneck calls the task from a timer, so the signal can abort in between.
    // The build then counts as started, but `run` is never called.
    const outcome = this.limiter.schedule(() => {
      if (request.signal.aborted) {
        return Promise.reject(cancelledError(request));
      }
      return request.run(request.signal);
    });

    // The slot is freed, and the next build started, before the caller sees the result.
    const settled: Promise<void> = outcome.then(
      (value) => {
        this.finish(settled, request.userId);
        entry.resolve(value);
      },
      (error: unknown) => {
        this.finish(settled, request.userId);
        entry.reject(error);
      },
    );
    this.runningJobs.add(settled);
  }

  private finish(running: Promise<void>, userId: string): void {
    this.runningJobs.delete(running);

    const count = this.countRunning(userId) - 1;
    if (count > 0) {
      this.runningByUser.set(userId, count);
    } else {
      this.runningByUser.delete(userId);
    }

    this.startEligible();
    this.notifyPositions();
  }

  private removeWaiting(entry: QueueEntry, error: unknown): void {
    const index = this.waiting.indexOf(entry);
    if (index === -1) {
      return;
    }

    this.waiting.splice(index, 1);
    entry.detachAbortListener();
    entry.reject(error);

    this.notifyPositions();
  }

  /** Calls `onPosition` for every waiting build whose position changed since its last call. */
  private notifyPositions(): void {
    for (const [index, entry] of this.waiting.entries()) {
      const position = index + 1;
      if (entry.notifiedPosition === position) {
        continue;
      }

      entry.notifiedPosition = position;
      try {
        entry.request.onPosition(position, this.waiting.length);
      } catch (error) {
        // Removing the build moves the ones behind it, and removeWaiting notifies them.
        this.removeWaiting(entry, error);
        return;
      }
    }
  }

  private countRunning(userId: string): number {
    return this.runningByUser.get(userId) ?? 0;
  }
}

function requirePositiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`BuildQueue ${name} must be a positive integer, got ${value}.`);
  }
  return value;
}

function cancelledError(request: BuildRequest<unknown>): SlashdockError {
  return new SlashdockError('cancelled', `The queued build ${request.jobId} was cancelled.`, {
    cause: request.signal.reason,
  });
}

function shutdownError(jobId: string): SlashdockError {
  return new SlashdockError(
    'cancelled',
    `The queued build ${jobId} was cancelled because Slashdock is shutting down.`,
  );
}
