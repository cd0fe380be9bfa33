import type Docker from 'dockerode';
import { imageArgumentProblem } from '../src/docker/object-argument.js';
import type { CommandContext, CommandDefinition, CommandOutcome } from '../src/command.js';
import { containersUsingImage } from '../src/docker/containers-using-image.js';
import { shortId } from '../src/docker/image-name.js';
import { inspectImageIfExists } from '../src/docker/inspect-if-exists.js';
import { removeImage } from '../src/docker/remove-image.js';
import { containerName } from '../src/docker/resolve-container.js';
import { imageTags, resolveImage } from '../src/docker/resolve-image.js';
import { containerStateText, createdByText, objectLabel } from '../src/format/docker-object.js';
import { mentionUser } from '../src/format/mention.js';
import type { Logger } from '../src/logger.js';
import { escapeSlackText, inlineCode } from '../src/format/slack-escape.js';
import { isFlagSet, type ParsedArgs } from '../src/parser/parse-args.js';
import { askConfirmation } from '../src/policy/ask-confirmation.js';
import { checkOwnership, ownershipRefusalText } from '../src/policy/ownership.js';
import type { ConfirmedResult } from '../src/policy/pending-confirmations.js';

/** How many containers a message lists by name; the rest are counted. */
const maxListedContainers = 10;

/** The removal the requester asked for, fixed when the prompt is shown. */
interface RemovalTarget {
  imageId: string;
  /** The tag or digest reference the request named, or undefined when it named the image by ID. */
  reference: string | undefined;
  /** The image as mrkdwn, for messages. */
  label: string;
  /** The request as typed, for advice such as `/docker rmi -f QUERY`. */
  query: string;
  force: boolean;
}

export const rmiCommand: CommandDefinition = {
  name: 'rmi',
  usage: '[OPTIONS] IMAGE',
  summary:
    'Remove an image or one of its tags after you confirm. IMAGE is a repo:tag, an ID or a unique ID prefix.',
  flags: [
    {
      long: 'force',
      short: 'f',
      description:
        'Remove the image even if stopped containers use it or it has several tags. Docker still refuses while a running container uses it.',
    },
  ],
  checkArguments: (positionals) =>
    positionals.length === 1
      ? imageArgumentProblem(positionals[0] ?? '')
      : positionals.length === 0
        ? 'rmi needs an image tag or ID.'
        : 'rmi takes one image; remove several with one command each.',
  destructive: true,
  output: 'thread',
  run: runRmi,
};

async function runRmi(context: CommandContext, args: ParsedArgs): Promise<CommandOutcome> {
  const { docker, requester, config, reporter } = context;
  const query = args.positionals[0] ?? '';
  const { image, reference } = await resolveImage(docker, query);
  const target: RemovalTarget = {
    imageId: image.Id,
    reference,
    label:
      reference === undefined ? inlineCode(shortId(image.Id)) : objectLabel(reference, image.Id),
    query,
    force: isFlagSet(args, 'force'),
  };

  const ownership = checkOwnership(image.Labels, requester.userId, config.admins);
  if (!ownership.allowed) {
    context.logger.info(
      { imageId: image.Id, owner: ownership.ownerId },
      'rmi rejected: requester does not own the image',
    );
    await reporter.fail(refusalText(target, ownership.ownerId, config.admins));
    return 'failed';
  }

  const users = await containersUsingImage(docker, image.Id);
  const usersLine = users.length === 0 ? '' : `\nContainers using it: ${listContainers(users)}.`;
  const forceWord = target.force ? ' with -f' : '';
  return askConfirmation(context, {
    question: `:warning: Remove image ${target.label}${forceWord}? It was ${createdByText(ownership.ownerId, 'built')}.${tagsNote(image, reference)}${usersLine}`,
    description: `remove image ${target.label}${forceWord}`,
    progressText: `Removing image ${target.label}…`,
    perform: (logger) => performRemove(context, logger, target),
  });
}

/**
 * Removes the image once confirmed. A tag may have moved to another image
 * since the prompt (a new build with the same tag), so the reference must
 * still point to the image the requester saw.
 */
