import type { CommandContext, CommandDefinition, CommandOutcome } from '../src/command.js';
import { shortId } from '../src/docker/image-name.js';
import { labelKeys, readLabel } from '../src/docker/labels.js';
import { formatAge } from '../src/format/duration.js';
import { codeBlock } from '../src/format/slack-escape.js';
import { renderTable } from '../src/format/table.js';
import { isFlagSet, type ParsedArgs } from '../src/parser/parse-args.js';

export const psCommand: CommandDefinition = {
  name: 'ps',
  usage: '[OPTIONS]',
  summary: 'List containers: running ones, or all of them with -a.',
  flags: [{ long: 'all', short: 'a', description: 'Show all containers, not only running ones.' }],
  checkArguments: (positionals) =>
    positionals.length === 0 ? undefined : 'ps takes no arguments, only options.',
  destructive: false,
  output: 'ephemeral',
  run: runPs,
};

async function runPs(context: CommandContext, args: ParsedArgs): Promise<CommandOutcome> {
  const all = isFlagSet(args, 'all');
  const containers = await context.docker.listContainers({ all });

  if (containers.length === 0) {
    await context.reporter.done(
      all ? 'No containers.' : 'No running containers. Use `-a` to include stopped ones.',
    );
    return 'succeeded';
  }

  const now = context.now();
  const rows = containers.map((container) => {
    const owner = readLabel(container.Labels, labelKeys.user);
    return [
      shortId(container.Id),
      (container.Names[0] ?? '').replace(/^\//, ''),
      container.Image.startsWith('sha256:') ? shortId(container.Image) : container.Image,
      container.Status,
      formatAge(new Date(container.Created * 1000), now),
      owner === undefined ? '-' : `@${owner}`,
    ];
  });
  const table = renderTable(
    ['CONTAINER ID', 'NAME', 'IMAGE', 'STATUS', 'CREATED', 'STARTED BY'],
    rows,
  );
  const noun = containers.length === 1 ? 'container' : 'containers';
  await context.reporter.done(`${containers.length} ${noun}:\n${codeBlock(table)}`);
  return 'succeeded';
}
