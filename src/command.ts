import type Docker from 'dockerode';
import type { ActiveBuilds } from './build/active-builds.js';
import type { BuildQueue } from './build/build-queue.js';
import type { Config } from './config.js';
import type { HostResolver } from './git/host-addresses.js';
import type { JobTracker } from './job-tracker.js';
import type { Logger } from './logger.js';
import type { PendingConfirmations } from './policy/pending-confirmations.js';
import type { FlagSpec, ParseOptions, ParsedArgs } from './parser/parse-args.js';
import type { Reporter } from './reporter.js';
import type { StoppableJobs } from './stoppable-jobs.js';

/** The person who sent a command, and the channel it came from. */
export interface Requester {
  userId: string;
  teamId: string;
  channelId: string;
}

/** State shared by every command in the process. */
export interface CommandServices {
  buildQueue: BuildQueue;
  activeBuilds: ActiveBuilds;
  /** Attached runs, so that their Stop button, a timeout or shutdown can stop one. */
  activeRuns: StoppableJobs;
  /**
   * Jobs that outlive the command that started them, such as watching a
   * detached container until it exits. Shutdown stops them and leaves the
   * containers running.
   */
  backgroundJobs: JobTracker;
  /** Stop and remove requests waiting for their requester's Confirm or Cancel click. */
  confirmations: PendingConfirmations;
  /** Resolves repository host names, to refuse hosts inside the bot's own network. */
  resolveHost: HostResolver;
}

/** The environment a command runs in: its request, its reporter and the shared services. */
export interface CommandContext {
  requester: Requester;
  reporter: Reporter;
  docker: Docker;
  config: Config;
  services: CommandServices;
  logger: Logger;
  /** Aborted when the command must stop early, for example when the app shuts down. */
  signal: AbortSignal;
  /** Every registered command, so that `help` can describe them. */
  commands: readonly CommandDefinition[];
  now: () => Date;
}

/**
 * Where a command's answer goes: `ephemeral` answers only the requester
 * (quick lookups such as `ps`), `thread` posts a status message in the
 * channel with details in its thread (work others may want to follow).
 */
export type CommandOutput = 'ephemeral' | 'thread';

export type CommandOutcome = 'succeeded' | 'failed';

export interface CommandDefinition {
  name: string;
  /** Arguments after the command name, as in `docker <name> --help`: `[OPTIONS] GIT_URL`. */
  usage: string;
  summary: string;
  flags: readonly FlagSpec[];
  parseOptions?: ParseOptions;
  /** Checks the number of positional arguments; returns a problem to show, or undefined. */
  checkArguments: (positionals: readonly string[]) => string | undefined;
  /**
   * Checks arguments against configuration before the request is
   * acknowledged, so that bad input is rejected at once and nothing starts.
   * Throws a SlashdockError with the message to show.
   */
  validate?: (args: ParsedArgs, config: Config) => void;
  /**
   * Names the repositories and images the command would use, so that the
   * access policy can check them before anything starts.
   */
  accessTargets?: (args: ParsedArgs, config: Config) => { repos?: string[]; images?: string[] };
  destructive: boolean;
  output: CommandOutput;
  /**
   * Runs the command. A command that reports its own failure returns
   * 'failed'; a command that throws gets a generic failure report.
   */
  run: (context: CommandContext, args: ParsedArgs) => Promise<CommandOutcome>;
}
