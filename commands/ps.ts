import type { CommandContext, CommandDefinition, CommandOutcome } from '../src/command.js';
import { shortId } from '../src/docker/image-name.js';
import { labelKeys, readLabel } from '../src/docker/labels.js';
import { containerName } from '../src/docker/resolve-container.js';
import { formatAge } from '../src/format/duration.js';
import { renderListingPage } from '../src/format/listing-page.js';
import { readPage, pageFlag } from '../src/parser/page-flag.js';
import { isFlagSet, type ParsedArgs } from '../src/parser/parse-args.js';

export const psCommand: CommandDefinition = {
  name: 'ps',
  usage: '[OPTIONS]',
  summary:
    'List the running containers Slashdock started; -a adds stopped ones, --all-owners adds containers Slashdock did not start.',
  flags: [
    { long: 'all', short: 'a', description: 'Show all containers, not only running ones.' },
    {
      long: 'all-owners',
      description: 'Also show containers Slashdock did not start (without a slashdock.user label).',
    },
    pageFlag,
  ],
  checkArguments: (positionals) =>
    positionals.length === 0 ? undefined : 'ps takes no arguments, only options.',
  validate: (args) => {
    readPage(args);
  },
  destructive: false,
  output: 'ephemeral',
  run: runPs,
};

async function runPs(context: CommandContext, args: ParsedArgs): Promise<CommandOutcome> {
  const all = isFlagSet(args, 'all');
  const allOwners = isFlagSet(args, 'all-owners');
  const page = readPage(args);
  const containers = await context.docker.listContainers({
    all,
    ...(allOwners ? {} : { filters: JSON.stringify({ label: [labelKeys.user] }) }),
  });

  if (containers.length === 0) {
    await context.reporter.done(emptyText(all, allOwners));
    return 'succeeded';
  }

  // Newest first, as `docker ps` lists them; the ID breaks ties so that pages stay stable.
  const sorted = [...containers].sort(
    (left, right) => right.Created - left.Created || left.Id.localeCompare(right.Id),
  );
  const now = context.now();
  const owners = sorted.map((container) => readLabel(container.Labels, labelKeys.user));
  const rows = sorted.map((container, index) => {
    const owner = owners[index];
    return [
      shortId(container.Id),
      containerName(container),
      container.Image.startsWith('sha256:') ? shortId(container.Image) : container.Image,
      container.Status,
      formatAge(new Date(container.Created * 1000), now),
      owner === undefined ? '-' : `@${owner}`,
    ];
  });

  const noun = containers.length === 1 ? 'container' : 'containers';
  const scope = allOwners ? '' : ' started by Slashdock';
  await context.reporter.done(
    renderListingPage({
      title: `${containers.length} ${all ? '' : 'running '}${noun}${scope}`,
      headers: ['CONTAINER ID', 'NAME', 'IMAGE', 'STATUS', 'CREATED', 'STARTED BY'],
      rows,
      ownerIds: owners,
      ownerHeading: 'Started by',
      page,
      commandForPage: (next) =>
        `/docker ps${all ? ' -a' : ''}${allOwners ? ' --all-owners' : ''} --page ${next}`,
    }),
  );
  return 'succeeded';
}

function emptyText(all: boolean, allOwners: boolean): string {
  const summary = `No ${all ? '' : 'running '}containers${allOwners ? '' : ' started by Slashdock'}.`;
  const hints = [
    ...(all ? [] : ['`-a` adds stopped ones']),
    ...(allOwners ? [] : ['`--all-owners` adds containers Slashdock did not start']),
  ];
  return hints.length === 0 ? summary : `${summary} ${hints.join(', and ')}.`;
}
