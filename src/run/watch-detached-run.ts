import type Docker from 'dockerode';
import type { CommandContext } from '../command.js';
import type { ExitWait } from '../docker/exit-wait.js';
import { inlineCode } from '../format/slack-escape.js';
import type { Logger } from '../logger.js';
import { readRecordedExit, stopRunContainer } from './run-container.js';
import type { RunRequest } from './run-request.js';
import { renderRunHeadline, type ContainerIdentity, type RunEnd } from './run-text.js';

export interface DetachedRun {
  context: CommandContext;
  request: RunRequest;
  container: Docker.Container;
  identity: ContainerIdentity;
  exitWait: ExitWait;
  startedAt: number;
  logger: Logger;
}

/**
 * Watches a detached container until it exits: stops it when its timeout
 * passes, then replies in the thread with how it ended. Runs as a
 * background job and never throws. When Slashdock shuts down, it stops
 * watching and leaves the container running.
 *
 * NOTE: the timeout lives in this process only; a container whose watcher
 * ended with a restart runs until someone stops it.
 */
export async function watchDetachedRun(run: DetachedRun): Promise<void> {
  const { context, request, container, identity, logger } = run;
  const shutdown = context.services.backgroundJobs.signal;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    logger.info({ timeoutMs: request.timeoutMs }, 'detached run timed out; stopping it');
    void stopRunContainer(container, logger);
  }, request.timeoutMs);

  let exitCode: number;
  try {
    const exit = await run.exitWait.exited;
    exitCode = exit.statusCode;
    if (exit.error !== undefined) {
      logger.warn({ daemonError: exit.error }, 'daemon reported an error while waiting');
    }
  } catch (error) {
    if (shutdown.aborted) {
      logger.info('stopped watching a detached run because Slashdock is shutting down');
      return;
    }
    logger.error({ err: error }, 'watching a detached run failed');
    await replySafely(
      run,
      `:warning: Slashdock lost track of ${inlineCode(identity.name)} and cannot say when it exits. /docker ps -a shows its state.`,
    );
    return;
  } finally {
    clearTimeout(timer);
  }

  const end = await readEnd(run, exitCode, timedOut);
  logger.info(
    {
      exitCode: end.exitCode,
      oomKilled: end.oomKilled,
      timedOut,
      durationMs: end.durationMs,
    },
    'detached run exited',
  );
  const removal = request.remove ? ' It was removed.' : '';
  await replySafely(
    run,
    `${renderRunHeadline(inlineCode(identity.name), end, request.memoryBytes)}${removal}`,
  );
}

/** Completes the exit code with the daemon's record; an auto-removed container has none left. */
async function readEnd(run: DetachedRun, exitCode: number, timedOut: boolean): Promise<RunEnd> {
  let recorded;
  if (!run.request.remove) {
    try {
      recorded = await readRecordedExit(run.container);
    } catch (error) {
      run.logger.warn({ err: error }, 'reading the exit record of a detached run failed');
    }
  }

  return {
    exitCode,
    oomKilled: recorded?.oomKilled ?? false,
    durationMs: recorded?.durationMs ?? Date.now() - run.startedAt,
    stopReason: timedOut ? { kind: 'timed_out', afterMs: run.request.timeoutMs } : undefined,
  };
}

async function replySafely(run: DetachedRun, text: string): Promise<void> {
  try {
    await run.context.reporter.reply(text);
  } catch (error) {
    run.logger.error({ err: error }, 'detached run result could not be delivered');
  }
}
