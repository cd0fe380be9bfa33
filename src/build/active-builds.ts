/** Why a build stopped before it finished. */
export type BuildStopReason =
  | { kind: 'cancelled'; userId: string }
  | { kind: 'timed_out'; afterMs: number }
  | { kind: 'shutdown' };

export interface ActiveBuild {
  jobId: string;
  requesterId: string;
  /** Aborted with a BuildStopReason when the build must stop. */
  signal: AbortSignal;
}

export type CancelResult = 'cancelled' | 'not_found' | 'forbidden' | 'already_stopping';

/**
 * The builds that are queued or running, by job ID, so that a Cancel
 * button or a timeout can stop one, and shutdown can stop all of them.
 */
export class ActiveBuilds {
  private readonly builds = new Map<string, { build: ActiveBuild; controller: AbortController }>();

  /** Registers a build; it stops with reason `shutdown` when `parent` aborts. */
  register(jobId: string, requesterId: string, parent: AbortSignal): ActiveBuild {
    const controller = new AbortController();
    const stopOnShutdown = (): void => {
      controller.abort({ kind: 'shutdown' } satisfies BuildStopReason);
    };
    if (parent.aborted) {
      stopOnShutdown();
    } else {
      parent.addEventListener('abort', stopOnShutdown, { once: true });
      controller.signal.addEventListener('abort', () => {
        parent.removeEventListener('abort', stopOnShutdown);
      });
    }

    const build: ActiveBuild = { jobId, requesterId, signal: controller.signal };
    this.builds.set(jobId, { build, controller });
    return build;
  }

  /** Stops a build when `userId` requested it or is an admin. */
  cancel(jobId: string, userId: string, isAdmin: boolean): CancelResult {
    const entry = this.builds.get(jobId);
    if (entry === undefined) {
      return 'not_found';
    }
    if (entry.build.requesterId !== userId && !isAdmin) {
      return 'forbidden';
    }
    if (entry.controller.signal.aborted) {
      return 'already_stopping';
    }
    entry.controller.abort({ kind: 'cancelled', userId } satisfies BuildStopReason);
    return 'cancelled';
  }

  /** Stops a build that ran longer than its time limit. */
  timeOut(jobId: string, afterMs: number): void {
    this.builds
      .get(jobId)
      ?.controller.abort({ kind: 'timed_out', afterMs } satisfies BuildStopReason);
  }

  requesterOf(jobId: string): string | undefined {
    return this.builds.get(jobId)?.build.requesterId;
  }

  remove(jobId: string): void {
    this.builds.delete(jobId);
  }

  get size(): number {
    return this.builds.size;
  }
}

/** The reason a build's signal was aborted with, or `shutdown` for any other abort. */
export function stopReasonOf(signal: AbortSignal): BuildStopReason {
  const reason: unknown = signal.reason;
  if (typeof reason === 'object' && reason !== null && 'kind' in reason) {
    return reason as BuildStopReason;
  }
  return { kind: 'shutdown' };
}
