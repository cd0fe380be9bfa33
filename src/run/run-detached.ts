import type Docker from 'dockerode';
import type { CommandContext, CommandOutcome } from '../command.js';
import { registerExitWait, type ExitWait } from '../docker/exit-wait.js';
import { ownerLabels } from '../docker/labels.js';
import { toSlashdockError } from '../errors.js';
import { createMasker } from '../format/mask.js';
import type { Logger } from '../logger.js';
import { buildContainerOptions } from './container-options.js';
import {
  createRunContainer,
  removeRunContainer,
  requireLocalImage,
  startRunContainer,
} from './run-container.js';
import type { RunRequest } from './run-request.js';
import {
  describeRun,
  renderDetachedStarted,
  renderRunFailure,
  renderRunStarting,
} from './run-text.js';
import { watchDetachedRun } from './watch-detached-run.js';

/**
 * Starts a container in the background. The status message is posted
 * first, so that the labels can name its thread, and ends with the
 * container's short ID and name. A background job then watches the
 * container, stops it when its timeout passes, and posts in the thread
 * when it exits.
 */
export async function runDetached(
  context: CommandContext,
  request: RunRequest,
): Promise<CommandOutcome> {
  const { services, requester, reporter, config } = context;
  const mask = createMasker(request.env.values());
  const description = describeRun(request, mask);
  let logger = context.logger;
  let text: string;

  try {
    await reporter.status(renderRunStarting(description, requester.userId));
    await requireLocalImage(context.docker, request.image);

    const labels = ownerLabels(requester, reporter.threadId, 'run');
    const { container, identity } = await createRunContainer(
      context.docker,
      buildContainerOptions(request, config.run, labels),
    );
    logger = logger.child({ containerId: identity.id });
    logger.info(
      {
        image: request.image,
        name: identity.name,
        memoryBytes: request.memoryBytes,
        nanoCpus: request.nanoCpus,
        timeoutMs: request.timeoutMs,
        envCount: request.env.size,
        autoRemove: request.remove,
      },
      'detached run container created',
    );

    const exitWait = await waitThenStart(context, request, container, logger);
    logger.info('detached run container started');

    services.backgroundJobs.start(() =>
      watchDetachedRun({
        context,
        request,
        container,
        identity,
        exitWait,
        startedAt: Date.now(),
        logger,
      }),
    );
    text = renderDetachedStarted(description, identity, request, requester.userId);
  } catch (error) {
    const failure = toSlashdockError(error);
    logger.error({ code: failure.code, err: failure.cause ?? failure }, 'detached run failed');
    await deliver(
      () => reporter.fail(renderRunFailure(description, mask(failure.message))),
      logger,
    );
    return 'failed';
  }

  // The container runs whatever happens to this message, so a lost message is logged only.
  await deliver(() => reporter.done(text), logger);
  return 'succeeded';
}

async function deliver(send: () => Promise<void>, logger: Logger): Promise<void> {
  try {
    await send();
  } catch (error) {
    logger.error({ err: error }, 'detached run status could not be delivered');
  }
}

/**
 * Registers the exit wait before starting, so that a container that exits
 * (and, with `--rm`, is removed) at once is still seen. A container that
 * cannot be watched or started is removed.
 */
async function waitThenStart(
  context: CommandContext,
  request: RunRequest,
  container: Docker.Container,
  logger: Logger,
): Promise<ExitWait> {
  let exitWait: ExitWait;
  try {
    exitWait = await registerExitWait(
      context.docker,
      container.id,
      request.remove ? 'removed' : 'next-exit',
      context.services.backgroundJobs.signal,
    );
  } catch (error) {
    await removeRunContainer(container, logger);
    throw error;
  }

  try {
    await startRunContainer(container, logger);
  } catch (error) {
    exitWait.cancel();
    throw error;
  }
  return exitWait;
}