async function performRemove(
  context: CommandContext,
  logger: Logger,
  target: RemovalTarget,
): Promise<ConfirmedResult> {
  const { docker, requester, config } = context;
  const goneResult = {
    outcome: 'failed' as const,
    text: `:grey_question: Image ${target.label} no longer exists, so there is nothing to remove.`,
  };

  const current = await inspectImageIfExists(docker, target.reference ?? target.imageId);
  if (current === undefined) {
    return goneResult;
  }
  if (current.Id !== target.imageId) {
    return {
      outcome: 'failed',
      text: `:x: ${inlineCode(target.reference ?? target.query)} now points to another image, ${inlineCode(shortId(current.Id))}, so nothing was removed. Run the command again to remove that one.`,
    };
  }
  const ownership = checkOwnership(current.Config.Labels, requester.userId, config.admins);
  if (!ownership.allowed) {
    return { outcome: 'failed', text: refusalText(target, ownership.ownerId, config.admins) };
  }

  const result = await removeImage(docker, target.reference ?? target.imageId, target.force);
  switch (result.kind) {
    case 'gone':
      return goneResult;
    case 'conflict': {
      const users = await containersUsingImage(docker, target.imageId);
      logger.info(
        {
          imageId: target.imageId,
          daemonMessage: result.daemonMessage,
          containerIds: users.map((container) => container.Id),
        },
        'image removal rejected by Docker',
      );
      return { outcome: 'failed', text: conflictText(target, result.daemonMessage, users) };
    }
    case 'removed': {
      logger.info(
        {
          imageId: target.imageId,
          reference: target.reference,
          untagged: result.untagged,
          deleted: result.deleted,
          owner: ownership.ownerId,
          actor: requester.userId,
          force: target.force,
        },
        'image removed',
      );
      const keptNote = result.deleted.length === 0 ? await keptImageNote(docker, target) : '';
      return {
        outcome: 'succeeded',
        text: `${removedText(target, result)}${keptNote} Requested by ${mentionUser(requester.userId)}.`,
      };
    }
  }
}

/** Notes what Docker will do with the image's other tags. */
function tagsNote(image: Docker.ImageInfo, reference: string | undefined): string {
  const tags = imageTags(image).filter((tag) => tag !== '<none>:<none>');
  if (reference === undefined) {
    return tags.length === 0
      ? ' It has no tags.'
      : ` Its tags: ${tags.map(inlineCode).join(', ')}.`;
  }
  const others = tags.filter((tag) => tag !== reference);
  return others.length === 0
    ? ''
    : ` It also has the tags ${others.map(inlineCode).join(', ')}, so Docker removes only the tag ${inlineCode(reference)}.`;
}

function conflictText(
  target: RemovalTarget,
  daemonMessage: string,
  users: readonly Docker.ContainerInfo[],
): string {
  const lines = [
    `:x: Docker refused to remove image ${target.label}: ${escapeSlackText(daemonMessage)}`,
  ];
  if (users.length > 0) {
    lines.push(`Containers using it: ${listContainers(users)}.`);
    if (users.some((container) => container.State === 'running')) {
      lines.push(
        `Docker never removes an image that a running container uses, even with -f. Stop and remove the running containers first, for example with ${inlineCode('/docker rm -f CONTAINER')}.`,
      );
    } else if (!target.force) {
      lines.push(
        `Remove those containers first with ${inlineCode('/docker rm CONTAINER')}, or remove the image anyway with ${inlineCode(`/docker rmi -f ${target.query}`)}.`,
      );
    }
  }
  return lines.join('\n');
}

function removedText(
  target: RemovalTarget,
  result: { untagged: readonly string[]; deleted: readonly string[] },
): string {
  const untagged =
    result.untagged.length === 0 ? '' : ` Untagged: ${result.untagged.map(inlineCode).join(', ')}.`;
  if (result.deleted.length === 0) {
    return `:label: Removed the tag ${target.label}.${untagged}`;
  }
  const deleted = result.deleted.map((id) => inlineCode(shortId(id))).join(', ');
  return `:wastebasket: Removed image ${target.label}.${untagged} Deleted: ${deleted}.`;
}

/**
 * Says why Docker kept the image after removing a tag: other tags still
 * name it, or a container uses it (`rmi -f` of a tag only untags then).
 */
async function keptImageNote(docker: Docker, target: RemovalTarget): Promise<string> {
  const image = await inspectImageIfExists(docker, target.imageId);
  if (image === undefined) {
    return '';
  }
  const reasons: string[] = [];
  const tags = image.RepoTags;
  if (tags.length > 0) {
    reasons.push(`it still has the tags ${tags.map(inlineCode).join(', ')}`);
  }
  const users = await containersUsingImage(docker, target.imageId);
  if (users.length > 0) {
    reasons.push(`containers use it: ${listContainers(users)}`);
  }
  const because = reasons.length === 0 ? '' : `: ${reasons.join(', and ')}`;
  return ` The image ${inlineCode(shortId(target.imageId))} stays${because}.`;
}

function refusalText(
  target: RemovalTarget,
  ownerId: string | undefined,
  admins: readonly string[],
): string {
  return ownershipRefusalText(
    { kind: 'Image', label: target.label, createdVerb: 'built', action: 'remove' },
    ownerId,
    admins,
  );
}

/** Lists containers as `` `web` (`0123456789ab`, running) ``, the first few by name. */
function listContainers(containers: readonly Docker.ContainerInfo[]): string {
  const listed = containers
    .slice(0, maxListedContainers)
    .map(
      (container) =>
        `${inlineCode(containerName(container))} (${inlineCode(shortId(container.Id))}, ${containerStateText(container.State)})`,
    );
  const unlisted = containers.length - listed.length;
  return unlisted > 0 ? `${listed.join(', ')} and ${unlisted} more` : listed.join(', ');
}
