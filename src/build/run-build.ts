import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CommandContext, CommandOutcome } from '../command.js';
import { buildImage, type BuiltImage } from '../docker/build-image.js';
import { packBuildContext } from '../docker/build-context.js';
import { toImageName } from '../docker/image-name.js';
import {
  intermediateContainerOf,
  removeIntermediateContainer,
} from '../docker/intermediate-container.js';
import { ownerLabels } from '../docker/labels.js';
import { toSlashdockError } from '../errors.js';
import { formatBytes } from '../format/bytes.js';
import { createMasker } from '../format/mask.js';
import { inlineCode } from '../format/slack-escape.js';
import { cloneRepository } from '../git/clone.js';
import { checkRepoHost } from '../git/host-addresses.js';
import type { ReportAction } from '../reporter.js';
import { stopReasonOf, type ActiveBuild } from './active-builds.js';
import { locateBuildContext } from './build-context-location.js';
import { BuildLog } from './build-log.js';
import { BuildProgress } from './build-progress.js';
import type { BuildRequest } from './build-request.js';
import { UpdateCoalescer } from './coalescer.js';
import { renderBuildStatus, type BuildPhase } from './progress-text.js';
import {
  describeSource,
  sourceText,
  renderBuildFailure,
  renderBuildStopped,
  renderBuildSuccess,
} from './result-text.js';

/** The action ID of the Cancel button under a build's status message. */
export const cancelBuildActionId = 'build_cancel';

/** State of one build while it runs, shared by its steps. */
interface BuildJob {
  context: CommandContext;
  request: BuildRequest;
  active: ActiveBuild;
  startedAt: number;
  progress: BuildProgress;
  log: BuildLog;
  mask: (text: string) => string;
  updates: UpdateCoalescer;
  phase: BuildPhase;
  commitSha: string | undefined;
  /** The container the current step runs in, removed if the build stops mid-step. */
  intermediateContainerId: string | undefined;
}

/**
 * Runs one build from queue to result: waits for a slot, clones, sends the
 * context, builds and tags, while the status message shows live progress
 * with a Cancel button. Whatever happens, the temporary folder is removed,
 * the final result replaces the progress, and the full log goes to the
 * thread.
 */
export async function runBuild(
  context: CommandContext,
  request: BuildRequest,
): Promise<CommandOutcome> {
  const { services, requester, config } = context;
  await checkRepoHost(request.source.host, services.resolveHost, config.git.allowPrivateHosts);
  const jobId = randomUUID();
  const active = services.activeBuilds.register(jobId, requester.userId, context.signal);
  const cancelButton: ReportAction[] = [
    { actionId: cancelBuildActionId, label: 'Cancel', value: jobId, style: 'danger' },
  ];
  const job: BuildJob = {
    context,
    request,
    active,
    startedAt: Date.now(),
    progress: new BuildProgress(),
    log: new BuildLog(),
    mask: createMasker(request.buildArgs.values()),
    updates: new UpdateCoalescer({
      send: (text) => context.reporter.status(text, cancelButton),
      onError: (error) => {
        context.logger.warn({ err: error, jobId }, 'progress update failed');
      },
      intervalMs: config.build.progressIntervalMs,
    }),
    phase: 'queued',
    commitSha: undefined,
    intermediateContainerId: undefined,
  };
  const logger = context.logger.child({ jobId });

  try {
    await context.reporter.status(renderStatus(job), cancelButton);
    const image = await services.buildQueue.enqueue({
      jobId,
      userId: requester.userId,
      signal: active.signal,
      onPosition: (position, waiting) => {
        job.updates.push(renderStatus(job, { queuePosition: position, queueLength: waiting }));
      },
      run: () => runWithTimeout(job),
    });
    await finishWithSuccess(job, image);
    logger.info({ imageId: image.imageId, tags: image.tags }, 'build succeeded');
    return 'succeeded';
  } catch (error) {
    await finishWithFailure(job, error);
    return 'failed';
  } finally {
    services.activeBuilds.remove(jobId);
  }
}

async function runWithTimeout(job: BuildJob): Promise<BuiltImage> {
  const { services, config } = job.context;
  const timer = setTimeout(() => {
    services.activeBuilds.timeOut(job.active.jobId, config.build.timeoutMs);
  }, config.build.timeoutMs);

  try {
    return await cloneAndBuild(job);
  } finally {
    clearTimeout(timer);
  }
}

