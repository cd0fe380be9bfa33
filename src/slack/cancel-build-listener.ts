import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ActiveBuilds } from '../build/active-builds.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

type CancelButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Handles a click on a build's Cancel button. Only the requester or an
 * admin may cancel; anyone else gets a message only they can see. The
 * build itself writes the final status once it has stopped and cleaned up.
 */
export function createCancelBuildListener(deps: {
  activeBuilds: ActiveBuilds;
  config: Config;
  logger: Logger;
}) {
  return async ({ ack, action, body, respond }: CancelButtonArgs): Promise<void> => {
    await ack();

    const jobId = action.value ?? '';
    const userId = body.user.id;
    const isAdmin = deps.config.admins.includes(userId);
    const requesterId = deps.activeBuilds.requesterOf(jobId);
    const result = deps.activeBuilds.cancel(jobId, userId, isAdmin);
    deps.logger.info({ jobId, user: userId, result }, 'build cancel requested');

    switch (result) {
      case 'forbidden':
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `:lock: Only <@${requesterId ?? 'the requester'}> or a Slashdock admin can cancel this build.`,
        });
        return;
      case 'not_found':
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: 'This build has already finished, so there is nothing to cancel.',
        });
        return;
      case 'already_stopping':
      case 'cancelled':
        return;
    }
  };
}
