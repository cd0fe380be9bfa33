import type { CommandContext, CommandDefinition, CommandOutcome } from '../src/command.js';
import { shortId } from '../src/docker/image-name.js';
import { labelKeys, readLabel } from '../src/docker/labels.js';
import { formatBytes } from '../src/format/bytes.js';
import { formatAge } from '../src/format/duration.js';
import { codeBlock } from '../src/format/slack-escape.js';
import { renderTable } from '../src/format/table.js';

export const imagesCommand: CommandDefinition = {
  name: 'images',
  usage: '',
  summary: 'List images on the daemon with their tags, sizes and ages.',
  flags: [],
  checkArguments: (positionals) =>
    positionals.length === 0 ? undefined : 'images takes no arguments.',
  destructive: false,
  output: 'ephemeral',
  run: runImages,
};

async function runImages(context: CommandContext): Promise<CommandOutcome> {
  const images = await context.docker.listImages();

  if (images.length === 0) {
    await context.reporter.done('No images.');
    return 'succeeded';
  }

  const now = context.now();
  const rows = images.flatMap((image) => {
    const tags = image.RepoTags?.filter((tag) => tag !== '<none>:<none>') ?? [];
    const owner = readLabel(image.Labels, labelKeys.user);
    const common = [
      shortId(image.Id),
      formatBytes(image.Size),
      formatAge(new Date(image.Created * 1000), now),
      owner === undefined ? '-' : `@${owner}`,
    ];
    return (tags.length === 0 ? ['<none>:<none>'] : tags).map((tag) => [tag, ...common]);
  });
  const table = renderTable(['REPOSITORY:TAG', 'IMAGE ID', 'SIZE', 'CREATED', 'BUILT BY'], rows);
  const noun = rows.length === 1 ? 'image' : 'images';
  await context.reporter.done(`${rows.length} ${noun}:\n${codeBlock(table)}`);
  return 'succeeded';
}
