/**
 * Keeps track of commands that run after their Slack request was
 * acknowledged, so that shutdown can cancel them and wait for their cleanup,
 * and tests can wait until every job has finished.
 */
export class JobTracker {
  private readonly running = new Set<Promise<unknown>>();
  private readonly controller = new AbortController();

  /** Aborted when the app shuts down; jobs pass it to git and Docker calls. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get size(): number {
    return this.running.size;
  }

  /** Starts a job without waiting for it. The job must not throw; its errors are its own to report. */
  start(job: () => Promise<unknown>): void {
    const promise = job().finally(() => {
      this.running.delete(promise);
    });
    this.running.add(promise);
  }

  /** Resolves once every job started so far, and every job they started, has ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running]);
    }
  }

  /** Cancels every running job and waits until they have cleaned up. */
  async shutdown(): Promise<void> {
    this.controller.abort();
    await this.idle();
  }
}
