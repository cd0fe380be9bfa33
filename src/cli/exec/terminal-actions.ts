import { cancelBuildActionId } from '../../build/run-build.js';
import type { CommandServices } from '../../command.js';
import { confirmActionId } from '../../policy/ask-confirmation.js';
import type { ReportAction } from '../../reporter.js';
import { stopRunActionId } from '../../run/run-attached.js';
import type { CancelResult } from '../../stoppable-jobs.js';

/** The Ctrl-C action of a status with a Cancel or Stop button. */
export interface InterruptTarget {
  /** The line shown under the status, in place of the button. */
  hint: string;
  /** Presses the button as `userId`, an admin. */
  press: (userId: string) => CancelResult;
  /** The job, such as `the build`, for the "Cancelling …" notice. */
  description: string;
}

/**
 * Finds the button that Ctrl-C replaces: a build's Cancel or an attached
 * run's Stop. Pressing it goes through the same registry as a click in
 * Slack, so the command stops and cleans up exactly as it does there.
 */
export function findInterruptTarget(
  actions: readonly ReportAction[],
  services: CommandServices,
): InterruptTarget | undefined {
  for (const action of actions) {
    if (action.actionId === cancelBuildActionId) {
      return {
        hint: 'Press Ctrl-C to cancel the build.',
        description: 'the build',
        press: (userId) => services.activeBuilds.cancel(action.value, userId, true),
      };
    }
    if (action.actionId === stopRunActionId) {
      return {
        hint: 'Press Ctrl-C to stop the container.',
        description: 'the container',
        press: (userId) => services.activeRuns.cancel(action.value, userId, true),
      };
    }
  }
  return undefined;
}

/** Returns the ID of the stop or remove request that a status awaits confirmation for, if any. */
export function findConfirmationId(actions: readonly ReportAction[]): string | undefined {
  return actions.find((action) => action.actionId === confirmActionId)?.value;
}
