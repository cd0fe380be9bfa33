/** The reason a job (a build, an attached run) stopped before it finished. */
export type StopReason =
  | { kind: 'cancelled'; userId: string }
  | { kind: 'timed_out'; afterMs: number }
  | { kind: 'shutdown' };

export interface StoppableJob {
  jobId: string;
  requesterId: string;
  /** Aborted with a StopReason when the job must stop. */
  signal: AbortSignal;
}

export type CancelResult = 'cancelled' | 'not_found' | 'forbidden' | 'already_stopping';

/**
 * The jobs that are queued or running, by job ID, so that a button under
 * their status message or a timeout can stop one, and shutdown can stop
 * all of them. Builds and attached runs each keep one registry.
 */
export class StoppableJobs {
  private readonly jobs = new Map<string, { job: StoppableJob; controller: AbortController }>();

  /** Registers a job; it stops with reason `shutdown` when `parent` aborts. */
  register(jobId: string, requesterId: string, parent: AbortSignal): StoppableJob {
    const controller = new AbortController();
    const stopOnShutdown = (): void => {
      controller.abort({ kind: 'shutdown' } satisfies StopReason);
    };
    if (parent.aborted) {
      stopOnShutdown();
    } else {
      parent.addEventListener('abort', stopOnShutdown, { once: true });
      controller.signal.addEventListener('abort', () => {
        parent.removeEventListener('abort', stopOnShutdown);
      });
    }

    const job: StoppableJob = { jobId, requesterId, signal: controller.signal };
    this.jobs.set(jobId, { job, controller });
    return job;
  }

  /** Stops a job when `userId` requested it or is an admin. */
  cancel(jobId: string, userId: string, isAdmin: boolean): CancelResult {
    const entry = this.jobs.get(jobId);
    if (entry === undefined) {
      return 'not_found';
    }
    if (entry.job.requesterId !== userId && !isAdmin) {
      return 'forbidden';
    }
    if (entry.controller.signal.aborted) {
      return 'already_stopping';
    }
    entry.controller.abort({ kind: 'cancelled', userId } satisfies StopReason);
    return 'cancelled';
  }

  /** Stops a job that ran longer than its time limit. */
  timeOut(jobId: string, afterMs: number): void {
    this.jobs.get(jobId)?.controller.abort({ kind: 'timed_out', afterMs } satisfies StopReason);
  }

  requesterOf(jobId: string): string | undefined {
    return this.jobs.get(jobId)?.job.requesterId;
  }

  remove(jobId: string): void {
    this.jobs.delete(jobId);
  }

  get size(): number {
    return this.jobs.size;
  }
}

/** Reads the reason a job's signal was aborted with, or `shutdown` for any other abort. */
export function stopReasonOf(signal: AbortSignal): StopReason {
  const reason: unknown = signal.reason;
  if (typeof reason === 'object' && reason !== null && 'kind' in reason) {
    return reason as StopReason;
  }
  return { kind: 'shutdown' };
}
