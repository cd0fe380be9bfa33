import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { StoppableJobs } from '../stoppable-jobs.js';

type StopButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Handles a click on an attached run's Stop button. Only the requester or
 * an admin may stop it; anyone else gets a message only they can see. The
 * run itself stops the container and writes the final status.
 */
export function createStopRunListener(deps: {
  activeRuns: StoppableJobs;
  config: Config;
  logger: Logger;
}) {
  return async ({ ack, action, body, respond }: StopButtonArgs): Promise<void> => {
    await ack();

    const jobId = action.value ?? '';
    const userId = body.user.id;
    const isAdmin = deps.config.admins.includes(userId);
    const requesterId = deps.activeRuns.requesterOf(jobId);
    const result = deps.activeRuns.cancel(jobId, userId, isAdmin);
    deps.logger.info({ jobId, user: userId, result }, 'run stop requested');

    switch (result) {
      case 'forbidden':
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `:lock: Only <@${requesterId ?? 'the requester'}> or a Slashdock admin can stop this container.`,
        });
        return;
      case 'not_found':
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: 'This run has already finished, so there is nothing to stop.',
        });
        return;
      case 'already_stopping':
      case 'cancelled':
        return;
    }
  };
}
