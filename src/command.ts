import type Docker from 'dockerode';
import type { ActiveBuilds } from './build/active-builds.js';
import type { BuildQueue } from './build/build-queue.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { FlagSpec, ParseOptions, ParsedArgs } from './parser/parse-args.js';
import type { Reporter } from './reporter.js';

/** Who asked for a command, and from where. */
export interface Requester {
  userId: string;
  teamId: string;
  channelId: string;
}

/** State shared by every command in the process. */
export interface CommandServices {
  buildQueue: BuildQueue;
  activeBuilds: ActiveBuilds;
}

/** What a command runs with: its request, its reporter and the shared services. */
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
   * acknowledged, so that bad input is answered at once and nothing starts.
   * Throws a SlashdockError with the message to show.
   */
  validate?: (args: ParsedArgs, config: Config) => void;
  destructive: boolean;
  output: CommandOutput;
  /**
   * Runs the command. A command that reports its own failure returns
   * 'failed'; a command that throws gets a generic failure report.
   */
  run: (context: CommandContext, args: ParsedArgs) => Promise<CommandOutcome>;
}
