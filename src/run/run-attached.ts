import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { UpdateCoalescer } from '../build/coalescer.js';
import type { CommandContext, CommandOutcome } from '../command.js';
import { dockerStatusCode } from '../docker/docker-status.js';
import { ownerLabels } from '../docker/labels.js';
import { toSlashdockError } from '../errors.js';
import { createMasker } from '../format/mask.js';
import type { Logger } from '../logger.js';
import type { ReportAction } from '../reporter.js';
import { stopReasonOf, type StoppableJob } from '../stoppable-jobs.js';
import { buildContainerOptions } from './container-options.js';
import {
  createRunContainer,
  readRecordedExit,
  removeRunContainer,
  requireLocalImage,
  startRunContainer,
  stopRunContainer,
} from './run-container.js';
import { RunOutput } from './run-output.js';
import type { RunRequest } from './run-request.js';
import {
  describeRun,
  finalOutput,
  isSuccessfulRun,
  liveOutput,
  renderAttachedResult,
  renderRunFailure,
  renderRunProgress,
  renderRunStarting,
  type ContainerIdentity,
  type RunEnd,
} from './run-text.js';

/** The action ID of the Stop button under an attached run's status message. */
export const stopRunActionId = 'run_stop';

/** State of one attached run, shared by its steps. */
interface AttachedRun {
  context: CommandContext;
  request: RunRequest;
  active: StoppableJob;
  logger: Logger;
  /** The image and command as shown in Slack, with `-e` values masked. */
  description: string;
  mask: (text: string) => string;
  output: RunOutput;
  updates: UpdateCoalescer;
  startedAt: number;
}

/**
 * Runs a container in the foreground of a thread. The status message is
 * posted first, so that the labels can name its thread. Then the container
 * is created, attached to and started, and its output streams into the
 * status message, with a Stop button, until it exits, times out or is
 * stopped. The final status gives the exit code, the duration, a memory
 * kill or timeout, and the end of the output. Longer output goes to the
 * thread as a file.
 */
export async function runAttached(
  context: CommandContext,
  request: RunRequest,
): Promise<CommandOutcome> {
  const { services, requester, reporter, config } = context;
  const jobId = randomUUID();
  const active = services.activeRuns.register(jobId, requester.userId, context.signal);
  const stopButton: ReportAction[] = [
    { actionId: stopRunActionId, label: 'Stop', value: jobId, style: 'danger' },
  ];
  const mask = createMasker(request.env.values());
  const logger = context.logger.child({ jobId });
  const run: AttachedRun = {
    context,
    request,
    active,
    logger,
    description: describeRun(request, mask),
    mask,
    output: new RunOutput(mask),
    updates: new UpdateCoalescer({
      send: (text) => reporter.status(text, stopButton),
      onError: (error) => {
        logger.warn({ err: error }, 'run status update failed');
      },
      intervalMs: config.build.progressIntervalMs,
    }),
    startedAt: Date.now(),
  };

  let container: Docker.Container | undefined;
  let started = false;
  try {
    await reporter.status(renderRunStarting(run.description, requester.userId), stopButton);
    await requireLocalImage(context.docker, request.image);

    const labels = ownerLabels(requester, reporter.threadId, 'run');
    const created = await createRunContainer(
      context.docker,
      buildContainerOptions(request, config.run, labels),
    );
    container = created.container;
    run.logger = logger.child({ containerId: created.identity.id });
    run.logger.info(
      {
        image: request.image,
        name: created.identity.name,
        memoryBytes: request.memoryBytes,
        nanoCpus: request.nanoCpus,
        timeoutMs: request.timeoutMs,
        envCount: request.env.size,
      },
      'run container created',
    );

    const end = await attachAndWait(run, created.container, () => {
      started = true;
    });
    return await finishRun(run, created.container, created.identity, end);
  } catch (error) {
    await cleanUpAfterFailure(run, container, started);
    return await reportFailure(run, error);
  } finally {
    services.activeRuns.remove(jobId);
  }
}

/**
 * Attaches before starting, as the Docker CLI does, so that no output is
 * missed, then reads the output until the container exits. The timeout and
 * the Stop button abort the job's signal, which stops the container; its
 * output then ends like any other.
 */
