/** A timer ID: Node's Timeout object, or a number from a test clock. */
export type TimerHandle = NodeJS.Timeout | number;

/** Time source and timers, injectable so that tests control time. */
export interface CoalescerClock {
  /** Current time in milliseconds; only differences between readings are used. */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface UpdateCoalescerOptions {
  /** Writes one text, for example by updating the Slack status message. */
  send: (text: string) => Promise<void>;
  /** Receives the error of a failed send. Must not throw. */
  onError: (error: unknown) => void;
  /** Minimum time between the starts of two sends, in milliseconds. Default 2,000. */
  intervalMs?: number;
  clock?: CoalescerClock;
}

/**
 * The real clock. Each call reads the global functions at call time, so
 * vitest fake timers installed after import still take effect.
 */
export const systemClock: CoalescerClock = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => {
    clearTimeout(handle);
  },
};

/**
 * Limits how often one message is rewritten. The first text is sent at
 * once; after that at most one send starts per `intervalMs`, and only the
 * newest text pushed in between is sent. Sends never overlap, so an older
 * text cannot overwrite a newer one.
 */
export class UpdateCoalescer {
  private readonly send: (text: string) => Promise<void>;
  private readonly onError: (error: unknown) => void;
  private readonly intervalMs: number;
  private readonly clock: CoalescerClock;

  /** Newest text not yet sent. */
  private pending: string | undefined;
  private inFlight: Promise<void> | undefined;
  private lastSendStartedAt: number | undefined;
  private timer: TimerHandle | undefined;
  private closed = false;

  constructor(options: UpdateCoalescerOptions) {
    const intervalMs = options.intervalMs ?? 2_000;
    if (!Number.isFinite(intervalMs) || intervalMs < 0) {
      throw new RangeError(
        `UpdateCoalescer intervalMs must be a finite number of at least 0, got ${intervalMs}.`,
      );
    }

    this.send = options.send;
    this.onError = options.onError;
    this.intervalMs = intervalMs;
    this.clock = options.clock ?? systemClock;
  }

  /** Records `text` as the newest text and sends it when the interval allows. Ignored after close(). */
  push(text: string): void {
    if (this.closed) {
      return;
    }

    this.pending = text;
    this.schedule();
  }

  /**
   * Sends the pending text now, without waiting for the interval, and
   * resolves when no send is in flight and nothing is pending. Failed sends
   * go to onError, so this never rejects.
   */
  async flush(): Promise<void> {
    this.cancelTimer();

    while (this.inFlight !== undefined || this.pending !== undefined) {
      if (this.inFlight !== undefined) {
        await this.inFlight;
      } else {
        this.startSend();
      }
    }
  }

  /**
   * Stops all further sends and drops the pending text. Resolves once a send
   * that was already in flight has finished, so a final text written after
   * that cannot be overwritten by a late progress update.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.pending = undefined;
    this.cancelTimer();

    if (this.inFlight !== undefined) {
      await this.inFlight;
    }
  }

  /** Starts a send now if the interval has passed, or sets a timer for when it will. */
  private schedule(): void {
    if (this.closed || this.pending === undefined) {
      return;
    }
    // A running send calls schedule() again when it finishes, and a set
    // timer will fire, so either one already covers the pending text.
    if (this.inFlight !== undefined || this.timer !== undefined) {
      return;
    }

    const waitMs =
      this.lastSendStartedAt === undefined
        ? 0
        : this.lastSendStartedAt + this.intervalMs - this.clock.now();
    if (waitMs <= 0) {
      this.startSend();
      return;
    }

    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, waitMs);
  }

  private startSend(): void {
    const text = this.pending;
    if (text === undefined) {
      return;
    }

    this.cancelTimer();
    this.pending = undefined;
    this.lastSendStartedAt = this.clock.now();

    // The cleanup runs in a then() callback, which is always asynchronous,
    // so it cannot run before inFlight is assigned, even when send throws
    // synchronously.
    this.inFlight = this.deliver(text).then(() => {
      this.inFlight = undefined;
      this.schedule();
    });
  }

  private async deliver(text: string): Promise<void> {
    try {
      await this.send(text);
    } catch (error) {
      this.onError(error);
    }
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
