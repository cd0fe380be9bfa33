import { ActiveBuilds } from './build/active-builds.js';
import { BuildQueue } from './build/build-queue.js';
import type { CommandServices } from './command.js';
import type { Config } from './config.js';
import { systemHostResolver, type HostResolver } from './git/host-addresses.js';
import { JobTracker } from './job-tracker.js';
import { PendingConfirmations } from './policy/pending-confirmations.js';
import { StoppableJobs } from './stoppable-jobs.js';

export interface CommandServicesOptions {
  /**
   * Starts a job without waiting for it, such as announcing that a
   * confirmation expired; the front end tracks it so that shutdown waits.
   */
  runInBackground: (job: () => Promise<void>) => void;
  /** Resolves repository host names; tests inject one so that no public name is looked up. */
  resolveHost?: HostResolver;
}

/**
 * Creates the state every command shares, the same way for each front end
 * (the Slack app and the terminal runner).
 */
export function createCommandServices(
  config: Config,
  options: CommandServicesOptions,
): CommandServices {
  return {
    buildQueue: new BuildQueue({
      maxConcurrent: config.build.maxConcurrent,
      maxPerUser: config.build.maxPerUser,
    }),
    activeBuilds: new ActiveBuilds(),
    activeRuns: new StoppableJobs(),
    backgroundJobs: new JobTracker(),
    resolveHost: options.resolveHost ?? systemHostResolver,
    confirmations: new PendingConfirmations({
      timeoutMs: config.confirmation.timeoutMs,
      runInBackground: options.runInBackground,
    }),
  };
}
