import { containerArgumentProblem } from '../src/docker/object-argument.js';
import type { CommandContext, CommandDefinition, CommandOutcome } from '../src/command.js';
import { inspectContainerIfExists } from '../src/docker/inspect-if-exists.js';
import { containerName, resolveContainer } from '../src/docker/resolve-container.js';
import { stopContainer } from '../src/docker/stop-container.js';
import { UsageError } from '../src/errors.js';
import { containerStateText, createdByText, objectLabel } from '../src/format/docker-object.js';
import { mentionUser } from '../src/format/mention.js';
import type { Logger } from '../src/logger.js';
import { flagValue, type ParsedArgs } from '../src/parser/parse-args.js';
import { askConfirmation } from '../src/policy/ask-confirmation.js';
import { checkOwnership, ownershipRefusalText } from '../src/policy/ownership.js';
import type { ConfirmedResult } from '../src/policy/pending-confirmations.js';

/** The longest `--time` accepted: the stop call waits this long at most before the kill. */
const maxStopTimeoutSeconds = 600;

/** Container states in which a process runs and `docker stop` has something to stop. */
const runningStates = new Set(['running', 'paused', 'restarting']);

export const stopCommand: CommandDefinition = {
  name: 'stop',
  usage: '[OPTIONS] CONTAINER',
  summary:
    'Stop a running container after you confirm. CONTAINER is a name, an ID or a unique ID prefix.',
  flags: [
    {
      long: 'time',
      short: 't',
      valueName: 'SECONDS',
      description: `Seconds to wait for the container to exit before killing it, 0 to ${maxStopTimeoutSeconds} (default: the container's stop timeout, 10 unless set).`,
    },
  ],
  checkArguments: (positionals) =>
    positionals.length === 1
      ? containerArgumentProblem(positionals[0] ?? '')
      : positionals.length === 0
        ? 'stop needs a container name or ID.'
        : 'stop takes one container; stop several with one command each.',
  validate: (args) => {
    readStopTimeout(args);
  },
  destructive: true,
  output: 'thread',
  run: runStop,
};

async function runStop(context: CommandContext, args: ParsedArgs): Promise<CommandOutcome> {
  const { docker, requester, config, reporter } = context;
  const timeoutSeconds = readStopTimeout(args);
  const container = await resolveContainer(docker, args.positionals[0] ?? '');
  const label = objectLabel(containerName(container), container.Id);

  const ownership = checkOwnership(container.Labels, requester.userId, config.admins);
  if (!ownership.allowed) {
    context.logger.info(
      { containerId: container.Id, owner: ownership.ownerId },
      'stop rejected: requester does not own the container',
    );
    await reporter.fail(
      ownershipRefusalText(
        { kind: 'Container', label, createdVerb: 'started', action: 'stop' },
        ownership.ownerId,
        config.admins,
      ),
    );
    return 'failed';
  }

  if (!runningStates.has(container.State)) {
    await reporter.done(
      `:information_source: Container ${label} is not running (${containerStateText(container.State)}), so there is nothing to stop.`,
    );
    return 'succeeded';
  }

  return askConfirmation(context, {
    question: `:warning: Stop container ${label}? It is ${containerStateText(container.State)}, ${createdByText(ownership.ownerId, 'started')}.`,
    description: `stop container ${label}`,
    progressText: `Stopping container ${label}…`,
    perform: (logger) => performStop(context, logger, container.Id, label, timeoutSeconds),
  });
}

/** Stops the container once confirmed, after checking again that it exists and who owns it. */
async function performStop(
  context: CommandContext,
  logger: Logger,
  containerId: string,
  label: string,
  timeoutSeconds: number | undefined,
): Promise<ConfirmedResult> {
  const { docker, requester, config } = context;
  const requestedBy = `Requested by ${mentionUser(requester.userId)}.`;

  const current = await inspectContainerIfExists(docker, containerId);
  if (current === undefined) {
    return {
      outcome: 'failed',
      text: `:grey_question: Container ${label} no longer exists, so there is nothing to stop.`,
    };
  }
  const ownership = checkOwnership(current.Config.Labels, requester.userId, config.admins);
  if (!ownership.allowed) {
    return {
      outcome: 'failed',
      text: ownershipRefusalText(
        { kind: 'Container', label, createdVerb: 'started', action: 'stop' },
        ownership.ownerId,
        config.admins,
      ),
    };
  }

  const result = await stopContainer(docker, containerId, timeoutSeconds);
  const logFields = { containerId, owner: ownership.ownerId, actor: requester.userId };
  switch (result.kind) {
    case 'gone':
      return {
        outcome: 'failed',
        text: `:grey_question: Container ${label} no longer exists, so there is nothing to stop.`,
      };
    case 'already_stopped':
      logger.info(logFields, 'container was already stopped');
      return {
        outcome: 'succeeded',
        text: `:information_source: Container ${label} was already stopped. ${requestedBy}`,
      };
    case 'stopped': {
      logger.info({ ...logFields, exitCode: result.exitCode }, 'container stopped');
      const exit = result.exitCode === undefined ? '' : ` It exited with code ${result.exitCode}.`;
      return {
        outcome: 'succeeded',
        text: `:octagonal_sign: Stopped container ${label}.${exit} ${requestedBy}`,
      };
    }
  }
}

/** Reads `--time`: a whole number of seconds, or undefined for the container's own timeout. */
function readStopTimeout(args: ParsedArgs): number | undefined {
  const text = flagValue(args, 'time');
  if (text === undefined) {
    return undefined;
  }
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds > maxStopTimeoutSeconds) {
    throw new UsageError(
      `The flag --time takes whole seconds from 0 to ${maxStopTimeoutSeconds}, not "${text}".`,
    );
  }
  return seconds;
}
