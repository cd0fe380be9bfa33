import type { CommandContext, CommandOutcome } from '../command.js';
import type { Logger } from '../logger.js';
import type { ReportAction } from '../reporter.js';
import { promptFooterText } from './confirmation-text.js';
import type { ConfirmedResult } from './pending-confirmations.js';

/** The action ID of the Confirm button under a stop or remove prompt. */
export const confirmActionId = 'confirmation_confirm';
/** The action ID of the Cancel button under a stop or remove prompt. */
export const cancelConfirmationActionId = 'confirmation_cancel';

export interface ConfirmationPrompt {
  /** The question, as mrkdwn: ``:warning: Remove container `web` (…)?``. */
  question: string;
  /** The action in a few words of mrkdwn: ``remove container `web` (`0123456789ab`)``. */
  description: string;
  progressText: string;
  perform: (logger: Logger) => Promise<ConfirmedResult>;
}

/**
 * Shows a destructive action in the status message with Confirm and Cancel
 * buttons, and registers it as pending. Nothing happens until the
 * requester clicks Confirm; the click listener then runs `perform` and
 * writes the result into the same message.
 */
export async function askConfirmation(
  context: CommandContext,
  prompt: ConfirmationPrompt,
): Promise<CommandOutcome> {
  const { confirmations } = context.services;
  const confirmation = confirmations.add({
    requesterId: context.requester.userId,
    description: prompt.description,
    progressText: prompt.progressText,
    reporter: context.reporter,
    logger: context.logger,
    perform: prompt.perform,
  });
  const buttons: ReportAction[] = [
    { actionId: confirmActionId, label: 'Confirm', value: confirmation.id, style: 'danger' },
    { actionId: cancelConfirmationActionId, label: 'Cancel', value: confirmation.id },
  ];

  try {
    await context.reporter.status(
      `${prompt.question}\n${promptFooterText(context.requester.userId, confirmations.timeoutMs)}`,
      buttons,
    );
  } catch (error) {
    confirmations.discard(confirmation.id);
    throw error;
  }
  context.logger.info(
    { confirmationId: confirmation.id, action: prompt.description },
    'confirmation requested',
  );
  return 'succeeded';
}
