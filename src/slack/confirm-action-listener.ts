import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { JobTracker } from '../job-tracker.js';
import type { Logger } from '../logger.js';
import { confirmActionId } from '../policy/ask-confirmation.js';
import { handleConfirmationClick } from '../policy/handle-confirmation-click.js';
import type { PendingConfirmations } from '../policy/pending-confirmations.js';

type ConfirmButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * Handles the Confirm and Cancel buttons under a stop or remove prompt.
 * The click is handled as a tracked job, so that shutdown waits for a
 * removal in progress, and acknowledged at once, because Slack gives
 * three seconds. The person who clicked gets any refusal in a message only
 * they can see.
 */
export function createConfirmActionListener(deps: {
  confirmations: PendingConfirmations;
  jobs: JobTracker;
  logger: Logger;
}) {
  return async ({ ack, action, body, respond }: ConfirmButtonArgs): Promise<void> => {
    const click = {
      confirmationId: action.value ?? '',
      userId: body.user.id,
      decision: action.action_id === confirmActionId ? ('confirm' as const) : ('cancel' as const),
    };
    deps.jobs.start(async () => {
      const reply = await handleConfirmationClick(deps.confirmations, click, deps.logger);
      if (reply === undefined) {
        return;
      }
      try {
        await respond({ response_type: 'ephemeral', replace_original: false, text: reply });
      } catch (error) {
        deps.logger.warn(
          { err: error, confirmationId: click.confirmationId, user: click.userId },
          'reply to a confirmation click could not be sent',
        );
      }
    });
    // The job runs synchronously only up to its first Docker or Slack call,
    // so the acknowledgement still goes out at once.
    await ack();
  };
}
