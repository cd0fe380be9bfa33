import type { CommandContext, CommandDefinition, CommandOutcome } from '../src/command.js';
import { inlineCode } from '../src/format/slack-escape.js';
import { formatUsage } from '../src/format/usage.js';
import type { ParsedArgs } from '../src/parser/parse-args.js';

export const helpCommand: CommandDefinition = {
  name: 'help',
  usage: '[COMMAND]',
  summary: 'Show the commands, or the usage and options of one command.',
  flags: [],
  checkArguments: (positionals) =>
    positionals.length <= 1 ? undefined : 'help takes at most one command name.',
  destructive: false,
  output: 'ephemeral',
  run: runHelp,
};

async function runHelp(context: CommandContext, args: ParsedArgs): Promise<CommandOutcome> {
  const name = args.positionals[0];
  if (name !== undefined) {
    const command = context.commands.find((candidate) => candidate.name === name.toLowerCase());
    const text =
      command === undefined
        ? `Unknown command ${inlineCode(name)}. ${listCommands(context.commands)}`
        : '```\n' + formatUsage(command) + '\n```';
    await context.reporter.done(text);
    return 'succeeded';
  }
  await context.reporter.done(listCommands(context.commands));
  return 'succeeded';
}

function listCommands(commands: readonly CommandDefinition[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}   ${command.summary}`);
  return [
    'Slashdock builds and runs containers from Slack.',
    '```',
    'Usage: /docker COMMAND [OPTIONS] [ARGUMENTS]',
    '',
    'Commands:',
    ...lines,
    '```',
    'Run `/docker help COMMAND` for the options of one command.',
  ].join('\n');
}
