import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type Docker from 'dockerode';
import type { AuditEntry, AuditTrail } from '../audit/audit-trail.js';
import { maskCommandText } from '../audit/mask-command-text.js';
import type { CommandContext, CommandDefinition, CommandServices } from '../command.js';
import type { Config } from '../config.js';
import { resolveCommand, type ResolvedCommand } from '../dispatch.js';
import { UsageError, toSlashdockError } from '../errors.js';
import { executeCommand } from '../execute-command.js';
import { maskSecrets } from '../format/secret-patterns.js';
import { escapeSlackText } from '../format/slack-escape.js';
import type { JobTracker } from '../job-tracker.js';
import type { Logger } from '../logger.js';
import { MaskingReporter } from '../masking-reporter.js';
import { checkAccess, type AccessPolicy } from '../policy/access-policy.js';
import type { SlackSender } from './delivery/slack-sender.js';
import { EphemeralReporter } from './ephemeral-reporter.js';
import type { RecentRequests } from './recent-requests.js';
import { ThreadReporter } from './thread-reporter.js';

export interface ListenerDependencies {
  config: Config;
  access: AccessPolicy;
  audit: AuditTrail;
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
type SlashCommand = DockerCommandArgs['command'];

/**
 * Handles `/docker`. Parsing, validation and the access policy are pure
 * and fast, so bad or denied input is rejected in the acknowledgement
 * itself and nothing starts. Everything that touches git or Docker runs
 * after the acknowledgement, as a tracked job, because Slack gives a slash
 * command three seconds. Every request leaves one audit line.
 */
export function createDockerCommandListener(deps: ListenerDependencies) {
  return async ({
    command: request,
    ack,
    respond,
    context: boltContext,
  }: DockerCommandArgs): Promise<void> => {
    const startedAt = Date.now();
    const requestId = randomUUID();
    const logger = deps.logger.child({
      requestId,
      team: request.team_id,
      channel: request.channel_id,
      user: request.user_id,
    });
    const audit = (
      fields: Pick<AuditEntry, 'command' | 'decision' | 'outcome' | 'reason'>,
    ): void => {
      deps.audit.record({
        requestId,
        team: request.team_id,
        channel: request.channel_id,
        user: request.user_id,
        text: maskCommandText(request.text),
        durationMs: Date.now() - startedAt,
        ...fields,
      });
    };

    // Slack redelivers a request it thinks timed out; the first delivery
    // was already acknowledged and is running.
    if (boltContext.retryNum !== undefined && boltContext.retryNum > 0) {
      logger.info({ retryNum: boltContext.retryNum }, 'redelivered request ignored');
      await ack();
      audit({ command: undefined, decision: 'redelivered' });
      return;
    }

    let resolved: ResolvedCommand;
    try {
      resolved = resolveCommand(request.text, deps.commands);
      resolved.command.validate?.(resolved.args, deps.config);
    } catch (error) {
      const failure = toSlashdockError(error);
      logger.info({ code: failure.code }, 'request rejected');
      await ack({ response_type: 'ephemeral', text: rejectionText(failure) });
      audit({ command: undefined, decision: 'rejected', reason: failure.code });
      return;
    }
    const { command, args } = resolved;

    const targets = command.accessTargets?.(args, deps.config) ?? {};
    const decision = checkAccess(
      {
        userId: request.user_id,
        channelId: request.channel_id,
        command: command.name,
        repos: targets.repos ?? [],
        images: targets.images ?? [],
      },
      deps.access,
    );
    if (!decision.allowed) {
      logger.info({ command: command.name, reason: decision.reason }, 'request denied');
      await ack({
        response_type: 'ephemeral',
        text: `:no_entry: ${escapeSlackText(decision.reason)} To get access, ask ${decision.whoCanAllow}.`,
      });
      audit({ command: command.name, decision: 'denied', reason: decision.reason });
      return;
    }

    if (isRepeat(deps, request, command)) {
      logger.info({ command: command.name }, 'duplicate request ignored');
      await ack({
        response_type: 'ephemeral',
        text: ':repeat: You sent the same command a moment ago, so this one was ignored. Send it again in a few seconds to run it twice.',
      });
      audit({ command: command.name, decision: 'duplicate' });
      return;
    }

    await ack();

    const reporter = new MaskingReporter(
      command.output === 'thread'
        ? new ThreadReporter({
            sender: deps.sender,
            channelId: request.channel_id,
            logger,
            respond,
          })
        : new EphemeralReporter(respond),
    );
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
    deps.jobs.start(async () => {
      const outcome = await executeCommand(command, args, context);
      audit({ command: command.name, decision: 'allowed', outcome });
    });
  };
}

/**
 * Reports whether the same person sent the same text in the same channel moments
 * ago. Only commands that change something are guarded; a repeated lookup
 * such as `ps` is harmless.
 */
function isRepeat(
  deps: ListenerDependencies,
  request: SlashCommand,
  command: CommandDefinition,
): boolean {
  if (command.output !== 'thread' && !command.destructive) {
    return false;
  }
  const key = `${request.team_id}:${request.channel_id}:${request.user_id}:${request.text}`;
  return deps.recentRequests.check(key) !== undefined;
}

function rejectionText(failure: ReturnType<typeof toSlashdockError>): string {
  const usage =
    failure instanceof UsageError && failure.usage !== undefined
      ? `\n\`\`\`\n${escapeSlackText(failure.usage)}\n\`\`\``
      : '';
  return maskSecrets(`:warning: ${escapeSlackText(failure.message)}${usage}`);
}
