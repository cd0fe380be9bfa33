import type { CommandContext, CommandDefinition, CommandOutcome } from './command.js';
import { toSlashdockError } from './errors.js';
import { escapeSlackText } from './format/slack-escape.js';
import type { ParsedArgs } from './parser/parse-args.js';

/**
 * Runs one command to its end and reports a failure through its reporter.
 * Never throws: this is the boundary where any error becomes a message for
 * the requester and one log line with the request's IDs.
 */
export async function executeCommand(
  command: CommandDefinition,
  args: ParsedArgs,
  context: CommandContext,
): Promise<CommandOutcome> {
  const { logger } = context;
  const startedAt = Date.now();
  logger.info({ command: command.name }, 'command started');

  try {
    const outcome = await command.run(context, args);
    logger.info(
      { command: command.name, outcome, durationMs: Date.now() - startedAt },
      'command finished',
    );
    return outcome;
  } catch (error) {
    const failure = toSlashdockError(error);
    logger.error(
      {
        command: command.name,
        code: failure.code,
        err: failure.cause ?? failure,
        durationMs: Date.now() - startedAt,
      },
      'command failed',
    );
    await reportFailure(context, command, failure.message);
    return 'failed';
  }
}

async function reportFailure(
  context: CommandContext,
  command: CommandDefinition,
  message: string,
): Promise<void> {
  try {
    await context.reporter.fail(`:x: \`${command.name}\` failed: ${escapeSlackText(message)}`);
  } catch (error) {
    // NOTE: the result is lost when Slack refuses it here; delivery with
    // retries until a deadline belongs in the Slack layer.
    context.logger.error(
      { command: command.name, err: error },
      'failure report could not be delivered',
    );
  }
}