async function attachAndWait(
  run: AttachedRun,
  container: Docker.Container,
  onStarted: () => void,
): Promise<RunEnd> {
  const { context, request, active, output } = run;
  const stream = await container.attach({ stream: true, stdout: true, stderr: true });
  const outputEnded = new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      if (output.write(chunk)) {
        run.updates.push(renderProgress(run));
      }
    });
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', (error: unknown) => {
      run.logger.warn({ err: error }, 'run output stream failed');
      resolve();
    });
  });

  try {
    await startRunContainer(container, run.logger);
  } catch (error) {
    destroyStream(stream);
    throw error;
  }
  onStarted();
  run.startedAt = Date.now();
  run.logger.info('run container started');
  run.updates.push(renderProgress(run));

  let stopping: Promise<void> | undefined;
  const stopContainer = (): void => {
    stopping = stopRunContainer(container, run.logger);
  };
  const timer = setTimeout(() => {
    context.services.activeRuns.timeOut(active.jobId, request.timeoutMs);
  }, request.timeoutMs);
  if (active.signal.aborted) {
    stopContainer();
  } else {
    active.signal.addEventListener('abort', stopContainer, { once: true });
  }

  try {
    await outputEnded;
    output.end();
    const waitedExitCode = await waitForExit(container);
    // The stop request returns only after the grace period; `--rm` must not race it.
    await stopping;
    const recorded = await readRecordedExit(container);
    return {
      exitCode: recorded?.exitCode ?? waitedExitCode,
      oomKilled: recorded?.oomKilled ?? false,
      durationMs: recorded?.durationMs ?? Date.now() - run.startedAt,
      stopReason: active.signal.aborted ? stopReasonOf(active.signal) : undefined,
    };
  } finally {
    clearTimeout(timer);
    active.signal.removeEventListener('abort', stopContainer);
  }
}

async function finishRun(
  run: AttachedRun,
  container: Docker.Container,
  identity: ContainerIdentity,
  end: RunEnd,
): Promise<CommandOutcome> {
  const { context, request, output } = run;
  await run.updates.close();
  run.logger.info(
    {
      exitCode: end.exitCode,
      oomKilled: end.oomKilled,
      stopReason: end.stopReason?.kind,
      durationMs: end.durationMs,
      outputLines: output.tail.totalLines,
    },
    'run container exited',
  );

  const removed = request.remove && (await removeRunContainer(container, run.logger));
  const shownLines = output.tail.lastWithin(finalOutput.characters, finalOutput.lines);
  const needsFile = shownLines.length < output.tail.totalLines;
  const fileAttached = needsFile && (await uploadOutput(run, identity));
  const text = renderAttachedResult({
    description: run.description,
    end,
    container: identity,
    request,
    removed,
    output: shownLines,
    totalLines: output.tail.totalLines,
    fileAttached,
  });

  const succeeded = isSuccessfulRun(end);
  try {
    await (succeeded ? context.reporter.done(text) : context.reporter.fail(text));
  } catch (error) {
    run.logger.error({ err: error }, 'run result could not be delivered');
  }
  return succeeded ? 'succeeded' : 'failed';
}

/**
 * Cleans up after a failed run, so that no container is left unwatched. A
 * container that never started is removed. One that did is stopped,
 * because its timeout no longer runs, and removed when `--rm` was given.
 */
async function cleanUpAfterFailure(
  run: AttachedRun,
  container: Docker.Container | undefined,
  started: boolean,
): Promise<void> {
  await run.updates.close();
  if (container === undefined) {
    return;
  }
  if (started) {
    await stopRunContainer(container, run.logger);
  }
  if (!started || run.request.remove) {
    await removeRunContainer(container, run.logger);
  }
}

async function reportFailure(run: AttachedRun, error: unknown): Promise<CommandOutcome> {
  const failure = toSlashdockError(error);
  run.logger.error(
    { code: failure.code, err: failure.cause ?? failure, durationMs: Date.now() - run.startedAt },
    'run failed',
  );
  try {
    await run.context.reporter.fail(renderRunFailure(run.description, run.mask(failure.message)));
  } catch (reportError) {
    run.logger.error({ err: reportError }, 'run failure could not be delivered');
  }
  return 'failed';
}

async function uploadOutput(run: AttachedRun, identity: ContainerIdentity): Promise<boolean> {
  try {
    await run.context.reporter.upload({
      filename: `${identity.name}-output.log`,
      title: `Output of ${identity.name}`,
      content: run.output.log.toString(),
    });
    return true;
  } catch (error) {
    // The exit code and the end of the output still reach the status
    // message, so a lost file is worth a warning, not a failed run.
    run.logger.warn({ err: error }, 'run output upload failed');
    return false;
  }
}

/**
 * Waits until the daemon has recorded the exit, which can come a moment
 * after the output ends. Returns the exit code, or undefined when the
 * container was removed meanwhile, by `/docker rm -f` for example.
 */
async function waitForExit(container: Docker.Container): Promise<number | undefined> {
  try {
    const waited = (await container.wait()) as { StatusCode?: unknown };
    return typeof waited.StatusCode === 'number' ? waited.StatusCode : undefined;
  } catch (error) {
    if (dockerStatusCode(error) === 404) {
      return undefined;
    }
    throw error;
  }
}

function renderProgress(run: AttachedRun): string {
  return renderRunProgress(
    run.description,
    run.context.requester.userId,
    Date.now() - run.startedAt,
    run.output.tail.lastWithin(liveOutput.characters, liveOutput.lines),
  );
}

function destroyStream(stream: NodeJS.ReadWriteStream): void {
  if ('destroy' in stream && typeof stream.destroy === 'function') {
    (stream as { destroy: () => void }).destroy();
  }
}
