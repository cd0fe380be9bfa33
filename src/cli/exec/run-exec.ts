import { randomUUID } from 'node:crypto';
import Docker from 'dockerode';
import { commands } from '../../../commands/index.js';
import type { CommandContext, CommandOutcome, CommandServices } from '../../command.js';
import type { Config } from '../../config.js';
import { resolveCommand, type ResolvedCommand } from '../../dispatch.js';
import { checkAccess } from '../../policy/access-policy.js';
import { compileGlob } from '../../policy/glob-pattern.js';
import { SlashdockError, toSlashdockError, UsageError } from '../../errors.js';
import { executeCommand } from '../../execute-command.js';
import { JobTracker } from '../../job-tracker.js';
import { createLogger } from '../../logger.js';
import { MaskingReporter } from '../../masking-reporter.js';
import { createCommandServices } from '../../services.js';
import type { CliIo } from '../cli-io.js';
import { chooseRenderer } from './choose-renderer.js';
import { toCommandText } from './command-text.js';
import type { ExecOutcome, ExecRenderer } from './exec-renderer.js';
import { execUsage, parseExecOptions, type ExecOptions } from './exec-options.js';
import { InterruptWatcher, signalExitCode, type InterruptSignal } from './interrupt-watcher.js';
import { saveUpload } from './save-upload.js';
import { settleConfirmation, type ConfirmationEnd } from './settle-confirmation.js';
import { findConfirmationId, findInterruptTarget } from './terminal-actions.js';
import { loadTerminalConfig, terminalUserId } from './terminal-config.js';
import { TerminalReporter } from './terminal-reporter.js';

/** Exit statuses of `slashdock exec`, besides 128 plus the signal number after Ctrl-C or SIGTERM. */
export const execExitCodes = { succeeded: 0, failed: 1, rejected: 2 } as const;

/**
 * Runs `slashdock exec`: what `/docker <text>` runs in Slack, through the
 * same parsing, validation and command code, with the terminal as the
 * front end. Returns the exit status.
 */
export async function runExec(argv: readonly string[], io: CliIo): Promise<number> {
  let options: ExecOptions;
  try {
    options = parseExecOptions(argv);
  } catch (error) {
    const failure = toSlashdockError(error);
    io.stderr.write(`slashdock exec: ${failure.message}\n\n${execUsage}\n`);
    return execExitCodes.rejected;
  }
  if (options.help) {
    io.stdout.write(`${execUsage}\n`);
    return execExitCodes.succeeded;
  }

  const renderer = chooseRenderer(options.json, io.stdout, io.stderr);
  const rejected = (message: string, usage: string | undefined, command?: string): number => {
    renderer.reject(message, usage);
    renderer.result({ command, outcome: 'rejected', exitCode: execExitCodes.rejected });
    return execExitCodes.rejected;
  };

  let config: Config;
  try {
    config = loadTerminalConfig(io.env);
  } catch (error) {
    return rejected(`Configuration error: ${toSlashdockError(error).message}`, undefined);
  }

  let resolved: ResolvedCommand | undefined;
  try {
    resolved = resolveCommand(toCommandText(options.words), commands);
    resolved.command.validate?.(resolved.args, config);
    checkTerminalAccess(resolved, config);
  } catch (error) {
    const failure = toSlashdockError(error);
    const usage = failure instanceof UsageError ? failure.usage : undefined;
    return rejected(
      failure.message,
      usage,
      resolved?.command.name ?? knownCommandName(options.words),
    );
  }

  return runResolved(resolved, { options, config, io, renderer });
}

/**
 * Applies the repository and image allowlists as the Slack app does. The
 * terminal user is an admin of the local daemon with no channel, so the
 * channel, user, admin-command and per-channel rules do not apply.
 */
function checkTerminalAccess(resolved: ResolvedCommand, config: Config): void {
  const targets = resolved.command.accessTargets?.(resolved.args, config) ?? {};
  const decision = checkAccess(
    {
      userId: terminalUserId,
      channelId: terminalUserId,
      command: resolved.command.name,
      repos: targets.repos ?? [],
      images: targets.images ?? [],
    },
    {
      allowedChannels: [],
      allowedUsers: [],
      admins: [terminalUserId],
      adminCommands: [],
      repoPatterns: config.access.repoPatterns?.map(compileGlob),
      imagePatterns: config.access.imagePatterns?.map(compileGlob),
      rules: undefined,
    },
  );
  if (!decision.allowed) {
    throw new SlashdockError(
      'forbidden',
      `${decision.reason} To change it, ask ${decision.whoCanAllow}.`,
    );
  }
}

/** Returns the registered command the text names, if any, for the result of a rejection. */
function knownCommandName(words: readonly string[]): string | undefined {
  const name = words[0]?.trim().split(/\s+/)[0]?.toLowerCase();
  return commands.find((command) => command.name === name)?.name;
}

interface ExecRun {
  options: ExecOptions;
  config: Config;
  io: CliIo;
  renderer: ExecRenderer;
}

