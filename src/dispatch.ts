import type { CommandDefinition } from './command.js';
import { UsageError } from './errors.js';
import { printableExcerpt } from './format/printable-excerpt.js';
import { formatUsage } from './format/usage.js';
import { parseArgs, type ParsedArgs } from './parser/parse-args.js';
import { unescapeSlackText } from './parser/slack-text.js';
import { tokenize } from './parser/tokenize.js';

export interface ResolvedCommand {
  command: CommandDefinition;
  args: ParsedArgs;
}

/** The maximum length of command text; Slack itself caps slash-command text near 4,000 characters. */
export const maxCommandTextLength = 4_000;

/**
 * Turns the text after `/docker` into a command and its arguments. Empty
 * text means `help`. Throws a UsageError whose `usage` shows how to call the
 * command (or lists the commands when the name is unknown).
 */
export function resolveCommand(
  rawText: string,
  commands: readonly CommandDefinition[],
): ResolvedCommand {
  if (rawText.length > maxCommandTextLength) {
    throw new UsageError(
      `The command text is ${rawText.length} characters long; the limit is ${maxCommandTextLength}.`,
    );
  }

  const words = tokenize(unescapeSlackText(rawText));
  const [name = 'help', ...rest] = words;
  const command = commands.find((candidate) => candidate.name === name.toLowerCase());

  if (command === undefined) {
    throw new UsageError(
      `Unknown command "${printableExcerpt(name, 40)}".`,
      `Commands: ${commands.map((candidate) => candidate.name).join(', ')}.\nRun /docker help for details.`,
    );
  }

  const usage = formatUsage(command);
  let args: ParsedArgs;
  try {
    args = parseArgs(rest, command.flags, command.parseOptions);
  } catch (error) {
    if (error instanceof UsageError) {
      throw new UsageError(error.message, usage);
    }
    throw error;
  }

  const problem = command.checkArguments(args.positionals);
  if (problem !== undefined) {
    throw new UsageError(problem, usage);
  }
  return { command, args };
}
