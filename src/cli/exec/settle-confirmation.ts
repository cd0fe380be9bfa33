import type { CommandServices } from '../../command.js';
import type { Logger } from '../../logger.js';
import { handleConfirmationClick } from '../../policy/handle-confirmation-click.js';
import { askOnTerminal, type ConfirmationInput } from './ask-on-terminal.js';
import type { ExecRenderer } from './exec-renderer.js';
import { terminalUserId } from './terminal-config.js';
import { toTerminalText } from './terminal-text.js';

/**
 * The end of a confirmation: `confirmed` (the action ran, whatever its
 * result), `declined`, `interrupted` by Ctrl-C, or `unavailable` when the
 * request had already expired and nothing ran.
 */
export type ConfirmationEnd = 'confirmed' | 'declined' | 'interrupted' | 'unavailable';

/**
 * Decides a stop or remove request that a command left waiting for its
 * Confirm button. The answer goes through the same path as a click in
 * Slack, so the action, its checks and its result message are the same.
 */
export async function settleConfirmation(options: {
  confirmationId: string;
  services: CommandServices;
  input: ConfirmationInput;
  renderer: ExecRenderer;
  logger: Logger;
}): Promise<ConfirmationEnd> {
  const { renderer } = options;
  renderer.keepStatus();
  const answer = await askOnTerminal(options.input);
  if (answer.decision === 'cancel' && answer.reason === 'no_terminal') {
    renderer.notice(
      'This request needs a confirmation, and stdin is not a terminal to ask on, so it was cancelled. Run it again with --yes to confirm it.',
    );
  }

  const refusal = await handleConfirmationClick(
    options.services.confirmations,
    {
      confirmationId: options.confirmationId,
      userId: terminalUserId,
      decision: answer.decision,
    },
    options.logger,
  );
  if (refusal !== undefined) {
    renderer.notice(toTerminalText(refusal));
    return 'unavailable';
  }

  if (answer.decision === 'confirm') {
    return 'confirmed';
  }
  return answer.reason === 'interrupted' ? 'interrupted' : 'declined';
}