async function cloneAndBuild(job: BuildJob): Promise<BuiltImage> {
  const { context, request } = job;
  const { config, reporter } = context;
  const workDir = await mkdtemp(path.join(config.workDir, 'slashdock-build-'));
  const logger = context.logger.child({ jobId: job.active.jobId });

  try {
    job.phase = 'cloning';
    job.updates.push(renderStatus(job));
    const repoDir = path.join(workDir, 'repo');
    const { commitSha } = await cloneRepository({
      source: request.source,
      destination: repoDir,
      allowInsecure: config.git.allowInsecure,
      credentials: config.git.credentials,
      timeoutMs: config.git.cloneTimeoutMs,
      maxBytes: config.git.maxRepoBytes,
      submodules: config.git.submodules,
      signal: job.active.signal,
      logger,
    });
    job.commitSha = commitSha;
    await reporter.reply(
      `Cloned ${describeSource(request.source)} at commit ${inlineCode(commitSha.slice(0, 12))}.`,
    );

    const contextDir = await locateBuildContext(repoDir, request.source.subdir, request.dockerfile);
    const buildContext = await packBuildContext(contextDir, {
      dockerfile: request.dockerfile,
      maxBytes: config.build.maxContextBytes,
    });
    logger.info(
      { files: buildContext.fileCount, bytes: buildContext.totalBytes },
      'build context ready',
    );
    await reporter.reply(
      `Sending the build context: ${buildContext.fileCount} files, ${formatBytes(buildContext.totalBytes)}.`,
    );

    job.phase = 'building';
    job.updates.push(renderStatus(job));
    const tags =
      request.tags.length > 0
        ? request.tags
        : [`${toImageName(request.source.repoName)}:${commitSha.slice(0, 12)}`];
    logger.info({ tags }, 'build started');

    return await buildImage(context.docker, {
      context: buildContext.stream,
      dockerfile: request.dockerfile,
      tags,
      labels: {
        ...ownerLabels(context.requester, reporter.threadId, 'build'),
        'slashdock.git-ref': request.source.ref ?? '',
        'org.opencontainers.image.source': request.source.cloneUrl,
        'org.opencontainers.image.revision': commitSha,
      },
      buildArgs: request.buildArgs,
      target: request.target,
      noCache: request.noCache,
      pull: request.pull,
      signal: job.active.signal,
      onOutput: (line) => {
        job.intermediateContainerId = intermediateContainerOf(line) ?? job.intermediateContainerId;
        const masked = job.mask(line);
        job.log.add(masked);
        job.progress.onLine(masked);
        job.updates.push(renderStatus(job));
      },
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function finishWithSuccess(job: BuildJob, image: BuiltImage): Promise<void> {
  const { context, request } = job;
  await job.updates.close();

  const inspected = await context.docker.getImage(image.imageId).inspect();
  const result = {
    source: request.source,
    imageId: image.imageId,
    tags: image.tags,
    sizeBytes: inspected.Size,
    commitSha: job.commitSha ?? '',
    durationMs: Date.now() - job.startedAt,
  };
  await uploadLog(job);
  await context.reporter.done(renderBuildSuccess(result));
}

async function finishWithFailure(job: BuildJob, error: unknown): Promise<void> {
  const { context, request } = job;
  await job.updates.close();
  const durationMs = Date.now() - job.startedAt;
  const failure = toSlashdockError(error);
  const logger = context.logger.child({ jobId: job.active.jobId });
  if (job.intermediateContainerId !== undefined) {
    await removeIntermediateContainer(context.docker, job.intermediateContainerId, logger);
  }

  let text: string;
  if (job.active.signal.aborted) {
    const reason = stopReasonOf(job.active.signal);
    logger.info({ reason: reason.kind, durationMs }, 'build stopped');
    text = renderBuildStopped(request.source, reason, durationMs);
  } else {
    logger.error({ code: failure.code, err: failure.cause ?? failure, durationMs }, 'build failed');
    text = renderBuildFailure({
      source: request.source,
      message: job.mask(failure.message),
      failingStep: failure.code === 'build_failed' ? job.progress.failingStep() : undefined,
      outputTail: job.progress.tail(30),
      durationMs,
      pullRequested: request.pull,
    });
  }

  await uploadLog(job);
  try {
    await context.reporter.fail(text);
  } catch (reportError) {
    // NOTE: a final result Slack refuses here is lost; retries until a
    // deadline belong in the Slack delivery layer.
    logger.error({ err: reportError }, 'build result could not be delivered');
  }
}

async function uploadLog(job: BuildJob): Promise<void> {
  if (job.log.isEmpty) {
    return;
  }
  try {
    await job.context.reporter.upload({
      filename: `${toImageName(job.request.source.repoName)}-build.log`,
      title: 'Full build log',
      content: job.log.toString(),
    });
  } catch (error) {
    // The result itself still reaches the status message, so a lost log
    // file is worth a warning, not a failed build.
    job.context.logger.warn({ err: error, jobId: job.active.jobId }, 'build log upload failed');
  }
}

function renderStatus(
  job: BuildJob,
  queue: { queuePosition?: number; queueLength?: number } = {},
): string {
  const { request, progress } = job;
  return renderBuildStatus({
    phase: job.phase,
    requesterId: job.context.requester.userId,
    source: sourceText(request.source),
    step: progress.step,
    totalSteps: progress.totalSteps,
    instruction: progress.instruction,
    elapsedMs: Date.now() - job.startedAt,
    ...queue,
  });
}
