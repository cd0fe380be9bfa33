import { containerArgumentProblem } from '../src/docker/object-argument.js';
import type { CommandContext, CommandDefinition, CommandOutcome } from '../src/command.js';
import { inspectContainerIfExists } from '../src/docker/inspect-if-exists.js';
import { removeContainer } from '../src/docker/remove-container.js';
import { containerName, resolveContainer } from '../src/docker/resolve-container.js';
import { containerStateText, createdByText, objectLabel } from '../src/format/docker-object.js';
import { mentionUser } from '../src/format/mention.js';
import type { Logger } from '../src/logger.js';
import { escapeSlackText, inlineCode } from '../src/format/slack-escape.js';
import { isFlagSet, type ParsedArgs } from '../src/parser/parse-args.js';
import { askConfirmation } from '../src/policy/ask-confirmation.js';
import { checkOwnership, ownershipRefusalText } from '../src/policy/ownership.js';
import type { ConfirmedResult } from '../src/policy/pending-confirmations.js';

interface RemoveOptions {
  force: boolean;
  volumes: boolean;
}

export const rmCommand: CommandDefinition = {
  name: 'rm',
  usage: '[OPTIONS] CONTAINER',
  summary:
    'Remove a container after you confirm. CONTAINER is a name, an ID or a unique ID prefix.',
  flags: [
    { long: 'force', short: 'f', description: 'Kill and remove a running container.' },
    {
      long: 'volumes',
      short: 'v',
      description: 'Also remove the anonymous volumes of the container.',
    },
  ],
  checkArguments: (positionals) =>
    positionals.length === 1
      ? containerArgumentProblem(positionals[0] ?? '')
      : positionals.length === 0
        ? 'rm needs a container name or ID.'
        : 'rm takes one container; remove several with one command each.',
  destructive: true,
  output: 'thread',
  run: runRm,
};

async function runRm(context: CommandContext, args: ParsedArgs): Promise<CommandOutcome> {
  const { docker, requester, config, reporter } = context;
  const options = { force: isFlagSet(args, 'force'), volumes: isFlagSet(args, 'volumes') };
  const container = await resolveContainer(docker, args.positionals[0] ?? '');
  const name = containerName(container);
  const label = objectLabel(name, container.Id);

  const ownership = checkOwnership(container.Labels, requester.userId, config.admins);
  if (!ownership.allowed) {
    context.logger.info(
      { containerId: container.Id, owner: ownership.ownerId },
      'rm rejected: requester does not own the container',
    );
    await reporter.fail(
      ownershipRefusalText(
        { kind: 'Container', label, createdVerb: 'started', action: 'remove' },
        ownership.ownerId,
        config.admins,
      ),
    );
    return 'failed';
  }

  // Docker would refuse after the confirmation anyway; saying so now saves a click.
  const running = container.State === 'running' || container.State === 'restarting';
  if (running && !options.force) {
    await reporter.fail(`:x: Container ${label} is ${container.State}. ${stopFirstAdvice(name)}`);
    return 'failed';
  }

  const forceNote = running ? ' With -f, Docker kills it first.' : '';
  return askConfirmation(context, {
    question: `:warning: Remove container ${label}? It is ${containerStateText(container.State)}, ${createdByText(ownership.ownerId, 'started')}.${forceNote}`,
    description: `remove container ${label}`,
    progressText: `Removing container ${label}…`,
    perform: (logger) => performRemove(context, logger, container.Id, name, options),
  });
}

/** Removes the container once confirmed, after checking again that it exists and who owns it. */
async function performRemove(
  context: CommandContext,
  logger: Logger,
  containerId: string,
  name: string,
  options: RemoveOptions,
): Promise<ConfirmedResult> {
  const { docker, requester, config } = context;
  const label = objectLabel(name, containerId);
  const goneResult = {
    outcome: 'failed' as const,
    text: `:grey_question: Container ${label} no longer exists, so there is nothing to remove.`,
  };

  const current = await inspectContainerIfExists(docker, containerId);
  if (current === undefined) {
    return goneResult;
  }
  const ownership = checkOwnership(current.Config.Labels, requester.userId, config.admins);
  if (!ownership.allowed) {
    return {
      outcome: 'failed',
      text: ownershipRefusalText(
        { kind: 'Container', label, createdVerb: 'started', action: 'remove' },
        ownership.ownerId,
        config.admins,
      ),
    };
  }

  const result = await removeContainer(docker, containerId, options);
  switch (result.kind) {
    case 'gone':
      return goneResult;
    case 'conflict':
      logger.info(
        { containerId, daemonMessage: result.daemonMessage },
        'container removal rejected by Docker',
      );
      return {
        outcome: 'failed',
        text: `:x: Docker refused to remove container ${label}: ${escapeSlackText(result.daemonMessage)}\n${stopFirstAdvice(name)}`,
      };
    case 'removed':
      logger.info(
        { containerId, name, owner: ownership.ownerId, actor: requester.userId, ...options },
        'container removed',
      );
      return {
        outcome: 'succeeded',
        text: `:wastebasket: Removed container ${label}. Requested by ${mentionUser(requester.userId)}.`,
      };
  }
}

function stopFirstAdvice(name: string): string {
  return `Stop it first with ${inlineCode(`/docker stop ${name}`)}, or remove it anyway with ${inlineCode(`/docker rm -f ${name}`)}.`;
}
