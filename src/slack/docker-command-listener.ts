import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type Docker from 'dockerode';
import type { CommandContext, CommandDefinition, CommandServices } from '../command.js';
import type { Config } from '../config.js';
import { resolveCommand } from '../dispatch.js';
import { SlashdockError, toSlashdockError } from '../errors.js';
import { executeCommand } from '../execute-command.js';
import { escapeSlackText } from '../format/slack-escape.js';
import type { JobTracker } from '../job-tracker.js';
import type { Logger } from '../logger.js';
import { EphemeralReporter } from './ephemeral-reporter.js';
import type { SlackSender } from './delivery/slack-sender.js';
import type { RecentRequests } from './recent-requests.js';
import { ThreadReporter } from './thread-reporter.js';

export interface ListenerDependencies {
  config: Config;
  sender: SlackSender;
  recentRequests: RecentRequests;
  docker: Docker;
  commands: readonly CommandDefinition[];
  services: CommandServices;
  jobs: JobTracker;
  logger: Logger;
  now: () => Date;
}

type DockerCommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * Handles `/docker`. Parsing and validation are pure and fast, so bad input
 * is answered in the acknowledgement itself. Everything that touches git or
 * Docker runs after the acknowledgement, as a tracked job, because Slack
 * gives a slash command three seconds.
 */
export function createDockerCommandListener(deps: ListenerDependencies) {
  return async ({
    command: request,
    ack,
    respond,
    context: boltContext,
  }: DockerCommandArgs): Promise<void> => {
    const requestId = randomUUID();
    const logger = deps.logger.child({
      requestId,
      team: request.team_id,
      channel: request.channel_id,
      user: request.user_id,
    });

    // Slack redelivers a request it thinks timed out; the first delivery
    // was already acknowledged and is running.
    if (boltContext.retryNum !== undefined && boltContext.retryNum > 0) {
      logger.info({ retryNum: boltContext.retryNum }, 'redelivered request ignored');
      await ack();
      return;
    }

    let resolved;
    try {
      resolved = resolveCommand(request.text, deps.commands);
      resolved.command.validate?.(resolved.args, deps.config);
    } catch (error) {
      const failure = toSlashdockError(error);
      logger.info({ code: failure.code }, 'request rejected');
      await ack({ response_type: 'ephemeral', text: rejectionText(failure) });
      return;
    }

    // Only commands that change something are worth guarding; a repeated
    // lookup such as `ps` is harmless.
    const changesSomething = resolved.command.output === 'thread' || resolved.command.destructive;
    const duplicateAgeMs = changesSomething
      ? deps.recentRequests.check(
          `${request.team_id}:${request.channel_id}:${request.user_id}:${request.text}`,
        )
      : undefined;
    if (duplicateAgeMs !== undefined) {
      logger.info({ duplicateAgeMs }, 'duplicate request ignored');
      await ack({
        response_type: 'ephemeral',
        text: `:repeat: You sent the same command ${Math.max(1, Math.round(duplicateAgeMs / 1000))}s ago, so this one was ignored. Send it again in a few seconds to run it twice.`,
      });
      return;
    }

    await ack();

    const { command, args } = resolved;
    const reporter =
      command.output === 'thread'
        ? new ThreadReporter({
            sender: deps.sender,
            channelId: request.channel_id,
            logger,
            respond,
          })
        : new EphemeralReporter(respond);
    const context: CommandContext = {
      requester: {
        userId: request.user_id,
        teamId: request.team_id,
        channelId: request.channel_id,
      },
      reporter,
      docker: deps.docker,
      config: deps.config,
      services: deps.services,
      logger,
      signal: deps.jobs.signal,
      commands: deps.commands,
      now: deps.now,
    };
    deps.jobs.start(() => executeCommand(command, args, context));
  };
}

function rejectionText(failure: SlashdockError): string {
  const usage =
    'usage' in failure && typeof failure.usage === 'string'
      ? `\n\`\`\`\n${escapeSlackText(failure.usage)}\n\`\`\``
      : '';
  return `:warning: ${escapeSlackText(failure.message)}${usage}`;
}
