import { mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CommandContext, CommandDefinition } from '../src/command.js';
import { packBuildContext } from '../src/docker/build-context.js';
import { buildImage } from '../src/docker/build-image.js';
import { shortId, toImageName } from '../src/docker/image-name.js';
import { ownerLabels } from '../src/docker/labels.js';
import { SlashdockError, toSlashdockError } from '../src/errors.js';
import { codeBlock, inlineCode } from '../src/format/slack-escape.js';
import { formatBytes } from '../src/format/bytes.js';
import { formatDuration } from '../src/format/duration.js';
import { cloneRepository } from '../src/git/clone.js';
import { parseRepoUrl, type RepoSource } from '../src/git/repo-url.js';
import type { ParsedArgs } from '../src/parser/parse-args.js';

/** Lines of output shown with a failure; the full log goes to the thread as a file. */
const failureTailLines = 30;

export const buildCommand: CommandDefinition = {
  name: 'build',
  usage: 'GIT_URL',
  summary:
    'Clone a git repository and build an image from its Dockerfile. GIT_URL takes the same #ref:folder suffix as docker build.',
  flags: [],
  checkArguments: (positionals) =>
    positionals.length === 1
      ? undefined
      : positionals.length === 0
        ? 'build needs a git repository URL.'
        : 'build takes exactly one git repository URL.',
  validate: (args, config) => {
    parseRepoUrl(args.positionals[0] ?? '', config.git);
  },
  destructive: false,
  output: 'thread',
  run: runBuild,
};

async function runBuild(context: CommandContext, args: ParsedArgs): Promise<void> {
  const { reporter, config, logger } = context;
  const source = parseRepoUrl(args.positionals[0] ?? '', config.git);
  const startedAt = Date.now();
  const workDir = await mkdtemp(path.join(config.workDir, 'slashdock-build-'));
  const output: string[] = [];

  try {
    await reporter.status(
      `:hourglass_flowing_sand: Cloning ${describeSource(source)} for <@${context.requester.userId}>…`,
    );
    const { commitSha } = await cloneRepository({
      source,
      destination: path.join(workDir, 'repo'),
      allowInsecure: config.git.allowInsecure,
      credentials: config.git.credentials,
      timeoutMs: config.git.cloneTimeoutMs,
      signal: context.signal,
      logger,
    });
    await reporter.reply(
      `Cloned ${describeSource(source)} at commit ${inlineCode(commitSha.slice(0, 12))}.`,
    );

    const contextDir = await findBuildContext(path.join(workDir, 'repo'), source);
    const tag = `${toImageName(source.repoName)}:${commitSha.slice(0, 12)}`;
    await reporter.status(
      `:hammer_and_wrench: Building ${inlineCode(tag)} from ${describeSource(source)}…`,
    );

    logger.info({ tag }, 'build started');
    const image = await buildImage(context.docker, {
      context: await packBuildContext(contextDir),
      dockerfile: 'Dockerfile',
      tags: [tag],
      labels: {
        ...ownerLabels(context.requester, reporter.threadId, 'build'),
        'org.opencontainers.image.source': source.cloneUrl,
        'org.opencontainers.image.revision': commitSha,
      },
      signal: context.signal,
      onOutput: (line) => output.push(line),
    });
    const inspected = await context.docker.getImage(image.imageId).inspect();
    const duration = formatDuration(Date.now() - startedAt);
    logger.info({ tag, imageId: image.imageId }, 'build finished');

    await reporter.reply(
      [
        `*Image* ${inlineCode(image.imageId)}`,
        `*Tags* ${image.tags.map(inlineCode).join(', ')}`,
        `*Size* ${formatBytes(inspected.Size)}`,
        `*Commit* ${inlineCode(commitSha)}`,
        `*Duration* ${duration}`,
      ].join('\n'),
    );
    await uploadLog(context, tag, output);
    await reporter.done(
      `:white_check_mark: Built ${inlineCode(tag)} (image ${inlineCode(shortId(image.imageId))}) from ${describeSource(source)} in ${duration}.`,
    );
  } catch (error) {
    const failure = toSlashdockError(error);
    if (output.length > 0) {
      await reporter.reply(
        `Last lines of the build output:\n${codeBlock(output.slice(-failureTailLines).join('\n'))}`,
      );
      await uploadLog(context, source.repoName, output);
    }
    throw failure;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function describeSource(source: RepoSource): string {
  const ref = source.ref === undefined ? '' : `#${source.ref}`;
  const subdir = source.subdir === '' ? '' : `:${source.subdir}`;
  return inlineCode(`${source.cloneUrl}${ref}${subdir}`);
}

async function findBuildContext(repoDir: string, source: RepoSource): Promise<string> {
  const contextDir = path.resolve(repoDir, source.subdir);
  if (path.relative(repoDir, contextDir).startsWith('..')) {
    throw new SlashdockError(
      'repo_url_rejected',
      'The build folder must be inside the repository.',
    );
  }

  if (!(await isDirectory(contextDir))) {
    throw new SlashdockError(
      'dockerfile_missing',
      `The folder "${source.subdir}" does not exist in the repository. Check the path after ":" in the URL.`,
    );
  }
  if (!(await isFile(path.join(contextDir, 'Dockerfile')))) {
    const where =
      source.subdir === '' ? 'the root of the repository' : `the folder "${source.subdir}"`;
    throw new SlashdockError(
      'dockerfile_missing',
      `No Dockerfile was found in ${where}. Add one, or point at the folder that has it with #ref:folder.`,
    );
  }
  return contextDir;
}

async function isDirectory(target: string): Promise<boolean> {
  return (await stat(target).catch(() => undefined))?.isDirectory() === true;
}

async function isFile(target: string): Promise<boolean> {
  return (await stat(target).catch(() => undefined))?.isFile() === true;
}

async function uploadLog(
  context: CommandContext,
  name: string,
  output: readonly string[],
): Promise<void> {
  try {
    await context.reporter.upload({
      filename: `${toImageName(name)}-build.log`,
      title: 'Full build log',
      content: output.join('\n'),
    });
  } catch (error) {
    // The result itself still reaches the status message, so a lost log
    // file is worth a warning, not a failed build.
    context.logger.warn({ err: error }, 'build log upload failed');
  }
}
