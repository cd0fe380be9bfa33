import { toSlashdockError } from '../errors.js';
import { escapeSlackText } from '../format/slack-escape.js';
import { mentionUser } from '../format/mention.js';
import type { Logger } from '../logger.js';
import { cancelledText } from './confirmation-text.js';
import type {
  ConfirmationDecision,
  ConfirmationState,
  PendingConfirmation,
  PendingConfirmations,
} from './pending-confirmations.js';

export interface ConfirmationClick {
  confirmationId: string;
  userId: string;
  decision: ConfirmationDecision;
}

/**
 * Handles a click on Confirm or Cancel. The requester's click runs or
 * cancels the action and updates the status message; any other click
 * changes nothing. Returns a message for the person who clicked, visible
 * only to them, or undefined when the status message shows the outcome. Never
 * throws: failures are reported in the status message and logged.
 */
export async function handleConfirmationClick(
  confirmations: PendingConfirmations,
  click: ConfirmationClick,
  logger: Logger,
): Promise<string | undefined> {
  const claim = confirmations.claim(click.confirmationId, click.userId, click.decision);
  logger.info(
    {
      confirmationId: click.confirmationId,
      user: click.userId,
      decision: click.decision,
      result: claim.kind === 'already' ? claim.state : claim.kind,
    },
    'confirmation clicked',
  );

  switch (claim.kind) {
    case 'not_found':
      return 'This request is no longer waiting for an answer: it was handled or expired a while ago, or Slashdock restarted since. Run the command again if you still need it.';
    case 'forbidden':
      return `:lock: Only ${mentionUser(claim.requesterId)} can confirm or cancel this request, because they asked for it. Run the command yourself if you need it.`;
    case 'already':
      return alreadyText(claim.state);
    case 'accepted':
      break;
  }

  const { confirmation } = claim;
  if (click.decision === 'cancel') {
    await report(confirmation, cancelledText(confirmation.description, click.userId), 'done');
    confirmation.logger.info({ confirmationId: confirmation.id }, 'confirmation cancelled');
    return undefined;
  }

  await performConfirmed(confirmation);
  confirmations.finish(confirmation.id);
  return undefined;
}

async function performConfirmed(confirmation: PendingConfirmation): Promise<void> {
  const logger = confirmation.logger.child({ confirmationId: confirmation.id });

  try {
    // Replacing the prompt removes its buttons while the action runs.
    await confirmation.reporter.status(`:hourglass_flowing_sand: ${confirmation.progressText}`);
  } catch (error) {
    logger.warn({ err: error }, 'progress status could not be shown');
  }

  try {
    const result = await confirmation.perform(logger);
    await report(confirmation, result.text, result.outcome === 'succeeded' ? 'done' : 'fail');
  } catch (error) {
    const failure = toSlashdockError(error);
    logger.error({ code: failure.code, err: failure.cause ?? failure }, 'confirmed action failed');
    await report(
      confirmation,
      `:x: Could not ${confirmation.description}: ${escapeSlackText(failure.message)}`,
      'fail',
    );
  }
}

async function report(
  confirmation: PendingConfirmation,
  text: string,
  kind: 'done' | 'fail',
): Promise<void> {
  try {
    await (kind === 'done' ? confirmation.reporter.done(text) : confirmation.reporter.fail(text));
  } catch (error) {
    // NOTE: the result is lost when Slack rejects it; the action itself
    // has already happened and is logged.
    confirmation.logger.error(
      { err: error, confirmationId: confirmation.id },
      'confirmation result could not be delivered',
    );
  }
}

function alreadyText(state: Exclude<ConfirmationState, 'pending'>): string {
  switch (state) {
    case 'running':
      return 'This request is already being carried out; the message above shows the result when it ends.';
    case 'done':
      return 'This request was already confirmed and carried out, so nothing more was done. The message above shows the result.';
    case 'cancelled':
      return 'This request was cancelled, so nothing was done. Run the command again if you need it.';
    case 'expired':
      return 'This request expired before it was confirmed, so nothing was done. Run the command again if you still need it.';
  }
}
