import type { CommandContext, CommandDefinition, CommandOutcome } from '../src/command.js';
import { shortId } from '../src/docker/image-name.js';
import { labelKeys, readLabel } from '../src/docker/labels.js';
import { imageTags } from '../src/docker/resolve-image.js';
import { formatBytes } from '../src/format/bytes.js';
import { formatAge } from '../src/format/duration.js';
import { renderListingPage } from '../src/format/listing-page.js';
import { readPage, pageFlag } from '../src/parser/page-flag.js';
import { isFlagSet, type ParsedArgs } from '../src/parser/parse-args.js';

export const imagesCommand: CommandDefinition = {
  name: 'images',
  usage: '[OPTIONS]',
  summary:
    'List the images Slashdock built, with tags, sizes and ages; --all-owners adds images Slashdock did not build.',
  flags: [
    {
      long: 'all',
      short: 'a',
      description: 'Show all images, including intermediate images, as docker images -a does.',
    },
    {
      long: 'all-owners',
      description: 'Also show images Slashdock did not build (without a slashdock.user label).',
    },
    pageFlag,
  ],
  checkArguments: (positionals) =>
    positionals.length === 0 ? undefined : 'images takes no arguments, only options.',
  validate: (args) => {
    readPage(args);
  },
  destructive: false,
  output: 'ephemeral',
  run: runImages,
};

async function runImages(context: CommandContext, args: ParsedArgs): Promise<CommandOutcome> {
  const all = isFlagSet(args, 'all');
  const allOwners = isFlagSet(args, 'all-owners');
  const page = readPage(args);
  const images = await context.docker.listImages({
    all,
    ...(allOwners ? {} : { filters: JSON.stringify({ label: [labelKeys.user] }) }),
  });

  if (images.length === 0) {
    await context.reporter.done(
      allOwners
        ? 'No images.'
        : 'No images built by Slashdock. `--all-owners` adds images Slashdock did not build.',
    );
    return 'succeeded';
  }

  // One row per tag, as `docker images` shows them; newest first, then by tag, so pages stay stable.
  const now = context.now();
  const entries = images
    .flatMap((image) => imageTags(image).map((tag) => ({ image, tag })))
    .sort(
      (left, right) =>
        right.image.Created - left.image.Created || left.tag.localeCompare(right.tag),
    );
  const owners = entries.map(({ image }) => readLabel(image.Labels, labelKeys.user));
  const rows = entries.map(({ image, tag }, index) => {
    const owner = owners[index];
    return [
      tag,
      shortId(image.Id),
      formatBytes(image.Size),
      formatAge(new Date(image.Created * 1000), now),
      owner === undefined ? '-' : `@${owner}`,
    ];
  });

  const noun = rows.length === 1 ? 'image' : 'images';
  await context.reporter.done(
    renderListingPage({
      title: `${rows.length} ${noun}${allOwners ? '' : ' built by Slashdock'}`,
      headers: ['REPOSITORY:TAG', 'IMAGE ID', 'SIZE', 'CREATED', 'BUILT BY'],
      rows,
      ownerIds: owners,
      ownerHeading: 'Built by',
      page,
      commandForPage: (next) =>
        `/docker images${all ? ' -a' : ''}${allOwners ? ' --all-owners' : ''} --page ${next}`,
    }),
  );
  return 'succeeded';
}