async function runResolved(resolved: ResolvedCommand, run: ExecRun): Promise<number> {
  const { options, config, io, renderer } = run;
  const { command, args } = resolved;
  const logger = createLogger(options.verbose ? config.logLevel : 'silent', io.stderr).child({
    requestId: randomUUID(),
    user: terminalUserId,
  });
  const backgroundJobs = new JobTracker();
  const services = createCommandServices(config, {
    runInBackground: (job) => {
      backgroundJobs.start(job);
    },
  });
  const shutdown = new AbortController();

  const reporter = new TerminalReporter({
    renderer,
    saveFile: (file) => saveUpload(file, options.logsDir, { cwd: io.cwd, now: new Date() }),
    hintFor: (actions) => findInterruptTarget(actions, services)?.hint,
  });
  const context: CommandContext = {
    requester: { userId: terminalUserId, teamId: terminalUserId, channelId: terminalUserId },
    // Secret shapes are masked here as in Slack, because terminal output ends up in CI logs too.
    reporter: new MaskingReporter(reporter),
    // dockerode reads DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH itself.
    docker: new Docker(),
    config,
    services,
    logger,
    signal: shutdown.signal,
    commands,
    now: () => new Date(),
  };

  const interrupts = watchInterrupts({
    io,
    renderer,
    reporter,
    services,
    shutdown,
    commandName: command.name,
  });
  interrupts.start();

  let outcome: CommandOutcome;
  let confirmation: ConfirmationEnd | undefined;
  try {
    outcome = await executeCommand(command, args, context);
    const confirmationId = findConfirmationId(reporter.currentActions);
    if (confirmationId !== undefined) {
      confirmation = await settleConfirmation({
        confirmationId,
        services,
        input: {
          assumeYes: options.assumeYes,
          stdin: io.stdin,
          prompt: io.stderr,
          signal: shutdown.signal,
        },
        renderer,
        logger,
      });
    }
  } finally {
    services.confirmations.close();
    // A detached run keeps its container running; only the watching stops.
    await services.backgroundJobs.shutdown();
    await backgroundJobs.shutdown();
    await services.buildQueue.stop();
    interrupts.stop();
  }

  const execOutcome = decideOutcome({
    outcome,
    lastResult: reporter.lastResult,
    confirmation,
    interrupted: interrupts.received !== undefined,
  });
  const exitCode = exitCodeFor(execOutcome, interrupts.received ?? 'SIGINT');
  renderer.result({ command: command.name, outcome: execOutcome, exitCode });
  return exitCode;
}

/**
 * Makes Ctrl-C (and SIGTERM) press the Cancel or Stop button of the
 * current status. Without such a button it stops the command as a
 * shutdown does, and a second Ctrl-C exits at once.
 */
function watchInterrupts(parts: {
  io: CliIo;
  renderer: ExecRenderer;
  reporter: TerminalReporter;
  services: CommandServices;
  shutdown: AbortController;
  commandName: string;
}): InterruptWatcher {
  const { io, renderer, reporter, services, shutdown } = parts;
  return new InterruptWatcher(io.signals, {
    first: () => {
      const target = findInterruptTarget(reporter.currentActions, services);
      if (target === undefined) {
        // Without a button to press, the command stops the way it does when
        // the Slack app shuts down, and a confirmation prompt counts as no.
        shutdown.abort();
      } else {
        target.press(terminalUserId);
      }
      renderer.notice(
        `Cancelling ${target?.description ?? parts.commandName}; press Ctrl-C again to exit without cleaning up.`,
      );
    },
    again: (signal) => {
      renderer.notice('Exiting without waiting for the cleanup.');
      io.exitNow(signalExitCode(signal));
    },
  });
}

function exitCodeFor(outcome: ExecOutcome, signal: InterruptSignal): number {
  switch (outcome) {
    case 'succeeded':
      return execExitCodes.succeeded;
    case 'interrupted':
      return signalExitCode(signal);
    case 'rejected':
      return execExitCodes.rejected;
    case 'failed':
    case 'declined':
      return execExitCodes.failed;
  }
}

/**
 * Combines what the command returned with its last reported result: a
 * command can return before the end, as when it waits for a confirmation.
 * A Ctrl-C that came too late to stop a success does not undo it.
 */
export function decideOutcome(state: {
  outcome: CommandOutcome;
  lastResult: 'done' | 'fail' | undefined;
  confirmation: ConfirmationEnd | undefined;
  interrupted: boolean;
}): ExecOutcome {
  const succeeded =
    state.outcome === 'succeeded' &&
    state.lastResult !== 'fail' &&
    (state.confirmation === undefined || state.confirmation === 'confirmed');
  if (succeeded) {
    return 'succeeded';
  }
  if (state.interrupted || state.confirmation === 'interrupted') {
    return 'interrupted';
  }
  return state.confirmation === 'declined' ? 'declined' : 'failed';
}
